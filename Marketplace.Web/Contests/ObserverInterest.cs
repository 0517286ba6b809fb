namespace Marketplace.Web.Contests;

/// <summary>An observer's interest in an entry (investor, industrial park): a lead for the operators.</summary>
public sealed class ObserverInterest
{
    // For EF Core.
    private ObserverInterest()
    {
    }

    public ObserverInterest(Guid contestId, Guid entryId, Guid observerUserId, string tags, string note, DateTime now)
    {
        Id = Guid.CreateVersion7();
        ContestId = contestId;
        EntryId = entryId;
        ObserverUserId = observerUserId;
        CreatedAt = now;
        Change(tags, note, now);
    }

    public Guid Id { get; private set; }

    public Guid ContestId { get; private set; }

    public Guid EntryId { get; private set; }

    public Guid ObserverUserId { get; private set; }

    /// <summary>Comma-separated tags such as 投资, 入园, 许可.</summary>
    public string Tags { get; private set; } = "";

    public string Note { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public void Change(string tags, string note, DateTime now)
    {
        var list = (tags ?? "").Split([',', '，', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        if (list.Count == 0) throw new ContestRuleException("Give at least one interest tag.");
        if (list.Count > 10 || list.Any(t => t.Length > 30)) throw new ContestRuleException("At most 10 tags of 30 characters each.");
        if ((note ?? "").Length > 1000) throw new ContestRuleException("A note may have at most 1000 characters.");
        Tags = string.Join(", ", list);
        Note = (note ?? "").Trim();
        UpdatedAt = now;
    }
}
