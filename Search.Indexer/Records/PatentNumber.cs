using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Search.Indexer.Normalization;
using Search.Indexer.Readers;

namespace Search.Indexer.Records;

/// <summary>
/// A patent publication or application number in canonical parts: office, number, kind.
/// <c>CN202223220665.2</c>, <c>CN 2022232206652</c>, <c>US 7,123,456 B2</c>, <c>EP 2906782 A2</c>,
/// <c>WO2018148832A1</c>, <c>US.2014102795.A1</c> (DOCDB) all parse to one form.
/// </summary>
public sealed partial record PatentNumber
{
    [JsonConstructor]
    public PatentNumber(string country, string number, string? kind = null, char? checkDigit = null)
    {
        Country = country;
        Number = number;
        Kind = string.IsNullOrEmpty(kind) ? null : kind;
        CheckDigit = checkDigit;
    }

    public string Country { get; }
    /// <summary>The serial part without country, kind, separators or (for US grants) leading zeros.</summary>
    public string Number { get; }
    public string? Kind { get; }
    /// <summary>The check character of a Chinese application number (the digit after the dot).</summary>
    public char? CheckDigit { get; }

    /// <summary>Country + number + kind, e.g. <c>US7123456B2</c>: the id form.</summary>
    [JsonIgnore]
    public string Canonical => Country + Number + Kind;

    /// <summary>Country + number without kind: the form lookups match on.</summary>
    [JsonIgnore]
    public string Key => Country + Number;

    /// <summary>The form people write: Chinese application numbers keep their check digit after a dot.</summary>
    public override string ToString() => CheckDigit is { } c ? $"{Country}{Number}.{c}{Kind}" : Canonical;

    [GeneratedRegex(@"^(?<cc>[A-Z]{2})?(?<num>(?:RE|PP|D|H|T)?\d+)(?<kind>[A-Z]\d?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex GeneralForm();

    // CN/ZL application numbers: 12 digits (2003 on) or 8 digits (before), then a check character.
    [GeneratedRegex(@"^(?:CN|ZL)?(?<num>\d{12}|\d{8})\.(?<check>[\dX])$|^(?:CN|ZL)?(?<num>\d{12})(?<check>[\dX])$", RegexOptions.CultureInvariant)]
    private static partial Regex ChineseApplicationForm();

    public static PatentNumber Parse(string text, string? defaultCountry = null) =>
        TryParse(text, out var n, out var error, defaultCountry) ? n : throw new FormatException(error);

    public static bool TryParse(string? text, [NotNullWhen(true)] out PatentNumber? number, string? defaultCountry = null) =>
        TryParse(text, out number, out _, defaultCountry);

    public static bool TryParse(string? text, [NotNullWhen(true)] out PatentNumber? number, out string? error, string? defaultCountry = null)
    {
        var parsed = TryParseWithReason(text, out number, out var reason, defaultCountry);
        error = reason?.ToString();
        return parsed;
    }

    /// <summary>As <see cref="TryParse(string?, out PatentNumber?, out string?, string?)"/>, with the reason as a code and arguments a reader's rejection carries.</summary>
    public static bool TryParseWithReason(string? text, [NotNullWhen(true)] out PatentNumber? number, out RejectionReason? reason, string? defaultCountry = null)
    {
        number = null;
        reason = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            reason = RejectionReasons.NumberEmpty.With();
            return false;
        }

        var s = Clean(text);
        // ZL is the Chinese "patent number" prefix for the application number of a granted patent.
        var cn = ChineseApplicationForm().Match(s);
        if (cn.Success && (s.StartsWith("CN", StringComparison.Ordinal) || s.StartsWith("ZL", StringComparison.Ordinal) || defaultCountry == "CN"))
        {
            number = new PatentNumber("CN", cn.Groups["num"].Value, null, cn.Groups["check"].Value[0]);
            return true;
        }
        if (s.StartsWith("ZL", StringComparison.Ordinal))
            s = "CN" + s[2..];

        // DOCDB writes CC.NUMBER.KIND; other dots (other than a CN check digit) carry no meaning.
        s = s.Replace(".", "", StringComparison.Ordinal);
        var m = GeneralForm().Match(s);
        if (!m.Success)
        {
            reason = RejectionReasons.NumberInvalid.With(text);
            return false;
        }
        var country = m.Groups["cc"].Success ? m.Groups["cc"].Value : defaultCountry?.ToUpperInvariant();
        if (country is null)
        {
            reason = RejectionReasons.NumberNoCountry.With(text);
            return false;
        }
        var kind = m.Groups["kind"].Success ? m.Groups["kind"].Value : null;
        number = FromParts(country, m.Groups["num"].Value, kind);
        return true;
    }

    /// <summary>
    /// Builds a number from the separate parts XML formats carry (country, doc-number, kind),
    /// applying each office's conventions: US grant numbers lose leading zeros
    /// (<c>07123456</c>, <c>D0512345</c>), DOCDB US application publications regain the zero
    /// after the year (<c>2014102795</c> → <c>20140102795</c>).
    /// </summary>
    public static PatentNumber FromParts(string country, string docNumber, string? kind)
    {
        country = country.Trim().ToUpperInvariant();
        var num = Clean(docNumber);
        if (num.StartsWith(country, StringComparison.Ordinal) && num.Length > country.Length && char.IsDigit(num[country.Length]))
            num = num[country.Length..];
        kind = string.IsNullOrWhiteSpace(kind) ? null : Clean(kind);
        // A DOCDB PCT application number filed in the US ("US 2013064552 W") is year + six-digit
        // serial, not a ten-digit application publication: it keeps its form.
        if (country == "US" && kind != "W")
            num = NormalizeUs(num);
        // WO keeps its zeros: in the old form WO 00/29629 (WO0029629) the zero is part of the year.
        else if (num.Length > 1 && num.All(char.IsDigit) && country is "EP" or "CA" or "RU")
            num = num.TrimStart('0');
        if (country == "CN" && num.Length == 13 && num.All(char.IsDigit) && kind is null)
            return new PatentNumber("CN", num[..12], null, num[12]);
        return new PatentNumber(country, num, kind);
    }

    private static string NormalizeUs(string num)
    {
        var prefixLength = 0;
        while (prefixLength < num.Length && char.IsLetter(num[prefixLength])) prefixLength++;
        var prefix = num[..prefixLength];
        var digits = num[prefixLength..];
        if (prefix.Length == 0 && digits.Length == 10 && (digits.StartsWith("19", StringComparison.Ordinal) || digits.StartsWith("20", StringComparison.Ordinal)))
            return digits[..4] + "0" + digits[4..];
        if (prefix.Length == 0 && digits.Length == 11)
            return digits;
        var trimmed = digits.TrimStart('0');
        return prefix + (trimmed.Length == 0 ? "0" : trimmed);
    }

    /// <summary>Half-width, upper case, no spaces, commas, hyphens or slashes.</summary>
    private static string Clean(string text)
    {
        var s = TextNormalizer.ToHalfWidth(text).ToUpperInvariant();
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            if (char.IsWhiteSpace(ch) || ch is ',' or '-' or '/' or '_') continue;
            sb.Append(ch);
        }
        return sb.ToString();
    }
}
