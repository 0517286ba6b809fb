namespace Marketplace.Web.Pledges;

/// <summary>How a pledge record came in: typed on the register page, or a row of an uploaded spreadsheet.</summary>
public enum PledgeSource
{
    Entered = 1,
    Imported = 2,
}

/// <summary>
/// A patent-right pledge (专利权质押) as registered with the patent office: the pledgor (出质人) pledges patents to a
/// pledgee bank (质权人) for a loan of <see cref="AmountYuan"/>; registration number (质押登记号) and dates as the
/// office records them. A pledged patent cannot be transferred or licensed without the pledgee's consent until the
/// pledge is released (解除/注销, <see cref="ReleasedOn"/>).
/// </summary>
public sealed class PledgeRecord
{
    public const int MaxPatents = 50;
    public const int MaxNameLength = 200;
    public const int MaxRegistrationNumberLength = 64;

    private readonly List<PledgedPatent> _patents = [];

    private PledgeRecord(string registrationNumber, string pledgorName, string pledgeeName, decimal amountYuan, DateOnly registeredOn, Guid createdBy, DateTime createdAt)
    {
        RegistrationNumber = registrationNumber;
        PledgorName = pledgorName;
        PledgeeName = pledgeeName;
        AmountYuan = amountYuan;
        RegisteredOn = registeredOn;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    /// <summary>The patent office's pledge registration number (质押登记号), unique.</summary>
    public string RegistrationNumber { get; private set; }

    public string PledgorName { get; private set; }

    public string PledgeeName { get; private set; }

    /// <summary>The bank organisation on the platform that holds the pledge, when it is one (its members see and release it).</summary>
    public Guid? PledgeeOrganizationId { get; private set; }

    /// <summary>Financing amount in yuan (RMB).</summary>
    public decimal AmountYuan { get; private set; }

    /// <summary>The county or district of the pledgor, for the city's figures by county; null when not known.</summary>
    public string? County { get; private set; }

    public DateOnly RegisteredOn { get; private set; }

    /// <summary>End of the secured loan's term, when given.</summary>
    public DateOnly? EndsOn { get; private set; }

    public DateOnly? ReleasedOn { get; private set; }

    public PledgeSource Source { get; private set; }

    /// <summary>The uploaded file a record was imported from.</summary>
    public string? SourceFile { get; private set; }

    public Guid CreatedBy { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public IReadOnlyCollection<PledgedPatent> Patents => _patents;

    public bool IsReleased => ReleasedOn is not null;

    /// <summary>
    /// A checked record: every rule a registration must meet, each refusal naming its field. Patents are given with
    /// their titles from the index (the caller has checked they are in it).
    /// </summary>
    public static PledgeRecord Register(PledgeInput input, IReadOnlyList<(string PatentId, string Title)> patents, Guid? pledgeeOrganizationId,
        PledgeSource source, string? sourceFile, Guid createdBy, DateTime now)
    {
        var number = Required(input.RegistrationNumber, PledgeFields.RegistrationNumber, MaxRegistrationNumberLength);
        var pledgor = Required(input.PledgorName, PledgeFields.Pledgor, MaxNameLength);
        var pledgee = Required(input.PledgeeName, PledgeFields.Pledgee, MaxNameLength);
        if (input.AmountYuan is not { } amount || amount <= 0 || amount > 100_000_000_000m)
            throw new PledgeRuleException(PledgeFields.Amount, "Enter the financing amount in yuan, more than 0.");
        if (input.RegisteredOn is not { } registeredOn)
            throw new PledgeRuleException(PledgeFields.RegisteredOn, "Enter the registration date.");
        if (registeredOn > DateOnly.FromDateTime(now))
            throw new PledgeRuleException(PledgeFields.RegisteredOn, "The registration date cannot be in the future.");
        if (input.EndsOn is { } ends && ends < registeredOn)
            throw new PledgeRuleException(PledgeFields.EndsOn, "The loan cannot end before the pledge is registered.");
        if (patents.Count == 0) throw new PledgeRuleException(PledgeFields.Patents, "Name at least one pledged patent.");
        if (patents.Count > MaxPatents) throw new PledgeRuleException(PledgeFields.Patents, "A pledge holds at most {0} patents.", MaxPatents);
        var record = new PledgeRecord(number, pledgor, pledgee, decimal.Round(amount, 2), registeredOn, createdBy, now)
        {
            PledgeeOrganizationId = pledgeeOrganizationId,
            County = string.IsNullOrWhiteSpace(input.County) ? null : input.County.Trim(),
            EndsOn = input.EndsOn,
            Source = source,
            SourceFile = sourceFile,
        };
        foreach (var (id, title) in patents.DistinctBy(p => p.PatentId, StringComparer.Ordinal))
            record._patents.Add(new PledgedPatent(record.Id, id, title.Length > 500 ? title[..500] : title));
        if (input.ReleasedOn is { } released) record.Release(released);
        return record;
    }

    /// <summary>The pledge is released (解除质押) on the day given; the patents may be transferred again from then on.</summary>
    public void Release(DateOnly on)
    {
        if (ReleasedOn is not null) throw new PledgeRuleException(PledgeFields.ReleasedOn, "This pledge is already released.");
        if (on < RegisteredOn) throw new PledgeRuleException(PledgeFields.ReleasedOn, "A pledge cannot be released before it is registered.");
        ReleasedOn = on;
    }

    /// <summary>Whether the pledge binds its patents on <paramref name="day"/>: registered by then and not yet released.</summary>
    public bool InForceOn(DateOnly day) => RegisteredOn <= day && (ReleasedOn is null || ReleasedOn > day);

    private static string Required(string? value, string field, int max)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v)) throw new PledgeRuleException(field, "This field is required.");
        if (v.Length > max) throw new PledgeRuleException(field, "At most {0} characters.", max);
        return v;
    }
}

