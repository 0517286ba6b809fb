using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Contests;

/// <summary>The entry page offers only the documents the entry's patents call for.</summary>
public sealed partial class ContestPageTests
{
    [Fact]
    public async Task The_entry_page_offers_the_evaluation_report_upload_only_for_an_entry_with_a_utility_model_or_design()
    {
        var inventionsOnly = await _arrange.UniversityAsync("泉州发明大学");
        var withUtilityModel = await _arrange.UniversityAsync("泉州实用新型大学");
        var inventor = await _arrange.PersonAsync("invention-entrant", inventionsOnly);
        var modeller = await _arrange.PersonAsync("utility-entrant", withUtilityModel);
        var contestId = await _arrange.ContestAsync([]);
        await _arrange.EntryAsync(contestId, inventionsOnly, inventor, "发明项目", await _arrange.PatentAsync(inventionsOnly));
        await _arrange.EntryAsync(contestId, withUtilityModel, modeller, "实用新型项目",
            await _arrange.PatentAsync(withUtilityModel), await _arrange.PatentAsync(withUtilityModel, type: DocumentType.UtilityModel));
        using var inventorClient = await SignedInAsync(inventor);
        using var modellerClient = await SignedInAsync(modeller);

        var inventionPage = await inventorClient.PageAsync($"/contests/{contestId}/entry");
        var utilityPage = await modellerClient.PageAsync($"/contests/{contestId}/entry");

        Assert.NotNull(inventionPage.QuerySelector("#upload-BusinessPlan"));
        Assert.Null(inventionPage.QuerySelector("#upload-Evaluation"));
        Assert.NotNull(utilityPage.QuerySelector("#upload-BusinessPlan"));
        Assert.NotNull(utilityPage.QuerySelector("#upload-Evaluation"));
    }
}
