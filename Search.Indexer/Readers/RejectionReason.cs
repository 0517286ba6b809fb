using System.Globalization;
using System.Text.Json.Serialization;

namespace Search.Indexer.Readers;

/// <summary>
/// Why a record or file was rejected, kept apart from its language: a stable <see cref="Code"/> (for tools that
/// re-upload a fixed quarantine) naming a <see cref="RejectionTemplate"/>, and the <see cref="Arguments"/> that fill
/// it. The command line and logs print the English (<see cref="ToString"/>); the web site translates the template's
/// English text, which is its resource key. Analytics' <c>Phrase</c> plays this part above this project, which may
/// not depend on it; this is the minimal equivalent for the loaders.
/// </summary>
public sealed record RejectionReason
{
    [JsonConstructor]
    internal RejectionReason(string code, IReadOnlyList<RejectionArgument> arguments)
    {
        Code = code;
        Arguments = arguments;
    }

    public string Code { get; }

    public IReadOnlyList<RejectionArgument> Arguments { get; }

    /// <summary>The template of <see cref="Code"/>; null for a code this version does not know (a newer file).</summary>
    [JsonIgnore]
    public RejectionTemplate? Template => RejectionReasons.Find(Code);

    /// <summary>A reason whose text was stored before reasons had codes: shown as written, in English.</summary>
    public static RejectionReason Verbatim(string text) => RejectionReasons.AsWritten.With(text);

    public bool Equals(RejectionReason? other) => other is not null && Code == other.Code && Arguments.SequenceEqual(other.Arguments);

    public override int GetHashCode() => HashCode.Combine(Code, Arguments.Count);

    /// <summary>The English sentence, as the command line has always printed it.</summary>
    public override string ToString() =>
        Template is { } t
            ? string.Format(CultureInfo.InvariantCulture, t.English, [.. Arguments.Select(a => (object)a.ToString())])
            : $"{Code}: {string.Join(", ", Arguments)}";
}

/// <summary>One value in a <see cref="RejectionReason"/>: data shown as it is (a raw value, a field name, a count), a
/// parser's own message (<see cref="ParserWords"/>: in the parser's language, English, which a translated reason quotes
/// as such), or another reason translated in turn.</summary>
public sealed record RejectionArgument(string? Text = null, RejectionReason? Reason = null, bool ParserWords = false)
{
    public static implicit operator RejectionArgument(string text) => new(Text: text);

    public static implicit operator RejectionArgument(RejectionReason reason) => new(Reason: reason);

    public static RejectionArgument Number(long value, string format = "0") => new(Text: value.ToString(format, CultureInfo.InvariantCulture));

    /// <summary>What a parser (XML, JSON, CSV, Excel, a reader's bug) said, as it said it.</summary>
    public static RejectionArgument FromParser(string? message) => new(Text: message ?? "", ParserWords: true);

    public override string ToString() => Reason?.ToString() ?? Text ?? "";
}

/// <summary>A kind of rejection: its stable code and its English text with {0} placeholders (the web's resource key).</summary>
public sealed record RejectionTemplate(string Code, string English)
{
    public RejectionReason With(params RejectionArgument[] arguments) => new(Code, arguments);

    /// <summary>Whether the text holds words to translate (a bare "{0}: {1}" only arranges its arguments).</summary>
    public bool IsTranslated => English.Any(char.IsLetter);
}
