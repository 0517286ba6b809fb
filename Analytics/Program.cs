using System.Text.Json;
using Analytics.Evaluation;
var report = Evaluator.Run(args.Length > 0 ? args[0] : "../samples/cn-titles-ipc/cn_titles_ipc.csv", 42, new Progress<string>(Console.WriteLine));
Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
return 0;
