using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Analytics;
using Microsoft.AspNetCore.Html;
using Marketplace.Web.Localization;
using Microsoft.Extensions.Localization;
using Analytics.HighValue;
using Analytics.Sleeping;
using Analytics.Taxonomy;
using Analytics.TechnologyFields;
using Analytics.Value;
using Search.Indexer.Engine;
using Search.Indexer.Normalization;
using Search.Indexer.Records;

namespace Marketplace.Web.Patents;

/// <summary>Localised names for facet fields, facet values and the record's enums.</summary>
public sealed partial class PatentLabels(IStringLocalizer<SharedResource> l, IpcScheme ipc, IndustryTaxonomy taxonomy)
{
    // English names, translated through the shared resource like every other UI string.
    private static readonly Dictionary<string, string> Countries = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CN"] = "China", ["US"] = "United States", ["EP"] = "European Patent Office", ["WO"] = "WIPO (PCT)",
        ["JP"] = "Japan", ["KR"] = "South Korea", ["DE"] = "Germany", ["GB"] = "United Kingdom", ["FR"] = "France",
        ["CA"] = "Canada", ["RU"] = "Russia", ["AU"] = "Australia", ["TW"] = "Taiwan, China", ["HK"] = "Hong Kong, China",
    };

    /// <summary>The English country names this class translates (for the resource completeness test).</summary>
    internal static IEnumerable<string> CountryNames => Countries.Values;

    public string FacetField(string field) => field switch
    {
        FacetFields.IpcSubclass => l["IPC subclass"],
        FacetFields.Applicant => l["Applicant"],
        FacetFields.ApplicantType => l["Applicant type"],
        FacetFields.Year => l["Publication year"],
        FacetFields.DocumentType => l["Patent type"],
        FacetFields.LegalStatus => l["Legal status"],
        FacetFields.Country => l["Country / office"],
        LabelFacets.Chain => l["Industry chain"],
        LabelFacets.SubTopic => l["Sub-topic"],
        LabelFacets.TechField => l["Technology field"],
        LabelFacets.HighValue => l["High-value patent"],
        LabelFacets.Sleeping => l["Sleeping patent"],
        LabelFacets.OpenLicense => l["Open licence"],
        LabelFacets.ForSale => l["For sale"],
        LabelFacets.Pledge => l["Pledge"],
        _ => field,
    };

    /// <summary>How a facet value reads in a list; IPC subclasses keep their code beside the title.</summary>
    public string FacetValue(string field, string value) => field switch
    {
        FacetFields.IpcSubclass => IpcTitle(value) is { } t ? $"{value} {t}" : value,
        FacetFields.ApplicantType => Enum.TryParse<PartyType>(value, true, out var p) ? Of(p) : value,
        FacetFields.DocumentType => Enum.TryParse<DocumentType>(value, true, out var d) ? Of(d) : value,
        FacetFields.LegalStatus => Enum.TryParse<LegalStatus>(value, true, out var s) ? Of(s) : value,
        FacetFields.Country => Country(value),
        LabelFacets.Chain => taxonomy.ChainName(value),
        LabelFacets.TechField => TechFieldName(value),
        LabelFacets.SubTopic => SubTopicName(value),
        LabelFacets.HighValue or LabelFacets.Sleeping => value switch { "true" => l["Yes"], "false" => l["No"], "unknown" => l["Unknown"], _ => value },
        LabelFacets.OpenLicense => value == LabelFacets.OpenLicenseAvailable ? l["Available"] : value,
        LabelFacets.ForSale => value == LabelFacets.ForSaleListed ? l["Listed for sale"] : value,
        LabelFacets.Pledge => value == LabelFacets.Pledged ? l["Under pledge"] : value,
        _ => value,
    };

    /// <summary>
    /// A sub-topic as a reader wants it: its chain's name and its distinctive terms (新能源 · 电池·太阳能·材料), not the
    /// stored value's id part (<c>new-energy/4 电池·太阳能·材料</c>), which stays the filter value.
    /// </summary>
    public string SubTopicName(string value)
    {
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (space < 0 || slash < 0 || slash > space) return value;
        return $"{taxonomy.ChainName(value[..slash])} · {value[(space + 1)..]}";
    }

    /// <summary>A WIPO technology field (Analytics writes the English name) in the page's language.</summary>
    public static string TechFieldName(string nameEn) =>
        TextLanguage == "en" ? nameEn : TechnologyFieldConcordance.Default.Fields.FirstOrDefault(f => f.NameEn == nameEn)?.NameZh ?? nameEn;

    public string Of(ValueComponent component) => component switch
    {
        ValueComponent.Claims => l["Number of claims"],
        ValueComponent.FamilySize => l["Family size"],
        ValueComponent.ForwardCitations => l["Forward citations"],
        ValueComponent.BackwardCitations => l["Backward citations"],
        ValueComponent.IpcScope => l["Technological scope (IPC subclasses)"],
        ValueComponent.GrantLag => l["Speed of grant"],
        ValueComponent.YearsMaintained => l["Years maintained"],
        ValueComponent.Transactions => l["Transfers, licences and pledges"],
        _ => component.ToString(),
    };

    public string Of(Finding finding) => finding switch
    {
        Finding.Met => l["Met"],
        Finding.NotMet => l["Not met"],
        _ => l["Unknown"],
    };

    /// <summary>A sleeping-patent rule's name (<see cref="SleepingPatentRules"/> constants).</summary>
    public string SleepingRule(string rule) => rule switch
    {
        SleepingPatentRules.InForce => l["In force"],
        SleepingPatentRules.Owner => l["Owner is a university or research institute"],
        SleepingPatentRules.NoTransfer => l["Never transferred"],
        SleepingPatentRules.NoLicense => l["Never licensed"],
        SleepingPatentRules.NoPledge => l["Never pledged"],
        SleepingPatentRules.NoImplementation => l["No implementation record"],
        SleepingPatentRules.YearsSinceGrant => l["Years since grant"],
        SleepingPatentRules.FeesPaid => l["Annual fees paid"],
        _ => rule,
    };

    /// <summary>
    /// An Analytics phrase in the page's language: its key and every phrase inside it through the resource,
    /// technology fields by their name, and data (names, numbers, the source's words) as it is, marked as
    /// patent data so a reader (and the language test) can tell the two apart.
    /// </summary>
    public IHtmlContent Of(Phrase phrase) => new HtmlString(Html(phrase));

    private string Html(Phrase phrase)
    {
        var format = phrase.IsTranslated ? WebUtility.HtmlEncode(l[phrase.Key].Value) : phrase.Key;
        return string.Format(CultureInfo.CurrentCulture, format, [.. phrase.Arguments.Select(a => (object)Html(a))]);
    }

    private string Html(PhraseArgument argument) => argument switch
    {
        { Phrase: { } p } => Html(p),
        { Phrases: { } list } => string.Join(TextLanguage == "en" ? "; " : "；", list.Select(Html)),
        { TechnologyField: { } n } => WebUtility.HtmlEncode(TechnologyFieldConcordance.Default.Fields.FirstOrDefault(f => f.Number == n) is { } f
            ? TextLanguage == "en" ? f.NameEn : f.NameZh
            : n.ToString(CultureInfo.InvariantCulture)),
        _ => $"<span class=\"patent-data\" data-patent-data>{WebUtility.HtmlEncode(argument.Text)}</span>",
    };

    /// <summary>
    /// The phrase as plain text in the page's language, for text that is not HTML (an image's alternative text, the words
    /// drawn in a chart): translated like <see cref="Of(Phrase)"/>, data as it is, without markup.
    /// </summary>
    public string Text(Phrase phrase)
    {
        var format = phrase.IsTranslated ? l[phrase.Key].Value : phrase.Key;
        return string.Format(CultureInfo.CurrentCulture, format, [.. phrase.Arguments.Select(a => (object)Text(a))]);
    }

    private string Text(PhraseArgument argument) => argument switch
    {
        { Phrase: { } p } => Text(p),
        { Phrases: { } list } => string.Join(TextLanguage == "en" ? "; " : "；", list.Select(Text)),
        { TechnologyField: { } n } => TechnologyFieldConcordance.Default.Fields.FirstOrDefault(f => f.Number == n) is { } f
            ? TextLanguage == "en" ? f.NameEn : f.NameZh
            : n.ToString(CultureInfo.InvariantCulture),
        _ => argument.Text ?? "",
    };

    /// <summary>The Chinese title of an IPC/CPC symbol (or its nearest known ancestor), without the edition marks such as 〔2〕.</summary>
    public string? IpcTitle(string code) => ipc.TitleOf(code) is { } title ? EditionMark().Replace(title, "") : null;

    [GeneratedRegex(@"\s*〔[\d，,\s]*〕\s*$")]
    private static partial Regex EditionMark();

    public string Country(string code) => Countries.TryGetValue(code, out var name) ? l[name] : code;

    public string Of(LegalStatus status) => status switch
    {
        LegalStatus.Pending => l["Pending"],
        LegalStatus.InForce => l["In force"],
        LegalStatus.Lapsed => l["Lapsed (fees unpaid)"],
        LegalStatus.Expired => l["Expired"],
        LegalStatus.Withdrawn => l["Withdrawn or rejected"],
        LegalStatus.Invalidated => l["Invalidated"],
        _ => l["Unknown"],
    };

    public string Of(DocumentType type) => type switch
    {
        DocumentType.Invention => l["Invention"],
        DocumentType.UtilityModel => l["Utility model"],
        DocumentType.Design => l["Design"],
        DocumentType.Plant => l["Plant patent"],
        DocumentType.Reissue => l["Reissue"],
        _ => l["Unknown"],
    };

    public string Of(PartyType type) => type switch
    {
        PartyType.University => l["University"],
        PartyType.ResearchInstitute => l["Research institute"],
        PartyType.Enterprise => l["Enterprise"],
        PartyType.Individual => l["Individual"],
        PartyType.Government => l["Government body"],
        _ => l["Unknown"],
    };

    public string Of(PublicationStage stage) => stage switch
    {
        PublicationStage.Application => l["Application publication"],
        PublicationStage.Grant => l["Grant"],
        _ => l["Unknown"],
    };

    /// <summary>The CSS modifier of a legal-status badge.</summary>
    public static string BadgeClass(LegalStatus status) => status switch
    {
        LegalStatus.InForce => "badge-ok",
        LegalStatus.Pending => "badge-pending",
        LegalStatus.Unknown => "badge-muted",
        _ => "badge-ended",
    };

    /// <summary>The language to pick titles and abstracts in: the UI's, Chinese first.</summary>
    public static string TextLanguage => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "zh";
}
