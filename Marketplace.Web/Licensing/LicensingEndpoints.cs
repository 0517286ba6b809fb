using System.Text;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Licensing;

/// <summary>Endpoints that are not pages: the payment provider's webhook and the PDF and export downloads.</summary>
public static class LicensingEndpoints
{
    public const string WebhookPath = "/licensing/stripe/webhook";

    public static WebApplication MapLicensing(this WebApplication app)
    {
        // The provider signs the raw body: read it as bytes, verify, then act. No cookie, no antiforgery.
        app.MapPost(WebhookPath, async (HttpContext http, IPaymentGateway gateway, LicenseService licenses, CancellationToken cancellationToken) =>
        {
            string body;
            using (var reader = new StreamReader(http.Request.Body, Encoding.UTF8))
                body = await reader.ReadToEndAsync(cancellationToken);
            PaymentNotification notification;
            try
            {
                notification = gateway.ReadWebhook(body, http.Request.Headers["Stripe-Signature"].FirstOrDefault());
            }
            catch (PaymentSignatureException ex)
            {
                return Results.BadRequest(new { error = ex.Message });
            }
            var outcome = await licenses.HandleAsync(notification, cancellationToken);
            return Results.Ok(new { received = true, outcome = outcome.ToString() });
        }).DisableAntiforgery().AllowAnonymous();

        app.MapGet("/licensing/orders/{id:guid}/{document:regex(^(notice|contract)$)}.pdf",
            async (Guid id, string document, HttpContext http, MarketplaceDbContext db, CancellationToken cancellationToken) =>
        {
            var actor = await LicensingActor.ResolveAsync(http.User, db, cancellationToken);
            if (actor is null) return Results.Challenge();
            var order = await db.LicenseOrders.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
            if (order is null) return Results.NotFound();
            if (!actor.IsOperator && !actor.IsMemberOf(order.LicensorOrganizationId) && !actor.IsMemberOf(order.LicenseeOrganizationId)) return Results.Forbid();
            var declaration = await db.OpenLicenseDeclarations.Include(d => d.Patents).FirstAsync(d => d.Id == order.DeclarationId, cancellationToken);
            var licensor = await db.Organizations.FirstAsync(o => o.Id == order.LicensorOrganizationId, cancellationToken);
            var licensee = await db.Organizations.FirstAsync(o => o.Id == order.LicenseeOrganizationId, cancellationToken);
            if (document == "contract" && order.Status is LicenseStatus.Notified or LicenseStatus.Cancelled) return Results.Conflict();
            var bytes = document == "notice"
                ? LicensingDocuments.Notice(order, declaration, licensor, licensee)
                : LicensingDocuments.Contract(order, declaration, licensor, licensee);
            return Results.File(bytes, "application/pdf", $"{order.Reference}-{document}.pdf");
        }).RequireAuthorization();

        app.MapGet("/licensing/ledger/export.{format:regex(^(csv|xlsx)$)}",
            async (string format, HttpContext http, MarketplaceDbContext db, LedgerService ledger, CancellationToken cancellationToken) =>
        {
            var actor = await LicensingActor.ResolveAsync(http.User, db, cancellationToken);
            if (actor?.Organization is null || actor.Role is null) return Results.Forbid();
            var rows = await ledger.RowsAsync(actor.Organization.Id, cancellationToken);
            return format == "csv"
                ? Results.File(LedgerService.Csv(rows), "text/csv; charset=utf-8", "licences.csv")
                : Results.File(LedgerService.Excel(rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "licences.xlsx");
        }).RequireAuthorization();

        app.MapGet("/licensing/declarations/{id:guid}/reports/{patentId}",
            async (Guid id, string patentId, HttpContext http, MarketplaceDbContext db, EvaluationReports reports, CancellationToken cancellationToken) =>
        {
            var actor = await LicensingActor.ResolveAsync(http.User, db, cancellationToken);
            if (actor is null) return Results.Challenge();
            var declaration = await db.OpenLicenseDeclarations.Include(d => d.Patents).FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
            var patent = declaration?.Patents.FirstOrDefault(p => p.PatentId == patentId);
            if (declaration is null || patent?.EvaluationReport is null) return Results.NotFound();
            // The patentee and operators read it; once published, every signed-in visitor may (it backs the public offer).
            if (!actor.IsOperator && !actor.IsMemberOf(declaration.OrganizationId) && declaration.Status != DeclarationStatus.Published) return Results.Forbid();
            var stream = reports.Open(patent.EvaluationReport);
            return stream is null ? Results.NotFound() : Results.File(stream, "application/pdf", $"{patentId}-evaluation-report.pdf");
        }).RequireAuthorization();
        return app;
    }
}
