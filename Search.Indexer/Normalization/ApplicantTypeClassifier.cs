using Search.Indexer.Records;

namespace Search.Indexer.Normalization;

/// <summary>
/// Infers whether an applicant is a university, research institute, enterprise, government body
/// or individual from its name (大学/学院 → university, 研究所/研究院 → institute, 有限公司 → enterprise …),
/// and maps the applicant-type column of Chinese exports (大专院校, 科研机构, 企业, 个人, 机关团体).
/// </summary>
public static class ApplicantTypeClassifier
{
    private static readonly string[] EnterpriseMarks =
        ["有限公司", "有限责任公司", "股份", "集团", "公司", "厂", "企业", "合作社", "事务所",
         " inc", "inc.", " ltd", "ltd.", "llc", " corp", "corporation", "company", " co.", "co.,", "gmbh", " ag", " s.a.", " n.v.", " b.v.", " plc", " kg", "limited", "s.p.a.", "k.k.", "kabushiki", "aktiengesellschaft", "technologies", "l.p."];
    private static readonly string[] UniversityMarks =
        ["大学", "高等专科", "职业技术学院", "university", "college", "school of", "polytechnic", "universit", "hochschule", "école", "ecole"];
    // 学院 also ends 科学院 (academies of sciences, which are institutes): it counts only after the institute marks.
    private static readonly string[] WeakUniversityMarks = ["学院", "学校"];
    private static readonly string[] InstituteMarks =
        ["研究所", "研究院", "研究中心", "科学院", "实验室", "设计院", "研究总院", "institute", "laboratory", "laboratories", "academy", "research center", "research centre", "fraunhofer", "cnrs", "centre national", "forschungs"];
    private static readonly string[] GovernmentMarks =
        ["政府", "委员会", "管理局", "人民医院", "医院", "局", "中心站", "government", "ministry", "department of", "secretary of", "agency", "administration", "navy", "army", "commission", "council"];

    public static PartyType Infer(string name)
    {
        var n = " " + name.ToLowerInvariant();
        // Companies named after institutes ("…研究院有限公司") are companies: enterprise marks win.
        if (Has(n, EnterpriseMarks)) return PartyType.Enterprise;
        if (Has(n, UniversityMarks)) return PartyType.University;
        if (Has(n, InstituteMarks)) return PartyType.ResearchInstitute;
        if (Has(n, WeakUniversityMarks)) return PartyType.University;
        if (Has(n, GovernmentMarks)) return PartyType.Government;
        if (LooksLikePerson(name)) return PartyType.Individual;
        return PartyType.Unknown;
    }

    /// <summary>Maps an export's applicant-type text; <see cref="PartyType.Unknown"/> when it is blank or unrecognised.</summary>
    public static PartyType FromText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return PartyType.Unknown;
        var t = text.Trim().ToLowerInvariant();
        if (t.Contains("院校", StringComparison.Ordinal) || t.Contains("大学", StringComparison.Ordinal) || t.Contains("universit", StringComparison.Ordinal)) return PartyType.University;
        if (t.Contains("科研", StringComparison.Ordinal) || t.Contains("研究", StringComparison.Ordinal) || t.Contains("institut", StringComparison.Ordinal)) return PartyType.ResearchInstitute;
        if (t.Contains("企业", StringComparison.Ordinal) || t.Contains("公司", StringComparison.Ordinal) || t.Contains("enterprise", StringComparison.Ordinal) || t.Contains("company", StringComparison.Ordinal) || t.Contains("corporat", StringComparison.Ordinal)) return PartyType.Enterprise;
        if (t.Contains("个人", StringComparison.Ordinal) || t.Contains("individual", StringComparison.Ordinal) || t.Contains("person", StringComparison.Ordinal)) return PartyType.Individual;
        if (t.Contains("机关", StringComparison.Ordinal) || t.Contains("团体", StringComparison.Ordinal) || t.Contains("政府", StringComparison.Ordinal) || t.Contains("government", StringComparison.Ordinal)) return PartyType.Government;
        return PartyType.Unknown;
    }

    /// <summary>A party whose type is the given one when known, else inferred from the name.</summary>
    public static Party Create(string name, string? address = null, PartyType given = PartyType.Unknown, string? country = null)
    {
        var inferred = given == PartyType.Unknown;
        return new Party
        {
            Name = name,
            Address = address,
            Country = country,
            Type = inferred ? Infer(name) : given,
            TypeInferred = inferred,
        };
    }

    private static bool Has(string name, string[] marks)
    {
        foreach (var m in marks)
            if (name.Contains(m, StringComparison.Ordinal)) return true;
        return false;
    }

    // Chinese personal names are two to four ideographs; Latin ones "Surname, Given" or two or three words.
    private static bool LooksLikePerson(string name)
    {
        var s = name.Trim();
        if (TextNormalizer.ContainsCjk(s))
            return s.Length is >= 2 and <= 4 && s.All(c => c is >= '\u4E00' and <= '\u9FFF' or '·');
        var words = s.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        return words.Length is >= 2 and <= 4 && words.All(w => w.All(c => char.IsLetter(c) || c is '.' or '-' or '\''));
    }
}
