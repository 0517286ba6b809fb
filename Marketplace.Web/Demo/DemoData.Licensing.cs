using Marketplace.Web.Accounts;
using Marketplace.Web.Licensing;
using Marketplace.Web.Organizations;
using Marketplace.Web.Patents;
using Search.Indexer.Records;

namespace Marketplace.Web.Demo;

public sealed partial class DemoData
{
    /// <summary>The demo university's other applicant name: the sample Chinese export's patents become its portfolio.</summary>
    public const string UniversityNameVariant = "中科大数据研究院";

    /// <summary>The sample patent (an invention in force, in samples/cn-export) the demo university offers under an open licence.</summary>
    public const string OpenLicensePatentId = "CN115883397A";

    public const string OpenLicenseReference = "KFXK-DEMO-0001";

    private static readonly string[] ExportPatents =
    [
        "CN218751475U", "CN216774847U", "CN217546176U", "CN218824140U", "CN216160555U", "CN215590999U", "CN215361852U",
        "CN116245100A", "CN116595400A", "CN115883397A",
    ];

    /// <summary>
    /// The university's portfolio (claims through its name variant, approved by the operator) and one published
    /// open licence, so licensing shows on first start. The index label follows once the samples are loaded
    /// (<see cref="IndexLabels.IndexLabelSync"/>).
    /// </summary>
    private async Task SeedLicensingAsync(Organization university, MarketplaceUser universityOwner, MarketplaceUser reviewer, DateTime now, CancellationToken cancellationToken)
    {
        db.OrganizationNameVariants.Add(new OrganizationNameVariant(university.Id, UniversityNameVariant, now));
        foreach (var id in ExportPatents)
        {
            var claim = PortfolioClaim.Make(university, id, [UniversityNameVariant], [UniversityNameVariant], universityOwner.Id, now);
            claim.Approve(reviewer.Id, now);
            db.PortfolioClaims.Add(claim);
        }

        var declaration = OpenLicenseDeclaration.Create(university.Id, university.Name, universityOwner.Id, now);
        var filed = new DateOnly(2022, 11, 2);
        declaration.AddPatent(new PatentFacts(OpenLicensePatentId, "一种web端数据通用采集方法", DocumentType.Invention, LegalStatus.InForce, filed,
            PatentTerm.LastDayOfRight(DocumentType.Invention, filed), "H04L", null, []));
        declaration.SetTerms(LicenseFee.LumpSum(50_000m), 3, "被许可人应在合同生效后三十日内完成技术对接。", PaymentChannel.BankTransfer, null,
            new PatenteeAttestations { FeesPaid = true, NoDisputeOrPreservation = true });
        var today = DateOnly.FromDateTime(now);
        declaration.Submit(today, new HashSet<string>(), now, payeeAccountReady: false);
        declaration.Publish(reviewer.Id, OpenLicenseReference, today, now);
        db.OpenLicenseDeclarations.Add(declaration);
        await db.SaveChangesAsync(cancellationToken);
    }
}
