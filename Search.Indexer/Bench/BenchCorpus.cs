using System.Globalization;
using System.Text;
using CsvHelper;
using Search.Indexer.Loading;
using Search.Indexer.Readers;
using Search.Indexer.Records;

namespace Search.Indexer.Bench;

/// <summary>
/// Builds a benchmark corpus of any size from the real sample patents shipped with the product:
/// titles with their IPC classes, sentences of abstracts and claims, applicants, inventors and
/// addresses are recombined, so the text stays realistic Chinese and English. Written in the
/// 61-column Chinese database export layout, so a bench load exercises the real reader.
/// </summary>
public sealed class BenchCorpus
{
    private readonly List<(string Title, List<string> Ipc, string Language)> _titles = [];
    private readonly List<string> _zhSentences = [];
    private readonly List<string> _enSentences = [];
    private readonly List<string> _zhClaims = [];
    private readonly List<string> _enClaims = [];
    private readonly List<(string Name, string? Address, PartyType Type)> _applicants = [];
    private readonly List<string> _zhInventors = [];
    private readonly List<string> _enInventors = [];
    private readonly List<string> _cpc = [];

    /// <summary>Sample records read, by language of title.</summary>
    public int SampleRecords { get; private set; }

    /// <summary>Header of the 61-column export layout (as in samples/cn-export).</summary>
    public static readonly string[] Header =
    [
        "序号", "申请日", "公开日", "授权公告日", "申请人", "发明人", "申请号", "公开号", "授权公告号", "专利类型", "专利名称", "授权名称", "申请摘要", "主权项",
        "申请人地址", "法律状态", "主分类号", "分类号", "国省代码", "专利代理人", "专利代理机构", "优先权", "优先权日", "优先权数量", "全文链接", "第一发明人",
        "第一权利人", "申请人类型", "当前发明人", "当前权利人", "当前著录项联系人通讯地址", "当前专利代理人", "当前专利代理机构", "变更前代理机构", "法律事件",
        "引证专利", "非专利引证", "引证数", "同族专利", "专利转移次数", "许可次数", "质押次数", "简单同族数量", "转让日期", "失效日期", "质押日期", "许可日期",
        "无效宣告日期", "CPC主分类号", "CPC分类号", "FI主分类号", "FI分类号", "国际申请号", "国际申请日", "国际公开号", "国际公开日", "进入国家日期", "颁证日",
        "审查员", "审查时长", "实质审查日",
    ];

    private static readonly string[] Statuses = ["有权-审定授权", "有权-审定授权", "有权-审定授权", "审中-实质审查", "审中-公开", "无权-未缴年费终止", "无权-期限届满", "无权-视为撤回"];
    private static readonly string[] Regions = ["福建(35)", "福建(35)", "广东(44)", "江苏(32)", "浙江(33)", "北京(11)", "上海(31)", "河南(41)"];

    /// <summary>Reads every sample file under <paramref name="samplesFolder"/> with the product's own readers.</summary>
    public static BenchCorpus FromSamples(string samplesFolder, ReaderCatalog catalog)
    {
        var corpus = new BenchCorpus();
        foreach (var file in PatentLoader.ExpandPaths([samplesFolder]))
        {
            var detection = catalog.Detect(file.FullName);
            if (detection.Reader is null) continue;
            using var stream = file.OpenRead();
            foreach (var result in detection.Reader.Create().Read(stream, file.Name))
                if (result.Record is { } r) corpus.Add(r);
        }
        if (corpus._titles.Count == 0 || corpus._zhSentences.Count == 0)
            throw new InvalidOperationException($"No usable sample patents under {samplesFolder}: the bench needs the shipped samples (Chinese titles and abstracts).");
        return corpus;
    }

    private void Add(PatentRecord r)
    {
        SampleRecords++;
        foreach (var t in r.Titles)
            _titles.Add((t.Text, r.IpcCodes.Count > 0 ? r.IpcCodes : ["G06F"], t.Language));
        foreach (var a in r.Abstracts)
            (a.Language == "zh" ? _zhSentences : _enSentences).AddRange(Sentences(a.Text, a.Language));
        foreach (var c in r.FirstClaims)
            (c.Language == "zh" ? _zhClaims : _enClaims).Add(c.Text.Length > 600 ? c.Text[..600] : c.Text);
        foreach (var p in r.Applicants)
            _applicants.Add((p.Name, p.Address, p.Type));
        foreach (var p in r.Inventors)
            (Normalization.TextNormalizer.ContainsCjk(p.Name) ? _zhInventors : _enInventors).Add(p.Name);
        _cpc.AddRange(r.CpcCodes);
    }

