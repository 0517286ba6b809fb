using Marketplace.Web.Loads;
using Marketplace.Web.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Pages.Loads.Admin;

/// <summary>Operators: upload exports and bulk files to load, and the history of loads.</summary>
public sealed class IndexModel(LoadJobService jobs, IOptions<LoadsOptions> options, IStringLocalizer<SharedResource> L) : PageModel
{
    public IReadOnlyList<LoadJob> History { get; private set; } = [];

    public long MaxUploadBytes { get; } = options.Value.MaxUploadBytes;

    public string? Refusal { get; private set; }

    public async Task OnGetAsync(string? refused)
    {
        History = await jobs.HistoryAsync(HttpContext.RequestAborted);
        Refusal = UploadRefusals.Parse(refused) switch
        {
            UploadRefusal.NoFile => L["Choose a file to upload."].Value,
            UploadRefusal.Empty => L["The file is empty."].Value,
            UploadRefusal.TooLarge => L["The file is larger than the limit of {0}.", LoadFormat.Bytes(MaxUploadBytes)].Value,
            UploadRefusal.UnknownFormat => L["The file's format was not recognised. Upload a Chinese export (CSV or Excel), USPTO XML, DOCDB XML, JSON Lines, a quarantine file or a .zip of them."].Value,
            UploadRefusal.ZipNothingLoadable => L["The .zip holds no file that can be loaded."].Value,
            UploadRefusal.ZipUnsafePath => L["The .zip was refused: a file in it is named outside the archive's folder."].Value,
            UploadRefusal.ZipBomb => L["The .zip was refused: it expands far beyond its size (a zip bomb) or beyond the limit."].Value,
            UploadRefusal.ZipTooManyFiles => L["The .zip holds too many files."].Value,
            UploadRefusal.ZipDamaged => L["The .zip is damaged and cannot be read."].Value,
            _ => null,
        };
    }
}
