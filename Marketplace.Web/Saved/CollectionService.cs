using Marketplace.Web.Data;
using Marketplace.Web.Patents;
using Microsoft.EntityFrameworkCore;
using Search.Indexer.Records;

namespace Marketplace.Web.Saved;

/// <summary>A collection with its size, for lists and the "add to collection" choice.</summary>
public sealed record CollectionSummary(Guid Id, string Name, int Count, DateTime CreatedAt);

/// <summary>A patent of a collection with its record from the index, or none when the index no longer has it.</summary>
public sealed record CollectionEntry(CollectionItem Item, PatentRecord? Record);

/// <summary>A person's patent collections: create, rename, delete, add and remove patents, read them back with their records.</summary>
public sealed class CollectionService(MarketplaceDbContext db, PatentSearchService search, TimeProvider clock)
{
    public const int MaxPerUser = 100;
    public const int PageSize = 50;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<CollectionSummary>> ListAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var collections = await db.Set<PatentCollection>().AsNoTracking().Where(c => c.UserId == userId).ToListAsync(cancellationToken);
        var ids = collections.Select(c => c.Id).ToList();
        var counts = await db.Set<CollectionItem>().Where(i => ids.Contains(i.CollectionId)).GroupBy(i => i.CollectionId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        return [.. collections.OrderBy(c => c.Name, StringComparer.CurrentCulture)
            .Select(c => new CollectionSummary(c.Id, c.Name, counts.GetValueOrDefault(c.Id), c.CreatedAt))];
    }

    /// <summary>The person's collection, or null when there is none with that id or it is someone else's.</summary>
    public Task<PatentCollection?> FindAsync(Guid userId, Guid id, CancellationToken cancellationToken = default) =>
        db.Set<PatentCollection>().FirstOrDefaultAsync(c => c.Id == id && c.UserId == userId, cancellationToken);

    public async Task<PatentCollection> CreateAsync(Guid userId, string? name, CancellationToken cancellationToken = default)
    {
        var checkedName = SavedRules.Name(name);
        if (await db.Set<PatentCollection>().CountAsync(c => c.UserId == userId, cancellationToken) >= MaxPerUser)
            throw new SavedRuleException("You already have {0} collections, the most allowed. Delete one you no longer need first.", MaxPerUser);
        if (await db.Set<PatentCollection>().AnyAsync(c => c.UserId == userId && c.Name == checkedName, cancellationToken))
            throw new SavedRuleException("Name: you already have a collection named “{0}”.", checkedName);
        var collection = PatentCollection.Create(userId, checkedName, Now);
        db.Add(collection);
        await db.SaveChangesAsync(cancellationToken);
        return collection;
    }

    public async Task RenameAsync(PatentCollection collection, string? name, CancellationToken cancellationToken = default)
    {
        var checkedName = SavedRules.Name(name);
        if (checkedName != collection.Name && await db.Set<PatentCollection>().AnyAsync(c => c.UserId == collection.UserId && c.Name == checkedName && c.Id != collection.Id, cancellationToken))
            throw new SavedRuleException("Name: you already have a collection named “{0}”.", checkedName);
        collection.Rename(checkedName);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task DeleteAsync(PatentCollection collection, CancellationToken cancellationToken = default)
    {
        db.Remove(collection);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Adds a patent the index knows (by id or any written form of its number) to the collection; a patent
    /// already there keeps its place (and gets the new note, when one is given). Returns the patent's id.
    /// </summary>
    public async Task<string> AddAsync(PatentCollection collection, string? patent, string? note, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(patent)) throw new SavedRuleException("Patent: name the patent to add.");
        var checkedNote = SavedRules.Note(note);
        var (record, _) = await search.FindAsync(patent.Trim(), cancellationToken);
        if (record is null) throw new SavedRuleException("Patent: “{0}” is not a patent in the index.", patent.Trim());
        var items = db.Set<CollectionItem>();
        var existing = await items.FirstOrDefaultAsync(i => i.CollectionId == collection.Id && i.PatentId == record.Id, cancellationToken);
        if (existing is not null)
        {
            if (checkedNote is not null)
            {
                existing.ChangeNote(checkedNote);
                await db.SaveChangesAsync(cancellationToken);
            }
            return record.Id;
        }
        if (await items.CountAsync(i => i.CollectionId == collection.Id, cancellationToken) >= PatentCollection.MaxItems)
            throw new SavedRuleException("The collection “{0}” already holds {1} patents, the most allowed. Remove some or start another collection.", collection.Name, PatentCollection.MaxItems);
        items.Add(CollectionItem.Create(collection.Id, record.Id, checkedNote, Now));
        await db.SaveChangesAsync(cancellationToken);
        return record.Id;
    }

    /// <summary>Refuses a patent the index does not know or a note that is too long, before anything is created.</summary>
    public async Task CheckPatentAsync(string? patent, string? note, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(patent)) throw new SavedRuleException("Patent: name the patent to add.");
        SavedRules.Note(note);
        var (record, _) = await search.FindAsync(patent.Trim(), cancellationToken);
        if (record is null) throw new SavedRuleException("Patent: “{0}” is not a patent in the index.", patent.Trim());
    }

    /// <summary>Removes the patent; false when it was not in the collection.</summary>
    public async Task<bool> RemoveAsync(PatentCollection collection, string? patentId, CancellationToken cancellationToken = default)
    {
        var item = await db.Set<CollectionItem>().FirstOrDefaultAsync(i => i.CollectionId == collection.Id && i.PatentId == patentId, cancellationToken);
        if (item is null) return false;
        db.Remove(item);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public Task<int> CountAsync(PatentCollection collection, CancellationToken cancellationToken = default) =>
        db.Set<CollectionItem>().CountAsync(i => i.CollectionId == collection.Id, cancellationToken);

    /// <summary>One page of the collection, latest added first, each with its record from the index when it still has it.</summary>
    public async Task<IReadOnlyList<CollectionEntry>> PageAsync(PatentCollection collection, int page, CancellationToken cancellationToken = default)
    {
        var items = await Ordered(collection).Skip((Math.Max(1, page) - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        var records = await search.GetManyAsync([.. items.Select(i => i.PatentId)], cancellationToken);
        var byId = records.ToDictionary(r => r.Id, StringComparer.Ordinal);
        return [.. items.Select(i => new CollectionEntry(i, byId.GetValueOrDefault(i.PatentId)))];
    }

    /// <summary>The collection's patent ids in its order (latest added first), for export.</summary>
    public async Task<IReadOnlyList<string>> PatentIdsAsync(PatentCollection collection, CancellationToken cancellationToken = default) =>
        await Ordered(collection).Select(i => i.PatentId).Take(PatentCollection.MaxItems).ToListAsync(cancellationToken);

    // The patent id breaks ties between patents added in the same instant, so pages never overlap.
    private IQueryable<CollectionItem> Ordered(PatentCollection collection) =>
        db.Set<CollectionItem>().AsNoTracking().Where(i => i.CollectionId == collection.Id).OrderByDescending(i => i.AddedAt).ThenBy(i => i.PatentId);
}
