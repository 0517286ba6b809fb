using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using Search.Indexer.Normalization;
using Search.Indexer.Records;

namespace Analytics.TechnologyFields;

/// <summary>One of WIPO's 35 technology fields (Schmoch 2008), in one of 5 sectors.</summary>
public sealed record TechnologyField(int Number, string NameEn, string NameZh, string SectorEn, string SectorZh);

/// <summary>
/// WIPO's IPC–technology concordance: maps IPC symbols to the 35 technology fields, a finer and
/// field-neutral view beside industry chains. Patterns name a subclass (<c>F21H%</c>) or a main
/// group within one (<c>H04N   3/%</c>); the most specific pattern wins, and a subclass newer than
/// the concordance takes its class's field where the class maps to a single field.
/// </summary>
public sealed partial class TechnologyFieldConcordance
{
    private static readonly Lazy<TechnologyFieldConcordance> Shared = new(Load);

    // Chinese names as CNIPA's statistical reports translate the WIPO field names.
    private static readonly string[] FieldNamesZh =
    [
        "", "电气机械、设备和能源", "视听技术", "电信", "数字通信", "基础通信程序", "计算机技术", "管理用IT方法", "半导体", "光学", "测量",
        "生物材料分析", "控制", "医疗技术", "有机精细化学", "生物技术", "药品", "高分子化学、聚合物", "食品化学", "基础材料化学", "材料、冶金",
        "表面技术、涂层", "微观结构和纳米技术", "化学工程", "环境技术", "装卸", "机床", "发动机、泵、涡轮机", "纺织和造纸机械", "其他专用机械",
        "热工过程和器具", "机械零件", "运输", "家具、游戏", "其他消费品", "土木工程",
    ];

    private static readonly Dictionary<string, string> SectorNamesZh = new(StringComparer.Ordinal)
    {
        ["Electrical engineering"] = "电气工程",
        ["Instruments"] = "仪器",
        ["Chemistry"] = "化学",
        ["Mechanical engineering"] = "机械工程",
        ["Other fields"] = "其他领域",
    };

    private readonly FrozenDictionary<string, TechnologyField> _bySubclass;
    private readonly FrozenDictionary<string, TechnologyField> _byMainGroup;
    private readonly FrozenDictionary<string, TechnologyField> _byClass;

    private TechnologyFieldConcordance(IReadOnlyList<TechnologyField> fields, Dictionary<string, TechnologyField> bySubclass, Dictionary<string, TechnologyField> byMainGroup)
    {
        Fields = fields;
        _bySubclass = bySubclass.ToFrozenDictionary(StringComparer.Ordinal);
        _byMainGroup = byMainGroup.ToFrozenDictionary(StringComparer.Ordinal);
        // Subclasses created after 2008 (B64U, G16H's siblings …) are not listed: they take their
        // class's field when every listed subclass of that class agrees on one.
        _byClass = bySubclass
            .GroupBy(kv => kv.Key[..3], StringComparer.Ordinal)
            .Where(g => g.Select(kv => kv.Value.Number).Distinct().Count() == 1)
            .ToFrozenDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
    }

    /// <summary>The concordance shipped with the product.</summary>
    public static TechnologyFieldConcordance Default => Shared.Value;

    /// <summary>The 35 fields in number order.</summary>
    public IReadOnlyList<TechnologyField> Fields { get; }

    /// <summary>The field of one IPC symbol (any level from main group down), or null when no pattern covers it.</summary>
    public TechnologyField? FieldOf(string ipcCode)
    {
        if (!Classification.TryNormalize(ipcCode, out var code, out _)) return null;
        if (Classification.MainGroup(code) is { } group && _byMainGroup.TryGetValue(group, out var byGroup)) return byGroup;
        if (Classification.Subclass(code) is { } sc && _bySubclass.TryGetValue(sc, out var bySub)) return bySub;
        return Classification.Class(code) is { } cls && _byClass.TryGetValue(cls, out var byClass) ? byClass : null;
    }

    /// <summary>The distinct fields of a patent's IPC codes, the main classification's field first.</summary>
    public IReadOnlyList<TechnologyField> FieldsOf(PatentRecord record)
    {
        var result = new List<TechnologyField>();
        foreach (var code in record.IpcCodes)
            if (FieldOf(code) is { } f && !result.Contains(f)) result.Add(f);
        return result;
    }

    [GeneratedRegex(@"^(?<sub>[A-H]\d{2}[A-Z])(?:\s*(?<grp>\d{1,4})/)?%$")]
    private static partial Regex PatternForm();

    private static TechnologyFieldConcordance Load()
    {
        using var stream = typeof(TechnologyFieldConcordance).Assembly.GetManifestResourceStream("wipo_ipc_technology_concordance.csv")
            ?? throw new InvalidOperationException("The resource wipo_ipc_technology_concordance.csv is missing from Analytics.");
        return Load(stream);
    }

    internal static TechnologyFieldConcordance Load(Stream stream)
    {
        using var reader = new StreamReader(stream);
        using var csv = CsvReader.Create(reader, new CsvReaderOptions { HasHeader = true, TrackLineNumbers = true }, leaveOpen: false);
        var fields = new Dictionary<int, TechnologyField>();
        var bySubclass = new Dictionary<string, TechnologyField>(StringComparer.Ordinal);
        var byGroup = new Dictionary<string, TechnologyField>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var line = csv.LineNumber;
            var n = int.Parse(csv.GetString("Field_number"), NumberStyles.None, CultureInfo.InvariantCulture);
            if (n is < 1 or > 35) throw new InvalidDataException($"Technology concordance line {line}: field number {n} is outside 1–35.");
            if (!fields.TryGetValue(n, out var tf))
            {
                var sector = csv.GetString("Sector_en");
                fields[n] = tf = new TechnologyField(n, csv.GetString("Field_en"), FieldNamesZh[n], sector, SectorNamesZh.GetValueOrDefault(sector, sector));
            }
            var pattern = csv.GetString("IPC_code").Trim();
            var m = PatternForm().Match(pattern);
            if (!m.Success) throw new InvalidDataException($"Technology concordance line {line}: '{pattern}' is not a pattern like F21H% or H04N   3/%.");
            if (m.Groups["grp"].Success)
                byGroup[$"{m.Groups["sub"].Value}{int.Parse(m.Groups["grp"].Value, CultureInfo.InvariantCulture)}/00"] = tf;
            else
                bySubclass[m.Groups["sub"].Value] = tf;
        }
        return new TechnologyFieldConcordance(fields.Values.OrderBy(f => f.Number).ToList(), bySubclass, byGroup);
    }
}
