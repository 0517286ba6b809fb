using Search.Indexer.Normalization;
using Search.Indexer.Records;

namespace Search.Indexer.Tests.Normalization;

public class PatentDatesTests
{
    [Theory]
    [InlineData("20230328")]
    [InlineData("2023.03.28")]
    [InlineData("2023-03-28")]
    [InlineData("2023/3/28")]
    [InlineData("2023年3月28日")]
    [InlineData("２０２３-０３-２８")]
    [InlineData("2023-03-28T00:00:00")]
    public void Parse_written_forms_give_the_same_date(string text)
    {
        Assert.Equal(new DateOnly(2023, 3, 28), PatentDates.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData(null)]
    public void Parse_blank_or_zero_placeholder_is_no_date(string? text)
    {
        Assert.Null(PatentDates.Parse(text));
    }

    [Theory]
    [InlineData("20230230")]
    [InlineData("2023-13-01")]
    [InlineData("yesterday")]
    [InlineData("230328")]
    public void TryParse_invalid_fails_naming_the_expected_forms(string text)
    {
        Assert.False(PatentDates.TryParse(text, out _, out var error));
        Assert.Contains("YYYYMMDD", error);
    }
}

public class LegalStatusMapperTests
{
    [Theory]
    [InlineData("有权-审定授权", LegalStatus.InForce)]
    [InlineData("审中-实质审查", LegalStatus.Pending)]
    [InlineData("审中-公开", LegalStatus.Pending)]
    [InlineData("无权-未缴年费终止", LegalStatus.Lapsed)]
    [InlineData("无权-期限届满", LegalStatus.Expired)]
    [InlineData("无权-视为撤回", LegalStatus.Withdrawn)]
    [InlineData("无权-驳回", LegalStatus.Withdrawn)]
    [InlineData("无权-全部无效", LegalStatus.Invalidated)]
    [InlineData("有权-部分无效", LegalStatus.InForce)]
    [InlineData("有权-审定授权;无权-未缴年费终止", LegalStatus.InForce)]
    [InlineData("Active", LegalStatus.InForce)]
    [InlineData("Inactive", LegalStatus.Lapsed)]
    [InlineData("Expired - Fee Related", LegalStatus.Lapsed)]
    [InlineData("Expired - Lifetime", LegalStatus.Expired)]
    [InlineData("", LegalStatus.Unknown)]
    [InlineData("???", LegalStatus.Unknown)]
    public void Map_source_text_gives_the_normalised_status(string text, LegalStatus expected)
    {
        Assert.Equal(expected, LegalStatusMapper.Map(text));
    }
}

public class PartyNamesTests
{
    [Theory]
    [InlineData("刘迪;刘敏;王煜伟", new[] { "刘迪", "刘敏", "王煜伟" })]
    [InlineData("刘迪；刘敏，王煜伟、付艳波", new[] { "刘迪", "刘敏", "王煜伟", "付艳波" })]
    [InlineData(" 刘迪 ;; 刘迪 ", new[] { "刘迪" })]
    [InlineData("Acme, Inc.; Widget Co., Ltd.", new[] { "Acme, Inc.", "Widget Co., Ltd." })]
    [InlineData("Smith, John", new[] { "Smith, John" })]
    [InlineData("ＡＢＣ　Corp", new[] { "ABC Corp" })]
    public void Split_separators_and_widths_give_clean_names(string text, string[] expected)
    {
        Assert.Equal(expected, PartyNames.Split(text));
    }
}

public class ApplicantTypeClassifierTests
{
    [Theory]
    [InlineData("华侨大学", PartyType.University)]
    [InlineData("泉州师范学院", PartyType.University)]
    [InlineData("Massachusetts Institute of Technology", PartyType.ResearchInstitute)]
    [InlineData("Stanford University", PartyType.University)]
    [InlineData("中科大数据研究院", PartyType.ResearchInstitute)]
    [InlineData("中国科学院福建物质结构研究所", PartyType.ResearchInstitute)]
    [InlineData("福建某某研究院有限公司", PartyType.Enterprise)]
    [InlineData("安踏体育用品集团有限公司", PartyType.Enterprise)]
    [InlineData("International Business Machines Corporation", PartyType.Enterprise)]
    [InlineData("刘迪", PartyType.Individual)]
    [InlineData("John Smith", PartyType.Individual)]
    public void Infer_from_the_name(string name, PartyType expected)
    {
        Assert.Equal(expected, ApplicantTypeClassifier.Infer(name));
    }

    [Theory]
    [InlineData("大专院校", PartyType.University)]
    [InlineData("科研机构", PartyType.ResearchInstitute)]
    [InlineData("企业", PartyType.Enterprise)]
    [InlineData("个人", PartyType.Individual)]
    [InlineData("机关团体", PartyType.Government)]
    [InlineData("", PartyType.Unknown)]
    public void FromText_maps_the_exports_applicant_type_column(string text, PartyType expected)
    {
        Assert.Equal(expected, ApplicantTypeClassifier.FromText(text));
    }
}