/// <summary>One patent of a pledge, with its title as the index had it when registered.</summary>
public sealed class PledgedPatent(Guid pledgeId, string patentId, string title)
{
    public Guid PledgeId { get; private set; } = pledgeId;

    public string PatentId { get; private set; } = patentId;

    public string Title { get; private set; } = title;
}

/// <summary>What a person (or a spreadsheet row) gives for a pledge; patents as numbers separated by commas, semicolons or spaces.</summary>
public sealed class PledgeInput
{
    public string? RegistrationNumber { get; set; }

    public string? PledgorName { get; set; }

    public string? PledgeeName { get; set; }

    public decimal? AmountYuan { get; set; }

    public DateOnly? RegisteredOn { get; set; }

    public DateOnly? EndsOn { get; set; }

    public DateOnly? ReleasedOn { get; set; }

    public string? County { get; set; }

    public string? Patents { get; set; }

    public static IReadOnlyList<string> SplitPatents(string? text) =>
        [.. (text ?? "").Split([',', ';', '，', '；', '、', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.ToUpperInvariant()).Distinct(StringComparer.Ordinal)];
}

/// <summary>Field names of a pledge (English UI keys), so a refusal says which field it is about.</summary>
public static class PledgeFields
{
    public const string RegistrationNumber = "Registration number";
    public const string Pledgor = "Pledgor";
    public const string Pledgee = "Pledgee bank";
    public const string Amount = "Amount (yuan)";
    public const string RegisteredOn = "Registration date";
    public const string EndsOn = "Loan ends on";
    public const string ReleasedOn = "Released on";
    public const string County = "County";
    public const string Patents = "Pledged patents";

    public static IEnumerable<string> All => [RegistrationNumber, Pledgor, Pledgee, Amount, RegisteredOn, EndsOn, ReleasedOn, County, Patents];
}

/// <summary>
/// A pledge rule refused a change. <see cref="Field"/> names the field (an English UI key, see <see cref="PledgeFields"/>);
/// <see cref="Template"/> is the English message, a UI key with <see cref="Arguments"/>.
/// </summary>
public sealed class PledgeRuleException(string field, string template, params object[] arguments)
    : InvalidOperationException(arguments.Length == 0 ? template : string.Format(System.Globalization.CultureInfo.InvariantCulture, template, arguments))
{
    public string Field { get; } = field;

    public string Template { get; } = template;

    public IReadOnlyList<object> Arguments { get; } = arguments;
}
