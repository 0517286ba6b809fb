using System.Diagnostics;
using Marketplace.Web.Licensing;
using Marketplace.Web.Transfers;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Transfers;

/// <summary>The transfer contract carries every article of CNIPA's model transfer contract, and the signing checks decide when it may be signed.</summary>
public sealed class TransferContractTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now);

    private static (TransferListing Listing, TransferOffer Offer) Negotiating(params string[] coOwners)
    {
        var patent = new ListedPatent("CN218751475U", "一种无人机机载多功能盒", DocumentType.UtilityModel, LegalStatus.InForce, "CN202223220665.2",
            "中科大数据研究院", "刘迪；刘敏", coOwners);
        var listing = TransferListing.Draft(Guid.NewGuid(), "泉州示范大学（演示）", Guid.NewGuid(), patent, 8_000_000, null, Today.AddMonths(6), Today, Now);
        listing.List(Today, Now);
        var offer = TransferOffer.Make(listing, Guid.NewGuid(), "泉州智造科技有限公司（演示）", "福建省泉州市（测试）", Guid.NewGuid(), 6_000_000, TransferPaymentTerms.LumpSum, null, null, Today, Now);
        return (listing, offer);
    }

    private static TransferListing Agreed()
    {
        var (listing, offer) = Negotiating();
        offer.Accept(listing, TransferParty.Seller, Guid.NewGuid(), Today, Now);
        listing.SaveSigning(false, false, pledged: false, null, "河南省郑州市（测试）", null);
        listing.Agree(existingLicences: 0, buyerVerified: true, PaymentChannel.BankTransfer, Now);
        return listing;
    }

    [Fact]
    public void The_contract_pdf_text_holds_the_parties_every_numbered_article_and_the_signatures()
    {
        var listing = Agreed();
        var file = Path.Combine(Path.GetTempPath(), $"transfer-contract-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, TransferContract.Pdf(listing, [new ExistingLicence("open", "泉州某企业", "OL-20261201-ABCDEF12", Today, Today.AddYears(1))]));
        try
        {
            // pdftotext (poppler-utils, installed by test.sh) reads the text back as a reader's viewer would.
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", file, "-"]) { RedirectStandardOutput = true })!;
            var text = process.StandardOutput.ReadToEnd().Replace(" ", "", StringComparison.Ordinal);
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            var headings = Enumerable.Range(1, TransferContract.ArticleTitles.Count).Select(TransferContract.Heading)
                .Prepend(TransferContract.PartiesHeading).Append(TransferContract.SignaturesHeading).ToList();
            Assert.Equal(15, headings.Count);
            Assert.All(headings, h => Assert.Contains(h.Replace(" ", "", StringComparison.Ordinal), text, StringComparison.Ordinal));
            Assert.Contains("第十三条合同的生效", text, StringComparison.Ordinal);
            Assert.Contains("CN202223220665.2", text, StringComparison.Ordinal);
            Assert.Contains("泉州某企业", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Signing_is_refused_until_the_co_owner_consents_and_the_existing_licences_and_pledges_are_disclosed()
    {
        var (listing, offer) = Negotiating("泉州合作研究院（测试）");
        offer.Accept(listing, TransferParty.Seller, Guid.NewGuid(), Today, Now);
        Assert.Equal(["co-owners", "licences", "pledges", "address"], listing.SigningFindings(existingLicences: 1, buyerVerified: true).Select(f => f.Code));

        var refusal = Assert.Throws<TransferRuleException>(() => listing.Agree(1, true, PaymentChannel.BankTransfer, Now));
        Assert.StartsWith("Co-owner consent", refusal.Template, StringComparison.Ordinal);

        listing.SaveSigning(coOwnerConsent: true, licencesAcknowledged: true, pledged: true, null, "河南省郑州市（测试）", null);
        Assert.Equal(["pledges"], listing.SigningFindings(1, true).Select(f => f.Code));
        listing.SaveSigning(true, true, pledged: true, "泉州银行（测试）书面同意转让", "河南省郑州市（测试）", null);
        Assert.Equal(["buyer"], listing.SigningFindings(1, buyerVerified: false).Select(f => f.Code));
        Assert.Equal(["registered-pledge"], listing.SigningFindings(1, true, registeredPledge: true).Select(f => f.Code));
        Assert.StartsWith("Registered pledge", Assert.Throws<TransferRuleException>(() => listing.Agree(1, true, PaymentChannel.BankTransfer, Now, registeredPledge: true)).Template, StringComparison.Ordinal);
        listing.Agree(1, true, PaymentChannel.BankTransfer, Now);
        Assert.Equal(TransferStatus.Agreed, listing.Status);
    }

    [Fact]
    public void Only_the_party_who_did_not_propose_the_terms_accepts_them_and_instalments_put_the_first_one_due_at_signing()
    {
        var (listing, offer) = Negotiating();
        Assert.Throws<TransferRuleException>(() => offer.Accept(listing, TransferParty.Buyer, Guid.NewGuid(), Today, Now));
        offer.Counter(listing, TransferParty.Seller, Guid.NewGuid(), 7_000_001, TransferPaymentTerms.Instalments, 3, "七万元，分三期", Today, Now);
        Assert.Throws<TransferRuleException>(() => offer.Accept(listing, TransferParty.Seller, Guid.NewGuid(), Today, Now));
        offer.Accept(listing, TransferParty.Buyer, Guid.NewGuid(), Today, Now);
        Assert.Equal(7_000_001 - 2 * 2_333_333, listing.AmountDueFen);
        Assert.Equal([TransferMessageKind.Offer, TransferMessageKind.Counter, TransferMessageKind.Accepted], offer.Messages.Select(m => m.Kind));
    }

    [Fact]
    public void A_listing_past_its_validity_expires_and_takes_no_offers()
    {
        var (listing, _) = Negotiating();
        Assert.False(listing.ExpireIfPast(listing.ValidUntil, Now));
        Assert.True(listing.ExpireIfPast(listing.ValidUntil.AddDays(1), Now));
        var refusal = Assert.Throws<TransferRuleException>(() =>
            TransferOffer.Make(listing, Guid.NewGuid(), "另一企业", "泉州", Guid.NewGuid(), 100, TransferPaymentTerms.LumpSum, null, null, listing.ValidUntil.AddDays(1), Now));
        Assert.StartsWith("This listing expired", refusal.Template, StringComparison.Ordinal);
    }
}
