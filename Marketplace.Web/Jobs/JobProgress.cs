using System.Text.Json;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Quartz;

namespace Marketplace.Web.Jobs;

/// <summary>
/// What a running job tells operators about how far it got, on its <see cref="JobRun"/> (so any node's page sees it).
/// Stored as a localizer key with its arguments, and shown in the reader's language.
/// </summary>
public sealed class JobProgress(IServiceScopeFactory scopes)
{
    public async Task ReportAsync(IJobExecutionContext context, string key, params object[] arguments)
    {
        ArgumentNullException.ThrowIfNull(context);
        var value = JsonSerializer.Serialize((string[])[key, .. arguments.Select(a => Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture) ?? "")]);
        if (value.Length > JobRun.ProgressLength) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        await db.JobRuns.Where(r => r.FireInstanceId == context.FireInstanceId && r.State == JobRunState.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Progress, value), CancellationToken.None);
    }

    /// <summary>A stored progress in the reader's language.</summary>
    public static string? Show(string? stored, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        if (string.IsNullOrEmpty(stored)) return null;
        try
        {
            var parts = JsonSerializer.Deserialize<string[]>(stored);
            if (parts is not { Length: > 0 }) return null;
            // An argument may itself be a key (a report's phase title); anything else (numbers, names) has no entry and stays.
            return localizer[parts[0], parts[1..].Select(a => (object)localizer[a].Value).ToArray()].Value;
        }
        catch (JsonException)
        {
            return stored;
        }
    }
}
