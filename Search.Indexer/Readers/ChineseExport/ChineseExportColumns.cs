using System.Text;
using Search.Indexer.Normalization;

namespace Search.Indexer.Readers.ChineseExport;

/// <summary>What a column of a Chinese patent-database export holds.</summary>
public enum ExportField
{
    /// <summary>Not a known column: its value is kept verbatim in <c>PatentRecord.Extra</c>.</summary>
    Unknown = 0,
    /// <summary>A known column the record has no field for (序号, 审查员, 全文链接 …): kept in Extra.</summary>
    KeptInExtra,
    PublicationNumber,
    GrantNumber,
    ApplicationNumber,
    ApplicationDate,
    PublicationDate,
    GrantDate,
    LapseDate,
    PatentType,
    Title,
    Abstract,
    FirstClaim,
    /// <summary>Title, keywords and abstract in one field ("Title: …\nKeywords: …\nAbstract: …").</summary>
    CombinedText,
    Applicants,
    ApplicantAddress,
    ApplicantType,
    Inventors,
    Agency,
    IpcMain,
    Ipc,
    CpcMain,
    Cpc,
    LegalStatus,
    LegalEvents,
    RegionCode,
    Priorities,
    PriorityDates,
    CitedDocuments,
    Citations,
    CitedBy,
    FamilySize,
    FamilyMembers,
    Transfers,
    Licenses,
    Pledges,
}

/// <summary>
/// The header vocabulary of Chinese patent-database exports (CNIPA, incoPat, Patsnap, Himmpat,
/// SooPAT-style layouts, in simplified or traditional characters) and of English exports of
/// the same data. A header cell is matched after <see cref="NormalizeHeader"/>, so full/half
/// width, spaces, underscores and the style of parentheses do not matter.
/// </summary>
public static class ChineseExportColumns
{
    /// <summary>How many leading lines or sheet rows are searched for the header row.</summary>
    public const int HeaderSearchLines = 20;

    /// <summary>The reason given when no header is found.</summary>
    public static RejectionReason NoHeader => RejectionReasons.ExportNoHeader.With(RejectionArgument.Number(HeaderSearchLines));

