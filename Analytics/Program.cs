using System.Diagnostics;
using Analytics.Chains;
using Analytics.Taxonomy;
using Search.Indexer.Loading;
using Search.Indexer.Readers;
using Search.Indexer.Records;
var records = new List<PatentRecord>();
foreach (var file in PatentLoader.ExpandPaths(["../samples"]))
{
    var d = DefaultReaders.Catalog.Detect(file.FullName);
    if (d.Reader is null) { Console.WriteLine($"skip {file.Name}: {d.Problem}"); continue; }
    using var s = file.OpenRead();
    var n = 0; var bad = 0;
    foreach (var r in d.Reader.Create().Read(s, file.Name)) { if (r.Record is { } rec) { records.Add(rec); n++; } else bad++; }
    Console.WriteLine($"{file.Name}: {d.Reader.Format} {n} ok {bad} bad");
}
var sw = Stopwatch.StartNew();
var rules = new ChainRules(IndustryTaxonomy.Default);
using var model = ChainModel.Train(records, rules, new ChainModelOptions(), new Progress<string>(Console.WriteLine));
Console.WriteLine($"train {sw.Elapsed.TotalSeconds:F1}s");
sw.Restart();
var labels = model.Label(records);
Console.WriteLine($"label {sw.Elapsed.TotalSeconds:F1}s");
foreach (var g in labels.SelectMany(l => l.Chains).GroupBy(c => (c.ChainId, c.Source)).OrderBy(g => g.Key.ChainId)) Console.WriteLine($"{g.Key.ChainId} {g.Key.Source} {g.Count()}");
Console.WriteLine($"unlabelled {labels.Count(l => l.Chains.Count == 0)} of {labels.Count}");
foreach (var (c, topics) in model.Manifest.SubTopics) Console.WriteLine($"{c}: {string.Join(" | ", topics.Select(t => t.Label + $" ({t.Size})"))}");
for (int i = 0; i < 12; i++) Console.WriteLine($"{records[i*400].Title("zh")} -> {string.Join("; ", labels[i*400].Chains.Select(c => c.ChainId + " " + c.Reason))}");
return 0;
