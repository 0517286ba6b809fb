using System.Globalization;
using Analytics.Uploads;
using Marketplace.Web.Auditing;
using Marketplace.Web.Data;
using Marketplace.Web.IndexLabels;
using Marketplace.Web.Jobs;
using Marketplace.Web.Notifications;
using Marketplace.Web.Organizations;
using Microsoft.EntityFrameworkCore;
using Search.Indexer.Engine;

namespace Marketplace.Web.Pledges;

/// <summary>
/// One refused row of an uploaded pledge register: the file, its line (CSV) or row (Excel), the field, what was
/// expected (an English UI key) and what was found. The good rows of the same file are kept.
/// </summary>
public sealed record PledgeImportProblem(string File, long Line, string Field, string Expected, string Found);

public sealed record PledgeImportResult(string File, int Imported, IReadOnlyList<PledgeImportProblem> Problems);

/// <summary>The pledge register: entry by operators and banks, spreadsheet import, release, and what it tells the index.</summary>
public sealed class PledgeService(
    MarketplaceDbContext db,
    IPatentIndex index,
    IndexLabelWriter labels,
    JobRequests jobs,
    INotifier notifier,
    AuditLog audit,
    TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<PledgeRecord?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.PledgeRecords.Include(p => p.Patents).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);

    /// <summary>Every pledge an operator sees, or the pledges a bank holds; newest registration first.</summary>
    public async Task<IReadOnlyList<PledgeRecord>> ListAsync(PledgeActor actor, CancellationToken cancellationToken = default)
    {
        var query = db.PledgeRecords.Include(p => p.Patents).AsQueryable();
        if (!actor.IsOperator) query = query.Where(p => actor.Bank != null && p.PledgeeOrganizationId == actor.Bank.Id);
        return await query.OrderByDescending(p => p.RegisteredOn).ThenBy(p => p.RegistrationNumber).ToListAsync(cancellationToken);
    }

    /// <summary>Pledges of a patent that bind it today (for its page).</summary>
    public async Task<IReadOnlyList<PledgeRecord>> InForceForPatentAsync(string patentId, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(Now);
        var records = await db.PledgeRecords.Include(p => p.Patents)
            .Where(p => p.ReleasedOn == null || p.ReleasedOn > today)
            .Where(p => p.Patents.Any(x => x.PatentId == patentId)).ToListAsync(cancellationToken);
        return [.. records.Where(r => r.InForceOn(today)).OrderBy(r => r.RegisteredOn)];
    }

    public async Task<PledgeRecord> RegisterAsync(PledgeActor actor, PledgeInput input, CancellationToken cancellationToken = default)
    {
        if (!actor.CanRegister) throw new PledgeRuleException(PledgeFields.Pledgee, "Only operators and banks register pledges.");
        var ids = PledgeInput.SplitPatents(input.Patents);
        var records = await index.GetManyAsync(ids, cancellationToken);
        if (ids.FirstOrDefault(id => !records.ContainsKey(id)) is { } missing)
            throw new PledgeRuleException(PledgeFields.Patents, "Patent {0} is not in the index.", missing);
        var number = input.RegistrationNumber?.Trim();
        if (number is { Length: > 0 } && await db.PledgeRecords.AnyAsync(p => p.RegistrationNumber == number, cancellationToken))
            throw new PledgeRuleException(PledgeFields.RegistrationNumber, "The registration number {0} is already registered.", number);
        var pledgee = await PledgeeAsync(actor, input, cancellationToken);
        var record = PledgeRecord.Register(input, [.. ids.Select(id => (id, records[id].Title("zh") ?? id))], pledgee,
            PledgeSource.Entered, null, actor.UserId, Now);
        db.PledgeRecords.Add(record);
        audit.Add(PledgeAuditActions.Registered, actor.Bank?.Id, record.RegistrationNumber, $"{record.AmountYuan.ToString(CultureInfo.InvariantCulture)} CNY; {string.Join(",", ids)}");
        await QueueNoticesAsync(record, actor, "A pledge {0} was registered naming your organisation.", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendQueuedAsync(cancellationToken);
        await labels.RefreshAsync<PledgeLabel>(ids, cancellationToken);
        await PledgeRelabelJob.QueueAsync(jobs, ids, cancellationToken);
        return record;
    }

    public async Task ReleaseAsync(PledgeActor actor, PledgeRecord record, DateOnly? on, CancellationToken cancellationToken = default)
    {
        if (!actor.MayChange(record)) throw new PledgeRuleException(PledgeFields.ReleasedOn, "Only operators and the pledgee bank release a pledge.");
        record.Release(on ?? DateOnly.FromDateTime(Now));
        audit.Add(PledgeAuditActions.Released, actor.Bank?.Id, record.RegistrationNumber, record.ReleasedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await QueueNoticesAsync(record, actor, "The pledge {0} was released.", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendQueuedAsync(cancellationToken);
        await labels.RefreshAsync<PledgeLabel>(record.Patents.Select(p => p.PatentId), cancellationToken);
        await PledgeRelabelJob.QueueAsync(jobs, record.Patents.Select(p => p.PatentId), cancellationToken);
    }

    /// <summary>
    /// Reads an uploaded register (CSV or Excel, Chinese or English headers) and keeps every good row; each bad row is
    /// reported with file, line, field and what was expected. A bank's rows are always its own pledges.
    /// </summary>
    public async Task<PledgeImportResult> ImportAsync(PledgeActor actor, string fileName, byte[] content, CancellationToken cancellationToken = default)
    {
        if (!actor.CanRegister) throw new PledgeRuleException(PledgeFields.Pledgee, "Only operators and banks register pledges.");
        var file = Path.GetFileName(fileName);
        List<TabularRow> rows;
        try
        {
            rows = [.. TabularFile.Read(content)];
        }
        // Whatever the readers throw on a file that is no table (a broken workbook, a binary) is the uploader's problem to fix, not a fault.
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new PledgeImportResult(file, 0, [new(file, 1, "File", "a CSV or Excel table with a header row", e.Message)]);
        }
        var problems = new List<PledgeImportProblem>();
        if (rows.Count > 0 && PledgeColumns.MissingIn(rows[0]) is { } missingColumn)
            return new PledgeImportResult(file, 0, [new(file, 1, missingColumn, "a column with this name in the header", string.Join(", ", rows[0].Cells.Keys))]);

        var allIds = rows.SelectMany(r => PledgeInput.SplitPatents(r.Get(PledgeColumns.Patents))).Distinct(StringComparer.Ordinal).ToList();
        var inIndex = await index.GetManyAsync(allIds, cancellationToken);
        var numbers = rows.Select(r => r.Get(PledgeColumns.RegistrationNumber)).OfType<string>().ToList();
        var taken = (await db.PledgeRecords.Where(p => numbers.Contains(p.RegistrationNumber)).Select(p => p.RegistrationNumber).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var banks = await BanksByNameAsync(cancellationToken);
        var added = new List<PledgeRecord>();
        foreach (var row in rows)
        {
            var (input, refused) = ReadRow(row, file, actor);
            if (input is null)
            {
                problems.Add(refused!);
                continue;
            }
            var ids = PledgeInput.SplitPatents(input.Patents);
            PledgeImportProblem Problem(string field, string expected, string? found) => new(file, row.Line, field, expected, found ?? "");
            if (!taken.Add(input.RegistrationNumber!))
            {
                problems.Add(Problem(PledgeFields.RegistrationNumber, "a registration number not registered before", input.RegistrationNumber));
                continue;
            }
            if (ids.FirstOrDefault(id => !inIndex.ContainsKey(id)) is { } missing)
            {
                problems.Add(Problem(PledgeFields.Patents, "patent numbers that are in the index, separated by semicolons", missing));
                continue;
            }
            try
            {
                var pledgee = actor.Bank?.Id ?? (banks.TryGetValue(input.PledgeeName!, out var bank) ? bank : null);
                var record = PledgeRecord.Register(input, [.. ids.Select(id => (id, inIndex[id].Title("zh") ?? id))], pledgee, PledgeSource.Imported, file, actor.UserId, Now);
                added.Add(record);
            }
            catch (PledgeRuleException ex)
            {
                problems.Add(Problem(ex.Field, ex.Template, Found(row, ex.Field)));
            }
        }
        db.PledgeRecords.AddRange(added);
        audit.Add(PledgeAuditActions.Imported, actor.Bank?.Id, file, $"{added.Count} imported, {problems.Count} refused");
        foreach (var record in added) await QueueNoticesAsync(record, actor, "A pledge {0} was registered naming your organisation.", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendQueuedAsync(cancellationToken);
        await labels.RefreshAsync<PledgeLabel>(added.SelectMany(r => r.Patents.Select(p => p.PatentId)), cancellationToken);
        await PledgeRelabelJob.QueueAsync(jobs, added.SelectMany(r => r.Patents.Select(p => p.PatentId)), cancellationToken);
        return new PledgeImportResult(file, added.Count, problems);
    }

    /// <summary>The row as a pledge's input, or the problem saying which cell is not what was expected.</summary>
    private static (PledgeInput? Input, PledgeImportProblem? Problem) ReadRow(TabularRow row, string file, PledgeActor actor)
    {
        (PledgeInput?, PledgeImportProblem?) Fail(string field, string expected, string? found) => (null, new PledgeImportProblem(file, row.Line, field, expected, found ?? ""));
        var input = new PledgeInput
        {
            RegistrationNumber = row.Get(PledgeColumns.RegistrationNumber),
            PledgorName = row.Get(PledgeColumns.Pledgor),
            PledgeeName = actor.Bank?.Name ?? row.Get(PledgeColumns.Pledgee),
            County = row.Get(PledgeColumns.County),
            Patents = row.Get(PledgeColumns.Patents),
        };
        if (input.RegistrationNumber is null) return Fail(PledgeFields.RegistrationNumber, "a registration number", null);
        if (input.PledgorName is null) return Fail(PledgeFields.Pledgor, "the pledgor's name", null);
        if (input.PledgeeName is null) return Fail(PledgeFields.Pledgee, "the pledgee bank's name", null);
        var wan = row.Get(PledgeColumns.AmountWan);
        var yuan = row.Get(PledgeColumns.AmountYuan);
        if (TryAmount(wan, 10_000m) is { } w) input.AmountYuan = w;
        else if (TryAmount(yuan, 1m) is { } y) input.AmountYuan = y;
        else return Fail(PledgeFields.Amount, "a positive amount (in 10,000 yuan or in yuan, by the column)", wan ?? yuan);
        foreach (var (names, field, set, required) in new (string[], string, Action<DateOnly>, bool)[]
        {
            (PledgeColumns.RegisteredOn, PledgeFields.RegisteredOn, d => input.RegisteredOn = d, true),
            (PledgeColumns.EndsOn, PledgeFields.EndsOn, d => input.EndsOn = d, false),
            (PledgeColumns.ReleasedOn, PledgeFields.ReleasedOn, d => input.ReleasedOn = d, false),
        })
        {
            var text = row.Get(names);
            if (text is null && !required) continue;
            if (TryDate(text) is not { } date) return Fail(field, "a date such as 2025-03-18", text);
            set(date);
        }
        if (PledgeInput.SplitPatents(input.Patents).Count == 0) return Fail(PledgeFields.Patents, "patent numbers that are in the index, separated by semicolons", null);
        return (input, null);
    }

    private static string? Found(TabularRow row, string field) => field switch
    {
        PledgeFields.RegistrationNumber => row.Get(PledgeColumns.RegistrationNumber),
        PledgeFields.Pledgor => row.Get(PledgeColumns.Pledgor),
        PledgeFields.Pledgee => row.Get(PledgeColumns.Pledgee),
        PledgeFields.Amount => row.Get(PledgeColumns.AmountWan) ?? row.Get(PledgeColumns.AmountYuan),
        PledgeFields.RegisteredOn => row.Get(PledgeColumns.RegisteredOn),
        PledgeFields.EndsOn => row.Get(PledgeColumns.EndsOn),
        PledgeFields.ReleasedOn => row.Get(PledgeColumns.ReleasedOn),
        PledgeFields.Patents => row.Get(PledgeColumns.Patents),
        _ => null,
    };

    private static decimal? TryAmount(string? text, decimal unit) =>
        text is not null && decimal.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) && v > 0 ? v * unit : null;

    private static DateOnly? TryDate(string? text)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "yyyyMMdd", "yyyy/M/d", "yyyy.M.d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        // Excel dates arrive as the invariant culture writes a DateTime.
        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt) ? DateOnly.FromDateTime(dt) : null;
    }

    /// <summary>A bank registers only its own pledges; an operator names the bank, linked when it is a verified bank organisation here.</summary>
    private async Task<Guid?> PledgeeAsync(PledgeActor actor, PledgeInput input, CancellationToken cancellationToken)
    {
        if (actor.Bank is { } bank)
        {
            input.PledgeeName = bank.Name;
            return bank.Id;
        }
        var name = input.PledgeeName?.Trim();
        return name is null ? null : (await BanksByNameAsync(cancellationToken)).TryGetValue(name, out var id) ? id : null;
    }

    private async Task<Dictionary<string, Guid>> BanksByNameAsync(CancellationToken cancellationToken) =>
        (await db.Organizations.Where(o => o.Type == OrganizationType.Bank && o.Verification == VerificationStatus.Verified)
            .Select(o => new { o.Name, o.Id }).ToListAsync(cancellationToken))
        .DistinctBy(o => o.Name).ToDictionary(o => o.Name, o => o.Id, StringComparer.Ordinal);

    /// <summary>The pledgee bank (unless it acted itself) and a pledgor registered here under the same name hear of the change.</summary>
    private async Task QueueNoticesAsync(PledgeRecord record, PledgeActor actor, string message, CancellationToken cancellationToken)
    {
        if (record.PledgeeOrganizationId is { } bank && bank != actor.Bank?.Id)
            await notifier.QueueAsync(Recipient.Organization(bank), message, "/pledges", record.RegistrationNumber);
        var pledgor = await db.Organizations.Where(o => o.Name == record.PledgorName).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(cancellationToken);
        if (pledgor is { } id && record.Patents.FirstOrDefault() is { } first)
            await notifier.QueueAsync(Recipient.Organization(id), message, "/patents/" + Uri.EscapeDataString(first.PatentId), record.RegistrationNumber);
    }
}

