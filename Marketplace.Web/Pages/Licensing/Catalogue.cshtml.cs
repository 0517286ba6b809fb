using Marketplace.Web.Licensing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Pages.Licensing;

/// <summary>The public catalogue of published open licences, with fee filters.</summary>
public sealed class CatalogueModel(DeclarationService declarations, IPatentIndex index) : PageModel
{
    public IReadOnlyList<OpenLicenseDeclaration> Offers { get; private set; } = [];

    public IReadOnlyDictionary<string, PatentRecord> Records { get; private set; } = new Dictionary<string, PatentRecord>();

    [BindProperty(SupportsGet = true)]
    public FeeKind? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public decimal? MaxUpfront { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (MaxUpfront is < 0) MaxUpfront = null;
        Offers = await declarations.CatalogueAsync(Kind, MaxUpfront, Q);
        Records = await index.GetManyAsync([.. Offers.SelectMany(o => o.Patents.Select(p => p.PatentId)).Distinct()]);
        return Page();
    }
}
