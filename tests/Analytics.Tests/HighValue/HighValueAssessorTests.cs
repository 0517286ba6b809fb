using System.Text;
using Analytics.HighValue;
using Analytics.Taxonomy;
using Analytics.Tests.Support;
using Search.Indexer.Records;

namespace Analytics.Tests.HighValue;

/// <summary>The five CNIPA criteria on the real export records (中科大数据研究院's patents) and a real US grant.</summary>
public sealed class HighValueAssessorTests : IDisposable
{
    // CN115883397A: invention filed 2022-11-02, granted 2024-04-05, 有权-审定授权, classified G06F.
    private const string GrantedInvention = "CN115883397A";
    private readonly TempFolder _folder = new();

    private static HighValueAssessor Assessor(PatentNumberLookup<AwardEntry>? awards = null, PatentNumberLookup<PledgeEntry>? pledges = null) =>
        new(IndustryTaxonomy.Default, new HighValueOptions(), FixedClock.At2026, awards, pledges);

    private static RuleFinding Criterion(HighValueAssessment a, string name) => a.Criteria.Single(c => c.Rule == name);

    [Fact]
    public void ValidInvention_granted_and_in_force_is_met()
    {
        var a = Assessor().Assess(Samples.Export(GrantedInvention));
        Assert.Equal(Finding.Met, a.ValidInvention.Finding);
        Assert.Contains("有权-审定授权", a.ValidInvention.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidInvention_a_utility_model_is_not_met_so_it_is_never_high_value()
    {
        var a = Assessor().Assess(Samples.Export("CN218751475U"));
        Assert.Equal(Finding.NotMet, a.ValidInvention.Finding);
        Assert.Equal(Finding.NotMet, a.IsHighValue);
        Assert.Equal("a utility model, not an invention", a.ValidInvention.Reason);
    }

    [Fact]
    public void ValidInvention_a_pending_application_is_not_met()
    {
        Assert.Equal(Finding.NotMet, Assessor().Assess(Samples.Export("CN116245100A")).ValidInvention.Finding);
    }

    [Fact]
    public void StrategicIndustry_names_the_sei_code_that_matched_and_makes_the_valid_invention_high_value()
    {
        var a = Assessor().Assess(Samples.Export(GrantedInvention));
        var sei = Criterion(a, HighValueAssessor.Sei);
        Assert.Equal(Finding.Met, sei.Finding);
        Assert.StartsWith("SEI 1.", sei.Reason, StringComparison.Ordinal);
        Assert.Equal(Finding.Met, a.IsHighValue);
    }

    [Fact]
    public void StrategicIndustry_outside_the_concordance_is_not_met()
    {
        var r = Samples.Export(GrantedInvention);
        r.IpcCodes = ["A01M29/00"];
        Assert.Equal(Finding.NotMet, Criterion(Assessor().Assess(r), HighValueAssessor.Sei).Finding);
    }

    [Fact]
    public void ForeignFamily_a_grant_abroad_is_met_and_named_an_application_only_is_not_no_data_is_unknown()
    {
        var r = Samples.Export(GrantedInvention);
        Assert.Equal(Finding.Unknown, HighValueAssessor.ForeignGrant(r).Finding);

        // Family members as an INPADOC family would list them (numbers of real publications in samples/).
        r.FamilyMembers = ["WO2014059282A2", "US2016015853A1"];
        var applications = HighValueAssessor.ForeignGrant(r);
        Assert.Equal(Finding.NotMet, applications.Finding);
        Assert.Contains(PatentNumber.Parse("US2016015853A1").Canonical, applications.Reason, StringComparison.Ordinal);

        r.FamilyMembers = ["WO2014059282A2", "US10047600B2"];
        var granted = HighValueAssessor.ForeignGrant(r);
        Assert.Equal(Finding.Met, granted.Finding);
        Assert.Contains("US10047600B2", granted.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Maintained_over_ten_years_in_force_is_met_younger_is_not_unknown_status_is_unknown()
    {
        var r = Samples.Export(GrantedInvention);
        Assert.Equal(Finding.NotMet, Criterion(Assessor().Assess(r), HighValueAssessor.Maintained).Finding);
        r.ApplicationDate = new DateOnly(2012, 3, 1);
        var met = Criterion(Assessor().Assess(r), HighValueAssessor.Maintained);
        Assert.Equal(Finding.Met, met.Finding);
        Assert.Contains("2012-03-01", met.Reason, StringComparison.Ordinal);

        var us = Samples.Get(Samples.All.First(x => x.Country == "US" && x.Stage == PublicationStage.Grant && x.ApplicationDate is not null).Id);
        Assert.Equal(LegalStatus.Unknown, us.LegalStatus);
        Assert.Equal(Finding.Unknown, Criterion(Assessor().Assess(us), HighValueAssessor.Maintained).Finding);
        Assert.Equal(Finding.Unknown, Assessor().Assess(us).ValidInvention.Finding);
    }

    [Fact]
    public void Pledge_above_the_threshold_is_met_below_is_not_without_a_register_it_depends_on_the_count()
    {
        var path = _folder.File("pledges.csv");
        File.WriteAllText(path, "公开号,质押金额（万元）,质押日期,质权人\nCN115883397B,800,2024-06-01,泉州银行\nCN216774847U,120,20240101,兴业银行\n", Encoding.UTF8);
        var register = OperatorLists.ReadPledges(path);
        Assert.Empty(register.Rejected);
        var lookup = new PatentNumberLookup<PledgeEntry>(register.Entries, e => e.PatentNumber);

        var met = Criterion(Assessor(pledges: lookup).Assess(Samples.Export(GrantedInvention)), HighValueAssessor.Pledge);
        Assert.Equal(Finding.Met, met.Finding);
        Assert.Contains("800 ×10,000 CNY", met.Reason, StringComparison.Ordinal);
        Assert.Contains("500 ×10,000 CNY", met.Reason, StringComparison.Ordinal);
        Assert.Equal(Finding.NotMet, Criterion(Assessor(pledges: lookup).Assess(Samples.Export("CN216774847U")), HighValueAssessor.Pledge).Finding);

        // The export records 质押次数 0: no pledge, with or without a register.
        Assert.Equal(Finding.NotMet, Criterion(Assessor().Assess(Samples.Export("CN218751475U")), HighValueAssessor.Pledge).Finding);
        var pledgedWithoutAmount = Samples.Export(GrantedInvention);
        pledgedWithoutAmount.Counts.Pledges = 2;
        Assert.Equal(Finding.Unknown, Criterion(Assessor().Assess(pledgedWithoutAmount), HighValueAssessor.Pledge).Finding);
    }

    [Fact]
    public void Award_in_the_uploaded_list_is_met_with_its_name_without_a_list_is_unknown()
    {
        Assert.Equal(Finding.Unknown, Criterion(Assessor().Assess(Samples.Export(GrantedInvention)), HighValueAssessor.Award).Finding);
        var path = _folder.File("awards.csv");
        File.WriteAllText(path, "publication_number,award,year\nCN115883397B,中国专利优秀奖,2025\n", Encoding.UTF8);
        var awards = new PatentNumberLookup<AwardEntry>(OperatorLists.ReadAwards(path).Entries, a => a.PatentNumber);
        var met = Criterion(Assessor(awards).Assess(Samples.Export(GrantedInvention)), HighValueAssessor.Award);
        Assert.Equal(Finding.Met, met.Finding);
        Assert.Equal("中国专利优秀奖 (2025)", met.Reason);
        Assert.Equal(Finding.NotMet, Criterion(Assessor(awards).Assess(Samples.Export("CN216774847U")), HighValueAssessor.Award).Finding);
    }

    [Fact]
    public void OperatorLists_refuse_bad_rows_with_their_line_and_read_gb_18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var path = _folder.File("awards-gbk.csv");
        File.WriteAllText(path, "专利号,奖项,年份\nCN115883397B,中国专利金奖,2024\nnot-a-number,中国专利银奖,2024\nCN216774847U,,2024\nCN217546176U,国家技术发明奖,24\n", Encoding.GetEncoding(54936));
        var result = OperatorLists.ReadAwards(path);
        Assert.Equal("中国专利金奖", Assert.Single(result.Entries).Award);
        Assert.Equal(3, result.Rejected.Count);
        Assert.Contains(":3:", result.Rejected[0], StringComparison.Ordinal);
        Assert.Contains(":4: no award name", result.Rejected[1], StringComparison.Ordinal);
        Assert.Contains(":5: year '24'", result.Rejected[2], StringComparison.Ordinal);

        var wrong = _folder.File("wrong.csv");
        File.WriteAllText(wrong, "name,prize\nx,y\n");
        var e = Assert.Throws<InvalidDataException>(() => OperatorLists.ReadAwards(wrong));
        Assert.Contains("公开号", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
