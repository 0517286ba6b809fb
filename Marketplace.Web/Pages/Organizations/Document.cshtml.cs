using Marketplace.Web.Organizations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Organizations;

/// <summary>Downloads a verification document: members of the organisation and operators only.</summary>
public sealed class DocumentModel(OrganizationService organizations, IAuthorizationService authorization) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid documentId)
    {
        var organization = await organizations.FindAsync(id);
        if (organization is null) return NotFound();
        if (!(await authorization.AuthorizeAsync(User, organization, OrganizationOperations.View)).Succeeded) return Forbid();
        var document = await organizations.FindDocumentAsync(id, documentId);
        if (document is null) return NotFound();
        // Always as an attachment: an uploaded HTML file must never render in the site's origin.
        return File(document.Content, "application/octet-stream", document.FileName);
    }
}
