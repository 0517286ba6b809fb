using System.Text;
using Search.Indexer.Engine.Elasticsearch;
using Search.Indexer.Engine.Lucene;
using Search.Indexer.Loading;
using Search.Indexer.Records;
using Search.Indexer.Tests.Support;
using Xunit.Abstractions;

namespace Search.Indexer.Tests.Engine.Elasticsearch;

/// <summary>
/// The default bulk batch measured on real records: the 61-column Chinese export (full records with
/// abstracts and claims) and USPTO full text, the two extremes of document size. A batch must stay
/// inside Elasticsearch's recommended 5–15 MB per request for the export layout's records and under
/// 15 MB for full text. The figures are printed (run with --logger "console;verbosity=detailed").
/// </summary>
public sealed class ElasticsearchBulkSizeTests(ITestOutputHelper output)
{
    private static async Task<List<PatentRecord>> LoadAsync(string sample)
    {
        using var folder = new TempFolder();
        using var index = LuceneIndex.Open(folder.File("index"));
        await new PatentLoader(index, Search.Indexer.Readers.DefaultReaders.Catalog)
            .LoadAsync([Path.Combine(AppContext.BaseDirectory, "TestData", sample)], new LoadOptions { QuarantineFolder = folder.File("q") });
        var records = new List<PatentRecord>();
        await foreach (var r in index.ExportAsync()) records.Add(r);
        return records;
    }

    [Theory]
    [InlineData("cn-export", 5.0)]
    [InlineData("uspto-xml", 5.0)]
    public async Task DefaultBatch_of_real_records_fits_the_recommended_request_size(string sample, double minMegabytes)
    {
        var records = await LoadAsync(sample);
        Assert.NotEmpty(records);
        var recordBytes = records.Average(r => Encoding.UTF8.GetByteCount(RecordJson.Serialize(r)));
        var bulkBytes = (double)Encoding.UTF8.GetByteCount(ElasticsearchBulkWriter.Body("patents-v1", records)) / records.Count;
        var batch = new ElasticsearchOptions().BulkBatchSize;
        var megabytes = bulkBytes * batch / 1_048_576;
        output.WriteLine($"{sample}: {records.Count} records, record {recordBytes:F0} B, bulk item {bulkBytes:F0} B, batch of {batch} = {megabytes:F1} MB");
        Assert.InRange(megabytes, minMegabytes, 15.0);
    }
}