    // Rank 0 is the column a field is read from first; a higher rank is a fallback (used when the
    // better column is absent or empty) and is otherwise kept in Extra when its value differs.
    private static readonly (ExportField Field, int Rank, string[] Names)[] Vocabulary =
    [
        (ExportField.PublicationNumber, 0, ["公开号", "公开（公告）号", "公开公告号", "公告号", "公开号码", "文献号", "publication_number", "publication number", "publication no", "pub no", "pub number", "publication_no", "document number"]),
        (ExportField.GrantNumber, 0, ["授权公告号", "授权号", "授权公告号码", "grant number", "grant_number", "grant no"]),
        (ExportField.ApplicationNumber, 0, ["申请号", "申请号码", "application number", "application_number", "application no", "appln no", "app no"]),
        (ExportField.ApplicationNumber, 1, ["专利号"]),
        (ExportField.ApplicationDate, 0, ["申请日", "申请日期", "application date", "application_date", "filing date", "filing_date"]),
        (ExportField.PublicationDate, 0, ["公开日", "公开（公告）日", "公开公告日", "公开日期", "公告日", "publication date", "publication_date", "pub date"]),
        (ExportField.GrantDate, 0, ["授权公告日", "授权日", "授权日期", "grant date", "grant_date", "issue date"]),
        (ExportField.LapseDate, 0, ["失效日期", "失效日", "lapse date", "expiry date", "expiration date"]),
        (ExportField.PatentType, 0, ["专利类型", "专利类别", "文献类型", "patent type", "patent_type", "document type"]),
        (ExportField.Title, 0, ["专利名称", "发明名称", "标题", "名称", "title", "patent title", "patent_title", "invention title"]),
        (ExportField.Title, 1, ["授权名称", "标题（翻译）"]),
        (ExportField.Abstract, 0, ["申请摘要", "摘要", "abstract"]),
        (ExportField.Abstract, 1, ["授权摘要"]),
        (ExportField.FirstClaim, 0, ["主权项", "首项权利要求", "独立权利要求", "first claim", "main claim"]),
        (ExportField.FirstClaim, 1, ["权利要求", "权利要求书", "claims"]),
        (ExportField.CombinedText, 0, ["text"]),
        (ExportField.Applicants, 0, ["申请人", "申请（专利权）人", "申请人名称", "专利申请人", "applicant", "applicants", "applicant(s)", "applicant name"]),
        (ExportField.Applicants, 1, ["专利权人", "权利人", "assignee", "assignees"]),
        (ExportField.Applicants, 2, ["当前申请（专利权）人", "当前权利人", "当前专利权人", "current assignee", "current owner"]),
        (ExportField.Applicants, 3, ["第一申请人", "第一权利人", "第一申请（专利权）人", "first applicant"]),
        (ExportField.ApplicantAddress, 0, ["申请人地址", "申请（专利权）人地址", "地址", "applicant address", "address"]),
        (ExportField.ApplicantType, 0, ["申请人类型", "申请（专利权）人类型", "专利权人类型", "applicant type"]),
        (ExportField.Inventors, 0, ["发明人", "发明（设计）人", "设计人", "inventor", "inventors", "inventor(s)"]),
        (ExportField.Inventors, 2, ["当前发明人"]),
        (ExportField.Inventors, 3, ["第一发明人", "first inventor"]),
        (ExportField.Agency, 0, ["专利代理机构", "代理机构", "agency", "patent agency"]),
        (ExportField.Agency, 2, ["当前专利代理机构"]),
        (ExportField.IpcMain, 0, ["主分类号", "ipc主分类号", "ipc主分类", "主ipc", "main ipc", "ipc main", "main classification"]),
        (ExportField.Ipc, 0, ["分类号", "ipc分类号", "ipc分类", "ipc", "ipc codes", "ipc_codes", "ipc classification", "ipc_subclasses", "ipc subclasses"]),
        (ExportField.CpcMain, 0, ["cpc主分类号", "cpc主分类", "main cpc", "cpc main"]),
        (ExportField.Cpc, 0, ["cpc分类号", "cpc分类", "cpc", "cpc codes", "cpc_codes", "labels"]),
        (ExportField.LegalStatus, 0, ["法律状态", "简单法律状态", "当前法律状态", "legal status", "legal_status", "status"]),
        (ExportField.LegalStatus, 1, ["法律状态/事件", "专利有效性"]),
        (ExportField.LegalEvents, 0, ["法律事件", "法律状态事件", "legal events", "legal_events"]),
        (ExportField.RegionCode, 0, ["国省代码", "申请人国省代码", "省市代码", "申请人所在国（省）", "region code"]),
        (ExportField.Priorities, 0, ["优先权", "优先权号", "优先权信息", "priority", "priorities", "priority number"]),
        (ExportField.PriorityDates, 0, ["优先权日", "最早优先权日", "priority date"]),
        (ExportField.CitedDocuments, 0, ["引证专利", "引用专利", "cited patents", "citations list", "cited documents"]),
        (ExportField.Citations, 0, ["引证数", "引证次数", "引证专利数", "引用专利数量", "citations", "citation count"]),
        (ExportField.CitedBy, 0, ["被引证次数", "被引证数", "被引用次数", "被引证专利数", "cited by", "cited by count", "forward citations"]),
        (ExportField.FamilySize, 0, ["简单同族数量", "同族数量", "同族数", "简单同族成员数", "family size", "family_size"]),
        (ExportField.FamilySize, 1, ["扩展同族数量"]),
        (ExportField.FamilyMembers, 0, ["同族专利", "简单同族", "同族", "简单同族成员", "family members", "family"]),
        (ExportField.Transfers, 0, ["专利转移次数", "转让次数", "转移次数", "transfers", "transfer count"]),
        (ExportField.Licenses, 0, ["许可次数", "licenses", "license count"]),
        (ExportField.Pledges, 0, ["质押次数", "pledges", "pledge count"]),
        (ExportField.KeptInExtra, 0,
        [
            "序号", "全文链接", "专利代理人", "代理人", "当前专利代理人", "变更前代理机构", "当前著录项联系人通讯地址", "非专利引证",
            "优先权数量", "转让日期", "质押日期", "许可日期", "无效宣告日期", "fi主分类号", "fi分类号", "国际申请号", "国际申请日",
            "国际公开号", "国际公开日", "进入国家日期", "颁证日", "审查员", "审查时长", "实质审查日", "关键词", "keywords", "n_labels",
            "dataset_row", "fold", "lens id", "url", "链接",
        ]),
    ];

