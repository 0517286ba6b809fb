using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Marketplace.Web.Tests.Support;

/// <summary>Picks real records out of the loaded index, so tests follow the samples rather than hard-coding them.</summary>
public static class SampleRecords
{
    public static async Task<PatentRecord> FirstAsync(this IPatentIndex index, Func<PatentRecord, bool> predicate, string what)
    {
        await foreach (var record in index.ExportAsync())
            if (predicate(record)) return record;
        throw new InvalidOperationException($"The samples hold no {what}.");
    }

    /// <summary>A record no other record shares a number key with, so a lookup by its number finds only it.</summary>
    public static async Task<PatentRecord> UniqueByNumberAsync(this IPatentIndex index, Func<PatentRecord, bool> predicate, string what)
    {
        var all = new List<PatentRecord>();
        await foreach (var record in index.ExportAsync()) all.Add(record);
        var keys = all.SelectMany(r => new[] { r.PublicationNumber.Key }.Concat(r.OtherPublicationNumbers.Select(n => n.Key)).Concat(r.ApplicationNumber is { } a ? [a.Key] : []))
            .GroupBy(k => k, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return all.FirstOrDefault(r => predicate(r) && !keys.Contains(r.PublicationNumber.Key))
            ?? throw new InvalidOperationException($"The samples hold no {what} with a number of its own.");
    }
}
