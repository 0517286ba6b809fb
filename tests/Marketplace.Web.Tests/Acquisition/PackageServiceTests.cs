using System.Diagnostics;
using Marketplace.Web.Acquisition;
using Marketplace.Web.Data;
using Marketplace.Web.Licensing;
using Marketplace.Web.Tests.Licensing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Web.Tests.Acquisition;

/// <summary>Packages on the real site: built from acquired patents, refused with fewer than two, shown by patent and in the catalogue, with one contract.</summary>
[Collection(LicensingSiteGroup.Name)]
public sealed class PackageServiceTests(LicensingSite site)
{
    private async Task<(LicensingActor Actor, IReadOnlyList<string> Patents)> AcquiredAsync(int count)
    {
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var acquisition = scope.ServiceProvider.GetRequiredService<AcquisitionService>();
        var actor = new LicensingActor(await db.Users.Where(u => u.Email == "operator@demo.patent-marketplace.local").Select(u => u.Id).SingleAsync(), null, null, IsOperator: true);
        var pool = await acquisition.CreatePoolAsync(actor, "组合用收储池（测试）", "组建专利池", null);
        var patents = new List<string>();
        for (var i = 0; i < count; i++) patents.Add(await site.AddPatentAsync(title: $"一种组合测试用数据处理方法 {i}"));
        await acquisition.AddAsync(pool, patents, actor.UserId);
        foreach (var candidate in pool.Candidates) await acquisition.RecordAcquisitionAsync(candidate, 2_000_000, DateOnly.FromDateTime(DateTime.UtcNow));
        return (actor, patents);
    }

    [Fact]
    public async Task A_package_of_one_patent_or_of_a_patent_outside_the_portfolio_is_refused()
    {
        var (actor, patents) = await AcquiredAsync(1);
        var stranger = await site.AddPatentAsync();
        await using var scope = site.Scope();
        var packages = scope.ServiceProvider.GetRequiredService<PackageService>();

        var one = await Assert.ThrowsAsync<AcquisitionRuleException>(() => packages.CreateAsync(actor, "单件组合", null, "只有一件", [patents[0]], 1_000_000, PackageDeal.Licence));
        Assert.Equal(("A package holds at least {0} patents.", AcquisitionFields.Patents), (one.Template, one.Field));
        var outside = await Assert.ThrowsAsync<AcquisitionRuleException>(() => packages.CreateAsync(actor, "混合组合", null, "含未收储专利", [patents[0], stranger], null, PackageDeal.Transfer));
        Assert.Equal("Patent {0} is neither in the portfolio nor a high-value patent of the package's chain.", outside.Template);
        Assert.Empty(await packages.OfPatentAsync(patents[0]));
    }

    [Fact]
    public async Task A_package_shows_on_its_patents_and_in_the_catalogue_and_its_contract_lists_every_patent_and_article()
    {
        var (actor, patents) = await AcquiredAsync(3);
        await using var scope = site.Scope();
        var packages = scope.ServiceProvider.GetRequiredService<PackageService>();
        var package = await packages.CreateAsync(actor, "数据处理专利池（测试）", "digital-economy", "三件数据处理方法专利，面向中小企业整体许可", patents, 12_000_000, PackageDeal.Licence);

        Assert.All(patents, p => Assert.Contains(package.Patents, m => m.PatentId == p));
        Assert.Equal([package.Id], (await packages.OfPatentAsync(patents[1])).Select(p => p.Id));
        Assert.Contains(await packages.CatalogueAsync("数据处理专利池"), p => p.Id == package.Id);
        Assert.DoesNotContain(await packages.CatalogueAsync("没有这个组合"), p => p.Id == package.Id);

        var text = PdfText(PackageContract.Pdf(package));
        var headings = Enumerable.Range(1, PackageContract.ArticleTitles.Count).Select(PackageContract.Heading)
            .Prepend(PackageContract.PartiesHeading).Append(PackageContract.SignaturesHeading).Append(PackageContract.ScheduleHeading).ToList();
        Assert.All(headings, h => Assert.Contains(h.Replace(" ", "", StringComparison.Ordinal), text, StringComparison.Ordinal));
        Assert.All(patents, p => Assert.Contains(p, text, StringComparison.Ordinal));
        Assert.Contains("专利组合实施许可合同", text, StringComparison.Ordinal);
        Assert.Contains("120,000.00", text, StringComparison.Ordinal);
    }

    /// <summary>pdftotext (poppler-utils, installed by test.sh) reads the text back as a reader's viewer would; spaces removed.</summary>
    private static string PdfText(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"package-contract-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", file, "-"]) { RedirectStandardOutput = true })!;
            var text = process.StandardOutput.ReadToEnd().Replace(" ", "", StringComparison.Ordinal);
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
