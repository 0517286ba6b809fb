namespace Marketplace.Web.Saved;

/// <summary>
/// A search a person keeps under a name: the search page's query string (q, f.*, sort; never page or
/// size), whether new matches are alerted, and when the alert baseline was taken and last checked.
/// </summary>
public sealed class SavedSearch
{
    public const int MaxName = 100, MaxQuery = 2000;

    private SavedSearch(Guid id, Guid userId, string name, string query, DateTime createdAt, bool alertsEnabled)
    {
        Id = id;
        UserId = userId;
        Name = name;
        Query = query;
        CreatedAt = createdAt;
        AlertsEnabled = alertsEnabled;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public string Name { get; private set; }

    /// <summary>The canonical query string without the leading '?', e.g. <c>q=锂电池&amp;f.doc_type=invention&amp;sort=newest</c>.</summary>
    public string Query { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public bool AlertsEnabled { get; private set; }

    /// <summary>When the patents already matching were recorded as seen; null until then (the next alert run takes it, silently).</summary>
    public DateTime? BaselineAt { get; private set; }

    /// <summary>The last alert run that checked this search (the watermark shown to the owner).</summary>
    public DateTime? LastCheckedAt { get; private set; }

    /// <summary>The last time an alert went out for it.</summary>
    public DateTime? LastAlertedAt { get; private set; }

    public static SavedSearch Create(Guid userId, string name, string query, bool alertsEnabled, DateTime now) =>
        new(Guid.CreateVersion7(), userId, SavedRules.Name(name), query, now, alertsEnabled);

    public string SearchUrl => Patents.SearchLinks.Path + (Query.Length > 0 ? "?" + Query : "");

    public void Rename(string name) => Name = SavedRules.Name(name);

    /// <summary>Switching alerts on again forgets the baseline: what matched while they were off is not news.</summary>
    public void SetAlerts(bool enabled)
    {
        if (enabled && !AlertsEnabled) BaselineAt = null;
        AlertsEnabled = enabled;
    }

    public void MarkBaseline(DateTime now)
    {
        BaselineAt = now;
        LastCheckedAt = now;
    }

    public void MarkChecked(DateTime now, bool alerted)
    {
        LastCheckedAt = now;
        if (alerted) LastAlertedAt = now;
    }
}

/// <summary>
/// A patent a saved search has already shown its owner (or matched at the baseline), and whether it
/// carried an open licence then. Alerts are about ids not in this set, so a record reloaded unchanged never alerts twice.
/// </summary>
public sealed class SavedSearchSeen(Guid savedSearchId, string patentId, DateTime seenAt, bool openLicense)
{
    public Guid SavedSearchId { get; private set; } = savedSearchId;

    public string PatentId { get; private set; } = patentId;

    public DateTime SeenAt { get; private set; } = seenAt;

    public bool OpenLicense { get; private set; } = openLicense;

    public void SetOpenLicense(bool value) => OpenLicense = value;
}

/// <summary>A person's named list of patents (专利收藏夹).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "“Collection” is the product's word for a list of patents (issue 7 §3), not a .NET collection type.")]
public sealed class PatentCollection
{
    public const int MaxName = 100;

    /// <summary>As many as one export carries.</summary>
    public const int MaxItems = Patents.ResultExport.MaxRecords;

    private PatentCollection(Guid id, Guid userId, string name, DateTime createdAt)
    {
        Id = id;
        UserId = userId;
        Name = name;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public string Name { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public static PatentCollection Create(Guid userId, string name, DateTime now) => new(Guid.CreateVersion7(), userId, SavedRules.Name(name), now);

    public void Rename(string name) => Name = SavedRules.Name(name);
}

/// <summary>One patent in a collection, by its index id, with the owner's note.</summary>
public sealed class CollectionItem
{
    public const int MaxNote = 500, MaxPatentId = 64;

    private CollectionItem(Guid collectionId, string patentId, string? note, DateTime addedAt)
    {
        CollectionId = collectionId;
        PatentId = patentId;
        Note = note;
        AddedAt = addedAt;
    }

    public Guid CollectionId { get; private set; }

    public string PatentId { get; private set; }

    public string? Note { get; private set; }

    public DateTime AddedAt { get; private set; }

    public static CollectionItem Create(Guid collectionId, string patentId, string? note, DateTime now) =>
        new(collectionId, patentId, SavedRules.Note(note), now);

    public void ChangeNote(string? note) => Note = SavedRules.Note(note);
}

/// <summary>A request the saved-items rules refuse; the message is an English UI string key with its arguments.</summary>
public sealed class SavedRuleException(string message, params object[] arguments) : Exception(message)
{
    public IReadOnlyList<object> Arguments { get; } = arguments;
}

internal static class SavedRules
{
    public static string Name(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) throw new SavedRuleException("Name: enter a name.");
        if (trimmed.Length > SavedSearch.MaxName) throw new SavedRuleException("Name: use at most {0} characters (this one has {1}).", SavedSearch.MaxName, trimmed.Length);
        if (trimmed.Any(char.IsControl)) throw new SavedRuleException("Name: line breaks and control characters are not allowed.");
        return trimmed;
    }

    public static string? Note(string? note)
    {
        var trimmed = note?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        if (trimmed.Length > CollectionItem.MaxNote) throw new SavedRuleException("Note: use at most {0} characters (this one has {1}).", CollectionItem.MaxNote, trimmed.Length);
        return trimmed;
    }
}