/// <summary>Header names of an uploaded pledge register, Chinese and English, as registers and the office's lists write them.</summary>
public static class PledgeColumns
{
    public static readonly string[] RegistrationNumber = ["registration_number", "质押登记号", "登记号"];
    public static readonly string[] Pledgor = ["pledgor", "出质人"];
    public static readonly string[] Pledgee = ["pledgee", "质权人"];
    public static readonly string[] AmountWan = ["amount_wan_cny", "质押金额（万元）", "质押金额(万元)", "融资金额（万元）", "融资金额(万元)"];
    public static readonly string[] AmountYuan = ["amount_cny", "amount_yuan", "质押金额（元）", "质押金额(元)", "融资金额（元）", "融资金额(元)"];
    public static readonly string[] RegisteredOn = ["registered_on", "登记日", "登记日期", "质押登记日"];
    public static readonly string[] EndsOn = ["ends_on", "到期日", "融资到期日"];
    public static readonly string[] ReleasedOn = ["released_on", "解除日", "解除日期", "注销日期"];
    public static readonly string[] County = ["county", "区县", "所在区县"];
    public static readonly string[] Patents = ["patents", "patent_numbers", "专利号", "质押专利"];

    /// <summary>The first required column the header lacks (its field name), or null.</summary>
    public static string? MissingIn(TabularRow first)
    {
        bool Has(string[] names) => names.Any(first.Cells.ContainsKey);
        if (!Has(RegistrationNumber)) return PledgeFields.RegistrationNumber;
        if (!Has(Pledgor)) return PledgeFields.Pledgor;
        if (!Has(AmountWan) && !Has(AmountYuan)) return PledgeFields.Amount;
        if (!Has(RegisteredOn)) return PledgeFields.RegisteredOn;
        return Has(Patents) ? null : PledgeFields.Patents;
    }
}

public static class PledgeAuditActions
{
    public const string Registered = "pledges.registered";
    public const string Released = "pledges.released";
    public const string Imported = "pledges.imported";
}
