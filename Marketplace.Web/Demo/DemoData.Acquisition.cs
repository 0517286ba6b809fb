using Marketplace.Web.Accounts;
using Marketplace.Web.Acquisition;
using Marketplace.Web.Organizations;

namespace Marketplace.Web.Demo;

public sealed partial class DemoData
{
    public const string AcquisitionPoolName = "无人机与环境监测专利收储池（演示）";

    public const string AcquisitionPackageName = "无人机环境监测专利组合（演示）";

    /// <summary>The sample utility models (the university's, in samples/cn-export) the demo operator acquired; neither pledged nor listed for sale.</summary>
    public static readonly IReadOnlyList<string> AcquiredPatentIds = ["CN218824140U", "CN215361852U"];

    /// <summary>
    /// One pool of the operator with the university's sample patents at different stages: one screened, one with an offer
    /// awaiting the university's answer, two acquired (the portfolio), and one package of the two acquired. The snapshots
    /// are the sample records' facts, since the index is not loaded yet when the demo is seeded.
    /// </summary>
    private async Task SeedAcquisitionAsync(Organization operatorOrganization, Organization university, MarketplaceUser operatorUser, DateTime now,
        CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now);
        var pool = AcquisitionPool.Create(AcquisitionPoolName, "收储高校无人机与环境监测类实用新型，组合后向本地制造企业许可或转让。", null, operatorOrganization.Name, operatorOrganization.Id, operatorUser.Id, now);
        pool.Add(new CandidateSnapshot("CN216774847U", "一种可拍照便携式实时语音播报端测摄像头", UniversityNameVariant, null, null, false), operatorUser.Id, now);
        var approached = pool.Add(new CandidateSnapshot("CN216160555U", "无人机空气污染物溯源系统", UniversityNameVariant, null, null, false), operatorUser.Id, now)!;
        var first = pool.Add(new CandidateSnapshot(AcquiredPatentIds[0], "大气质量监测系统", UniversityNameVariant, null, null, false), operatorUser.Id, now)!;
        var second = pool.Add(new CandidateSnapshot(AcquiredPatentIds[1], "一种搭载热成像的农作物监管无人机", UniversityNameVariant, null, null, false), operatorUser.Id, now)!;
        var offer = AcquisitionOffer.Make(approached, university.Id, university.Name, operatorOrganization.Name, 300_000_00, "一次性支付；转让方配合办理著录项目变更登记。",
            today.AddMonths(2), "我方拟将该专利纳入无人机环境监测专利组合。", null, operatorUser.Id, today, now);
        approached.MoveTo(CandidateStage.Approached, now);
        first.Acquire(500_000_00, today.AddMonths(-1), today, now);
        second.Acquire(350_000_00, today.AddDays(-20), today, now);
        db.AcquisitionPools.Add(pool);
        db.AcquisitionOffers.Add(offer);
        var package = PatentPackage.Create(AcquisitionPackageName, null, "两件无人机环境监测实用新型：大气质量监测与农作物热成像监管，适合整体许可给本地无人机制造企业。",
            [
                new CandidateSnapshot(first.PatentId, first.Title, UniversityNameVariant, null, null, false),
                new CandidateSnapshot(second.PatentId, second.Title, UniversityNameVariant, null, null, false),
            ], null, PackageDeal.Licence, operatorOrganization.Name, operatorUser.Id, now);
        db.PatentPackages.Add(package);
        await db.SaveChangesAsync(cancellationToken);
    }
}
