using Search.Indexer.Records;

namespace Search.Indexer.Tests.Records;

public class RecordJsonTests
{
    [Fact]
    public void Deserialize_KeepsExtraInOrdinalKeyOrder_SoARoundTripSerializesIdentically()
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
}
