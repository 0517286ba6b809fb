using Search.Indexer.Engine.Lucene;
using Search.Indexer.Records;
using Search.Indexer.Tests.Records;

namespace Search.Indexer.Tests.Engine;

public class SummaryEncodingTests
{
    private static PatentRecord? Decode(byte[] bytes) => SummaryEncoding.Decode(bytes, 0, bytes.Length);

    [Fact]
    public void A_summary_reads_back_to_the_same_record_in_fewer_bytes_than_its_compact_JSON()
    {
        var summary = RecordSummary.Of(RecordSummaryTests.Full());

        var bytes = SummaryEncoding.Encode(summary);

        Assert.Equal(RecordJson.Serialize(summary), RecordJson.Serialize(Decode(bytes)!));
        Assert.True(bytes.Length < RecordJson.SerializeCompact(summary).Length / 2, $"{bytes.Length} bytes");
        // Doc values hand out slices of a shared block.
        byte[] block = [7, 7, 7, .. bytes, 7];
        Assert.Equal(RecordJson.Serialize(summary), RecordJson.Serialize(SummaryEncoding.Decode(block, 3, bytes.Length)!));
    }

    [Fact]
    public void Missing_values_check_digits_negative_counts_and_several_labels_read_back_as_written()
    {
        var record = new PatentRecord
        {
            PublicationNumber = new PatentNumber("CN", "201220546075"),
            ApplicationNumber = new PatentNumber("CN", "201220546075", null, 'X'),
            Titles = [new LocalizedText("en", "")],
            Applicants = [new Party { Name = "张三", Type = PartyType.Individual, TypeInferred = true }],
            Counts = new PatentCounts { CitedBy = -1, Pledges = int.MaxValue },
            LegalStatus = LegalStatus.Invalidated,
        };
        record.Labels["chain"] = ["new-energy", "semiconductors"];
        record.Labels["empty"] = [];
        record.Scores["valueIndex"] = 0.1 + 0.2;
        record.Scores["nan"] = double.NaN;

        var back = Decode(SummaryEncoding.Encode(record))!;

        Assert.Equal('X', back.ApplicationNumber!.CheckDigit);
        Assert.Null(back.PublicationNumber.Kind);
        Assert.Null(back.ApplicationDate);
        Assert.Null(back.RegionCode);
        Assert.Null(back.Applicants[0].Address);
        Assert.True(back.Applicants[0].TypeInferred);
        Assert.Equal(-1, back.Counts.CitedBy);
        Assert.Equal(int.MaxValue, back.Counts.Pledges);
        Assert.Null(back.Counts.Citations);
        Assert.Equal(["new-energy", "semiconductors"], back.Labels["chain"]);
        Assert.Empty(back.Labels["empty"]);
        Assert.Equal(0.1 + 0.2, back.Scores["valueIndex"]);
        Assert.True(double.IsNaN(back.Scores["nan"]));
        back.Scores.Remove("nan");
        record.Scores.Remove("nan");
        Assert.Equal(RecordJson.Serialize(record), RecordJson.Serialize(back));
    }

    [Fact]
    public void A_JSON_summary_written_before_the_positional_form_still_reads()
    {
        var summary = RecordSummary.Of(RecordSummaryTests.Full());
        var json = RecordJson.SerializeCompact(summary);

        Assert.Equal(RecordJson.Serialize(summary), RecordJson.Serialize(Decode(json)!));
    }

    [Fact]
    public void No_bytes_are_no_summary()
    {
        Assert.Null(SummaryEncoding.Decode([9, 9], 1, 0));
    }
}
