using Marketplace.Web.Licensing;
using Marketplace.Web.Patents;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Licensing;

/// <summary>The licence contract's articles are numbered 1, 2, 3 … with no gap, whichever optional articles it has.</summary>
public sealed class ContractArticlesTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private static (LicenseOrder Order, OpenLicenseDeclaration Declaration) License(LicenseFee fee)
    {
        var declaration = OpenLicenseDeclaration.Create(Guid.NewGuid(), "泉州示范大学（演示）", Guid.NewGuid(), Now);
        var filed = new DateOnly(2022, 11, 2);
        declaration.AddPatent(new PatentFacts("CN115883397B", "一种web端数据通用采集方法", DocumentType.Invention, LegalStatus.InForce, filed,
            PatentTerm.LastDayOfRight(DocumentType.Invention, filed), "G06F", null, []));
        declaration.SetTerms(fee, 3, null, PaymentChannel.BankTransfer, null, new PatenteeAttestations { FeesPaid = true, NoDisputeOrPreservation = true });
        declaration.Submit(DateOnly.FromDateTime(Now), new HashSet<string>(), Now);
        declaration.Publish(Guid.NewGuid(), "KFXK-2026-0001", DateOnly.FromDateTime(Now), Now);
        return (LicenseOrder.Notify(declaration, Guid.NewGuid(), Guid.NewGuid(), "contract-test", Now), declaration);
    }

    private static List<string> Headings(LicenseFee fee)
    {
        var (order, declaration) = License(fee);
        return [.. LicensingDocuments.ContractArticles(order, declaration).Select(a => a.Heading)];
    }

    [Fact]
    public void Without_a_royalty_the_articles_run_from_one_to_seven_with_no_gap()
    {
        Assert.Equal(
        [
            "第一条 许可专利 / 1. Licensed patents", "第二条 许可范围 / 2. Scope", "第三条 许可使用费及支付 / 3. Fees and payment",
            "第四条 其他条款 / 4. Other terms", "第五条 终止 / 5. Termination", "第六条 备案 / 6. Recordal", "第七条 争议解决 / 7. Disputes",
        ], Headings(LicenseFee.Free()));
        Assert.Equal(7, Headings(LicenseFee.LumpSum(80_000m)).Count);
    }

    [Fact]
    public void With_a_royalty_the_reporting_article_is_the_fourth_and_the_rest_follow_it()
    {
        var headings = Headings(LicenseFee.Royalty(5m, RoyaltyBase.Sales));
        Assert.Equal(8, headings.Count);
        Assert.Equal("第四条 提成报告 / 4. Royalty reporting", headings[3]);
        Assert.Equal("第八条 争议解决 / 8. Disputes", headings[7]);
    }

    [Theory]
    [InlineData(1, "一")]
    [InlineData(9, "九")]
    [InlineData(10, "十")]
    [InlineData(11, "十一")]
    [InlineData(20, "二十")]
    [InlineData(23, "二十三")]
    public void Article_numbers_are_written_as_contracts_write_them(int number, string chinese) =>
        Assert.Equal(chinese, LicensingDocuments.ChineseNumber(number));

    [Fact]
    public void A_free_licence_contract_is_a_PDF()
    {
        var (order, declaration) = License(LicenseFee.Free());
        var licensor = Marketplace.Web.Organizations.Organization.Create("泉州示范大学（演示）", Marketplace.Web.Organizations.OrganizationType.University,
            Marketplace.Web.Organizations.UnifiedSocialCreditCode.Parse("12350500MB0000001" + Marketplace.Web.Organizations.UnifiedSocialCreditCode.CheckCharacterFor("12350500MB0000001")), Guid.NewGuid(), Now);
        var pdf = LicensingDocuments.Contract(order, declaration, licensor, licensor);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5));
    }
}