    // Declared before Lookup: static initialisers run in order and BuildLookup needs it.
    // Traditional → simplified for the characters used in header names, so Big5 / Taiwan exports match.
    private static readonly Dictionary<char, char> Simplified = new()
    {
        ['請'] = '请', ['號'] = '号', ['開'] = '开', ['專'] = '专', ['稱'] = '称', ['權'] = '权', ['項'] = '项', ['類'] = '类', ['發'] = '发', ['際'] = '际',
        ['國'] = '国', ['態'] = '态', ['標'] = '标', ['題'] = '题', ['審'] = '审', ['證'] = '证', ['數'] = '数', ['轉'] = '转', ['許'] = '许', ['質'] = '质',
        ['機'] = '机', ['構'] = '构', ['優'] = '优', ['碼'] = '码', ['獻'] = '献', ['狀'] = '状', ['錄'] = '录', ['據'] = '据', ['療'] = '疗', ['說'] = '说',
        ['書'] = '书', ['與'] = '与', ['員'] = '员', ['長'] = '长', ['實'] = '实', ['頒'] = '颁', ['進'] = '进', ['無'] = '无', ['讓'] = '让', ['簡'] = '简',
        ['單'] = '单', ['當'] = '当', ['設'] = '设', ['計'] = '计', ['議'] = '议', ['鍵'] = '键', ['詞'] = '词', ['時'] = '时', ['間'] = '间', ['過'] = '过',
        ['屬'] = '属', ['聯'] = '联', ['絡'] = '络', ['舊'] = '旧', ['託'] = '托', ['鏈'] = '链', ['結'] = '结', ['級'] = '级', ['別'] = '别', ['註'] = '注',
        ['冊'] = '册', ['區'] = '区', ['縣'] = '县', ['個'] = '个', ['內'] = '内', ['規'] = '规', ['見'] = '见', ['現'] = '现', ['變'] = '变', ['後'] = '后',
        ['負'] = '负', ['責'] = '责',
    };

    private static readonly Dictionary<string, (ExportField Field, int Rank)> Lookup = BuildLookup();

    private static Dictionary<string, (ExportField, int)> BuildLookup()
    {
        var lookup = new Dictionary<string, (ExportField, int)>(StringComparer.Ordinal);
        foreach (var (field, rank, names) in Vocabulary)
            foreach (var name in names)
                lookup.TryAdd(NormalizeHeader(name), (field, rank));
        return lookup;
    }

    /// <summary>What a header cell names, and its rank among the columns for that field (0 = preferred).</summary>
    public static (ExportField Field, int Rank) Identify(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return (ExportField.Unknown, 0);
        return Lookup.TryGetValue(NormalizeHeader(header), out var hit) ? hit : (ExportField.Unknown, 0);
    }

    /// <summary>
    /// The comparison form of a header: half-width, lower case, traditional characters of the
    /// header vocabulary simplified, without whitespace, underscores, hyphens, dots, slashes or brackets.
    /// </summary>
    public static string NormalizeHeader(string header)
    {
        var s = TextNormalizer.ToHalfWidth(header).ToLowerInvariant();
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            if (char.IsWhiteSpace(ch) || ch is '_' or '-' or '.' or '/' or '(' or ')' or '[' or ']' or '【' or '】' or '〔' or '〕' or '"' or '\'' or ':' or '*' or '\uFEFF' or '\u200B')
                continue;
            sb.Append(Simplified.TryGetValue(ch, out var simple) ? simple : ch);
        }
        return sb.ToString();
    }


    /// <summary>
    /// Reads a candidate header row. Returns null unless the row names at least two known columns,
    /// one of them a publication or application number.
    /// </summary>
    public static ChineseExportHeader? TryMatchHeader(IReadOnlyList<string> cells, string rawLine)
    {
        var names = new string[cells.Count];
        var fields = new (ExportField Field, int Rank)[cells.Count];
        var known = 0;
        for (var i = 0; i < cells.Count; i++)
        {
            names[i] = (cells[i] ?? "").Trim().TrimStart('\uFEFF');
            fields[i] = Identify(names[i]);
            if (fields[i].Field != ExportField.Unknown) known++;
        }
        var hasNumber = fields.Any(f => f.Field is ExportField.PublicationNumber or ExportField.ApplicationNumber or ExportField.GrantNumber);
        return known >= 2 && hasNumber ? new ChineseExportHeader(names, fields, known, rawLine) : null;
    }

    /// <summary>How many cells of a row are known header names (used to choose encoding and delimiter).</summary>
    public static int CountKnown(IReadOnlyList<string> cells) => cells.Count(c => Identify(c).Field != ExportField.Unknown);
}

/// <summary>A recognised header row: each column's name and what it holds.</summary>
public sealed class ChineseExportHeader
{
    internal ChineseExportHeader(string[] names, (ExportField Field, int Rank)[] fields, int knownCount, string rawLine)
    {
        Names = names;
        Fields = fields;
        KnownCount = knownCount;
        RawLine = rawLine;
    }

    /// <summary>Column names as written (trimmed).</summary>
    public IReadOnlyList<string> Names { get; }
    public IReadOnlyList<(ExportField Field, int Rank)> Fields { get; }
    public int KnownCount { get; }
    /// <summary>The header line as it stands in the file (for Excel: the header cells as a CSV line).</summary>
    public string RawLine { get; }
    public int Count => Names.Count;

    public bool Has(ExportField field) => Fields.Any(f => f.Field == field);
}
