using System.ComponentModel.DataAnnotations;
using Search.Indexer;

namespace Marketplace.Web.Licensing;

/// <summary>Open licensing and payments, bound from the "Licensing" section.</summary>
public sealed class LicensingOptions
{
    public const string Section = "Licensing";

    /// <summary>Where evaluation reports are kept: under the data folder, never under the web root.</summary>
    [Required]
    public string EvaluationReportFolder { get; set; } = Path.Combine(DataFolders.Root, "licensing", "evaluation-reports");

    /// <summary>Largest evaluation report accepted, in bytes (default 10 MB).</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxEvaluationReportBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The platform's share of each online payment, in percent (application fee of the destination charge).</summary>
    [Range(0, 50)]
    public decimal PlatformFeePercent { get; set; } = 3m;

    /// <summary>ISO currency of the fees (lower case for Stripe).</summary>
    [Required]
    public string Currency { get; set; } = "cny";

    /// <summary>Stripe secret key; without it online payment is unavailable (bank transfer still works).</summary>
    public string? StripeSecretKey { get; set; }

    /// <summary>The webhook endpoint's signing secret (whsec_…); webhooks are refused without it.</summary>
    public string? StripeWebhookSecret { get; set; }

    /// <summary>Overrides Stripe's API address (tests point it at a local stub).</summary>
    public string? StripeApiBase { get; set; }

    /// <summary>How old a signed webhook may be, in seconds (Stripe's default 300).</summary>
    [Range(1, 3600)]
    public long WebhookToleranceSeconds { get; set; } = 300;

    public bool OnlinePaymentConfigured => !string.IsNullOrWhiteSpace(StripeSecretKey);
}