    private static IEnumerable<string> Sentences(string text, string language)
    {
        var stops = language == "zh" ? new[] { '。', '；' } : ['.', ';'];
        return text.Split(stops, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(s => s.Length >= 8)
            .Select(s => s + (language == "zh" ? "。" : ". "));
    }

    /// <summary>
    /// Writes <paramref name="count"/> records as CSV (UTF-8 with BOM) and counts, for each of
    /// <paramref name="substringProbes"/>, the records whose title, abstract or claim contains it.
    /// </summary>
    public Dictionary<string, long> Write(string path, int count, int seed, IReadOnlyList<string> substringProbes)
    {
        var random = new Random(seed);
        var probeCounts = substringProbes.ToDictionary(p => p, _ => 0L, StringComparer.Ordinal);
        var zhTitles = _titles.Where(t => t.Language == "zh").ToList();
        var enTitles = _titles.Where(t => t.Language == "en").ToList();
        using var writer = new StreamWriter(path, false, new UTF8Encoding(true), 1 << 20);
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions(), leaveOpen: false);
        foreach (var h in Header) csv.WriteField(h);
        csv.EndRecord();
        var row = new string[Header.Length];
        for (var i = 0; i < count; i++)
        {
            Array.Fill(row, "");
            // One record in five is English where English samples exist, as in an international database export.
            var english = enTitles.Count > 0 && _enSentences.Count > 0 && random.Next(5) == 0;
            var (title, ipc, _) = english ? enTitles[random.Next(enTitles.Count)] : zhTitles[random.Next(zhTitles.Count)];
            var sentences = english ? _enSentences : _zhSentences;
            var targetLength = english ? 700 : 330;
            var abs = new StringBuilder();
            while (abs.Length < targetLength) abs.Append(sentences[random.Next(sentences.Count)]);
            var claims = english ? _enClaims : _zhClaims;
            var claim = claims.Count > 0 ? claims[random.Next(claims.Count)] : "";
            var applicant = _applicants[random.Next(_applicants.Count)];
            var inventors = english ? _enInventors : _zhInventors;
            var inventorList = string.Join(";", Enumerable.Range(0, 1 + random.Next(4)).Select(_ => inventors.Count > 0 ? inventors[random.Next(inventors.Count)] : "张三"));
            var kind = random.Next(3) switch { 0 => "A", 1 => "U", _ => "B" };
            var year = 2005 + random.Next(20);
            var filed = new DateOnly(year, 1 + random.Next(12), 1 + random.Next(28));
            var published = filed.AddDays(90 + random.Next(500));
            var serial = 100_000_000 + i;
            var pn = $"CN{serial}{kind}";
            row[0] = (i + 1).ToString(CultureInfo.InvariantCulture);
            row[1] = filed.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            row[2] = published.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            row[3] = kind == "A" ? "0" : row[2];
            row[4] = applicant.Name;
            row[5] = inventorList;
            row[6] = $"CN{year}1{i % 10_000_000:D7}.{i % 10}";
            row[7] = pn;
            row[8] = kind == "A" ? "" : pn;
            row[9] = kind switch { "A" => "发明公开", "U" => "实用新型", _ => "发明授权" };
            row[10] = title;
            row[11] = kind == "A" ? "" : title;
            row[12] = abs.ToString();
            row[13] = claim;
            row[14] = applicant.Address ?? "";
            row[15] = kind == "A" ? (random.Next(2) == 0 ? "审中-实质审查" : "无权-视为撤回") : Statuses[random.Next(Statuses.Length)];
            row[16] = ipc[0];
            row[17] = string.Join(";", ipc);
            row[18] = Regions[random.Next(Regions.Length)];
            row[37] = random.Next(30).ToString(CultureInfo.InvariantCulture);
            row[39] = random.Next(10) == 0 ? "1" : "0";
            row[40] = random.Next(20) == 0 ? "1" : "0";
            row[41] = random.Next(25) == 0 ? "1" : "0";
            row[49] = _cpc.Count > 0 && random.Next(3) == 0 ? _cpc[random.Next(_cpc.Count)] : "";
            foreach (var f in row) csv.WriteField(f);
            csv.EndRecord();
            foreach (var probe in substringProbes)
                if (title.Contains(probe, StringComparison.Ordinal) || row[12].Contains(probe, StringComparison.Ordinal) || claim.Contains(probe, StringComparison.Ordinal))
                    probeCounts[probe]++;
        }
        return probeCounts;
    }
}
