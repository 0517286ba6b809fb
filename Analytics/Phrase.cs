using System.Globalization;
using Analytics.TechnologyFields;

namespace Analytics;

/// <summary>
/// A sentence for people, kept apart from its language: <see cref="Key"/> is the English text with {0}
/// placeholders (the web site's resource key), <see cref="Arguments"/> fill the placeholders. Analytics
/// knows nothing of the web's resources, so its command line formats the English itself
/// (<see cref="ToString"/>) and the web translates the key and each argument.
/// </summary>
public sealed record Phrase(string Key, IReadOnlyList<PhraseArgument> Arguments)
{
    public static Phrase Of(string key, params PhraseArgument[] arguments) => new(key, arguments);

    /// <summary>Whether <see cref="Key"/> holds words to translate (a bare "{0}" only arranges its arguments).</summary>
    public bool IsTranslated => Key.Any(char.IsLetter);

    /// <summary>Equal when the key and every argument are: two explanations of the same thing compare equal.</summary>
    public bool Equals(Phrase? other) => other is not null && Key == other.Key && Arguments.SequenceEqual(other.Arguments);

    public override int GetHashCode() => HashCode.Combine(Key, Arguments.Count);

    /// <summary>The English sentence.</summary>
    public override string ToString() =>
        Arguments.Count == 0 ? Key : string.Format(CultureInfo.InvariantCulture, Key, [.. Arguments.Select(a => (object)a.ToString())]);
}

/// <summary>
/// One value in a <see cref="Phrase"/>: data shown as it is (<see cref="Text"/>: names, numbers, codes, the
/// source's own words), a phrase translated in turn, or a WIPO technology field shown by its name.
/// </summary>
public sealed record PhraseArgument(string? Text = null, Phrase? Phrase = null, int? TechnologyField = null, IReadOnlyList<Phrase>? Phrases = null)
{
    public static implicit operator PhraseArgument(string text) => new(Text: text);

    public static implicit operator PhraseArgument(Phrase phrase) => new(Phrase: phrase);

    public static PhraseArgument Number(double value, string format = "0.##") => new(Text: value.ToString(format, CultureInfo.InvariantCulture));

    public static PhraseArgument Field(int number) => new(TechnologyField: number);

    /// <summary>Several phrases, each translated, joined by semicolons.</summary>
    public static PhraseArgument Join(IEnumerable<Phrase> phrases) => new(Phrases: [.. phrases]);

    /// <summary>Several values as one list, each data.</summary>
    public static PhraseArgument List(IEnumerable<string> values) => new(Text: string.Join(", ", values));

    public bool Equals(PhraseArgument? other) =>
        other is not null && Text == other.Text && Equals(Phrase, other.Phrase) && TechnologyField == other.TechnologyField
        && (Phrases is null ? other.Phrases is null : other.Phrases is not null && Phrases.SequenceEqual(other.Phrases));

    public override int GetHashCode() => HashCode.Combine(Text, Phrase, TechnologyField, Phrases?.Count);

    public override string ToString() =>
        Phrase?.ToString()
        ?? (Phrases is { } list ? string.Join("; ", list) : null)
        ?? (TechnologyField is { } n ? TechnologyFieldConcordance.Default.Fields.FirstOrDefault(f => f.Number == n)?.NameEn ?? n.ToString(CultureInfo.InvariantCulture) : Text ?? "");
}
