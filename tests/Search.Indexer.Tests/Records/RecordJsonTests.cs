using Search.Indexer.Records;

namespace Search.Indexer.Tests.Records;

public class RecordJsonTests
{
    [Fact]
    public void Deserialize_keeps_extra_in_ordinal_key_order_so_a_round_trip_serializes_identically()
    {
        var record = new PatentRecord { PublicationNumber = new PatentNumber("CN", "104968889", "A") };
        record.Extra["a"] = "lower";
        record.Extra["B"] = "upper";
        record.Extra["申请人地址"] = "福建省泉州市";
        var json = RecordJson.Serialize(record);

        var back = RecordJson.Deserialize(json);

        Assert.Equal(["B", "a", "申请人地址"], back.Extra.Keys);
        Assert.Equal(json, RecordJson.Serialize(back));
    }

    [Fact]
    public void Deserialize_keeps_derived_labels_and_scores_in_ordinal_key_order()
    {
        var record = new PatentRecord { PublicationNumber = new PatentNumber("CN", "218751475", "U") };
        record.Labels["techField"] = ["Transport"];
        record.Labels["chain"] = ["smart-manufacturing", "digital-economy"];
        record.Labels["Z"] = ["upper case sorts first"];
        record.Scores["valueIndex"] = 0.625;
        var json = RecordJson.Serialize(record);

        var back = RecordJson.Deserialize(json);

        Assert.Equal(["Z", "chain", "techField"], back.Labels.Keys);
        Assert.Equal(["smart-manufacturing", "digital-economy"], back.Labels["chain"]);
        Assert.Equal(0.625, back.Scores["valueIndex"]);
        Assert.Equal(json, RecordJson.Serialize(back));
    }

    [Fact]
    public void Deserialize_of_an_older_record_without_labels_gives_empty_labels_and_scores()
    {
        var back = RecordJson.Deserialize("""{"publicationNumber":{"country":"CN","number":"218751475","kind":"U"}}""");

        Assert.Empty(back.Labels);
        Assert.Empty(back.Scores);
        back.Labels["chain"] = ["x"];
        back.Labels["Chain"] = ["y"];
        Assert.Equal(["Chain", "chain"], back.Labels.Keys);
    }
}
