using System.Xml.Linq;
using Marketplace.Web.Patents;
using Marketplace.Web.Tests.Support;
using Microsoft.Extensions.Primitives;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Search;

public sealed class PatentTermTests
{
    private static PatentRecord Record(string country, DocumentType type, DateOnly? filed) => new()
    {
        PublicationNumber = new PatentNumber(country, "123456789", "A"),
        DocumentType = type,
        ApplicationDate = filed,
    };

    [Theory]
    [InlineData(DocumentType.Invention, "2015-03-15", "2035-03-15", 20)]
    [InlineData(DocumentType.UtilityModel, "2015-03-15", "2025-03-15", 10)]
    [InlineData(DocumentType.Design, "2021-05-31", "2031-05-31", 10)]
    [InlineData(DocumentType.Design, "2021-06-01", "2036-06-01", 15)]
    public void A_Chinese_patent_ends_its_statutory_term_counted_from_filing(DocumentType type, string filed, string expiry, int years)
    {
        var term = PatentTerm.Of(Record("CN", type, DateOnly.Parse(filed, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(DateOnly.Parse(expiry, System.Globalization.CultureInfo.InvariantCulture), term.Expiry);
        Assert.Equal(years, term.Years);
        Assert.Equal(TermBasis.ChinesePatentLaw, term.Basis);
    }

    [Fact]
    public void The_term_ends_on_the_anniversary_and_the_right_lasts_until_the_day_before_as_the_examination_guidelines_count()
    {
        // 专利审查指南's example: filed 1999-09-06, the term is 1999-09-06 to 2019-09-05 and ends (期满终止日) on 2019-09-06.
        var filed = new DateOnly(1999, 9, 6);
        var term = PatentTerm.Of(Record("CN", DocumentType.Invention, filed));

        Assert.Equal(new DateOnly(2019, 9, 6), term.Expiry);
        Assert.Equal(new DateOnly(2019, 9, 5), term.LastDay);
        Assert.Equal(term.LastDay, PatentTerm.LastDayOfRight(DocumentType.Invention, filed));
        Assert.Equal(new DateOnly(2010, 1, 1), PatentTerm.LastDayOfRight(DocumentType.Invention, filed, lapsed: new DateOnly(2010, 1, 1)));
    }

    [Fact]
    public void A_foreign_invention_gets_an_estimate_and_a_record_without_filing_date_none()
    {
        Assert.Equal(TermBasis.Estimate, PatentTerm.Of(Record("US", DocumentType.Invention, new DateOnly(2010, 1, 5))).Basis);
        Assert.Equal(new DateOnly(2030, 1, 5), PatentTerm.Of(Record("US", DocumentType.Invention, new DateOnly(2010, 1, 5))).Expiry);
        Assert.Null(PatentTerm.Of(Record("CN", DocumentType.Invention, null)).Expiry);
        Assert.Null(PatentTerm.Of(Record("US", DocumentType.Design, new DateOnly(2010, 1, 5))).Expiry);
    }
}

public sealed class AdvancedSearchTests
{
    private static AdvancedSearch Form(params (string Key, string Value)[] fields) =>
        AdvancedSearch.Parse(fields.Select(f => new KeyValuePair<string, StringValues>(AdvancedSearch.Prefix + f.Key, f.Value)));

    [Fact]
    public void Every_composed_query_parses_in_the_engines_syntax()
    {
        var form = Form(("words", "锂电池 OR 储能"), ("title", "散热"), ("claim", "heat sink"), ("inventor", "张三"), ("cpc", "Y02E60"),
            ("pn", "CN218751475U"), ("gd.to", "2024-12-31"), ("status", "inForce"));

        var q = form.Compose(out var problems);

        Assert.Empty(problems);
        Assert.Equal("(锂电池 OR 储能) title:散热 claim:\"heat sink\" inventor:张三 cpc:Y02E60 pn:CN218751475U gd:<=20241231 status:inForce", q);
        Assert.IsNotType<MatchAllNode>(QuerySyntax.Parse(q));
    }

    [Fact]
    public void Full_width_form_input_is_read_as_half_width()
    {
        var q = Form(("ipc", "Ｈ０１Ｍ１０"), ("country", "ｃｎ")).Compose(out var problems);

        Assert.Empty(problems);
        Assert.Equal("ipc:H01M10 country:CN", q);
    }

    [Fact]
    public void Every_problem_the_form_reports_has_a_Chinese_translation()
    {
        Form(("ipc", "ZZZ"), ("ad.from", "2020-13-01"), ("pd.from", "2023-01-01"), ("pd.to", "2020-01-01"), ("type", "poem"), ("status", "asleep"), ("country", "China"))
            .Compose(out var problems);
        var resx = XDocument.Load(Path.Combine(RepositoryPaths.WebProject, "Localization", "SharedResource.zh-CN.resx"));
        var translated = resx.Root!.Elements("data").Select(d => d.Attribute("name")!.Value).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(6, problems.Select(p => p.Format).Distinct().Count());
        Assert.All(problems, p => Assert.Contains(p.Format, translated));
    }
}

public sealed class ResultExportStreamingTests
{
    /// <summary>A response body as Kestrel gives it: no seeking, and synchronous writes refused.</summary>
    private sealed class AsyncOnlyStream : Stream
    {
        private readonly MemoryStream _inner = new();
        public byte[] ToArray() => _inner.ToArray();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("synchronous write");
        public override void Flush() => throw new InvalidOperationException("synchronous flush");
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _inner.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }

    private static async IAsyncEnumerable<PatentRecord> Records(int n, Action beforeLast)
    {
        for (var i = 0; i < n; i++)
        {
            await Task.Yield();
            if (i == n - 1) beforeLast();
            yield return new PatentRecord
            {
                PublicationNumber = new PatentNumber("CN", (100000000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "A"),
                Titles = [new LocalizedText("zh", "一种锂电池散热装置,带\"引号\"")],
            };
        }
    }

    [Theory]
    [InlineData(ExportFormat.Csv)]
    [InlineData(ExportFormat.Xlsx)]
    [InlineData(ExportFormat.JsonLines)]
    public async Task Every_format_writes_to_a_non_seekable_body_with_asynchronous_writes_only(ExportFormat format)
    {
        var localizer = new Microsoft.Extensions.Localization.StringLocalizer<Marketplace.Web.Localization.SharedResource>(
            new Microsoft.Extensions.Localization.ResourceManagerStringLocalizerFactory(
                Microsoft.Extensions.Options.Options.Create(new Microsoft.Extensions.Localization.LocalizationOptions()),
                Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));
        await using var body = new AsyncOnlyStream();
        var sentBeforeTheLastRecord = 0;

        var written = await new ResultExport(localizer, Analytics.Taxonomy.IndustryTaxonomy.Default).WriteAsync(format, Records(450, () => sentBeforeTheLastRecord = body.ToArray().Length), body, CancellationToken.None);

        Assert.Equal(450, written);
        Assert.True(sentBeforeTheLastRecord > 200 * 10, $"rows leave before the export ends (only {sentBeforeTheLastRecord} bytes had)");
        Assert.True(body.ToArray().Length > 450 * 10);
    }
}
