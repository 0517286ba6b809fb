using System.Globalization;
using Search.Indexer.Records;

namespace Search.Indexer.Engine;

/// <summary>
/// The fields a query can name. Engines map each to their own index fields; the parser has already
/// normalised the values (IPC levels, numbers, enum names, date bounds).
/// </summary>
public enum QueryField
{
    /// <summary>Titles, abstracts and first claims in every language.</summary>
    Default,
    Title,
    Abstract,
    Claim,
    Applicant,
    Inventor,
    /// <summary>An IPC level (<c>H</c>, <c>H01</c>, <c>H01L</c>, <c>H01L21/00</c>, <c>H01L21/02</c>) that matches every code below it.</summary>
    Ipc,
    Cpc,
    /// <summary>Publication, other publication or application number.</summary>
    Number,
    Country,
    /// <summary>Document type as a camelCase <see cref="DocumentType"/> name.</summary>
    Type,
    /// <summary>Legal status as a camelCase <see cref="LegalStatus"/> name.</summary>
    Status,
    ApplicationDate,
    PublicationDate,
    GrantDate,
}

public enum QueryOccur
{
    Must,
    Should,
    MustNot,
}

/// <summary>
/// A parsed query (see <see cref="QuerySyntax.Parse"/>), independent of any engine. <see cref="object.ToString"/>
/// renders a canonical form such as <c>(+title:电池 -"储能 系统")</c>, handy in tests and logs.
/// </summary>
public abstract record QueryNode
{
    internal static string FieldName(QueryField field) => field switch
    {
        QueryField.Default => "",
        QueryField.Number => "pn",
        QueryField.ApplicationDate => "ad",
        QueryField.PublicationDate => "pd",
        QueryField.GrantDate => "gd",
        _ => field.ToString().ToLowerInvariant(),
    };

    internal static string FieldPrefix(QueryField field) => field == QueryField.Default ? "" : FieldName(field) + ":";
}

/// <summary>Every record (an empty query).</summary>
public sealed record MatchAllNode : QueryNode
{
    public static readonly MatchAllNode Instance = new();
    public override string ToString() => "*:*";
}

/// <summary>One word, analysed by the engine per field (Chinese words match as contiguous text).</summary>
public sealed record TermNode(QueryField Field, string Text) : QueryNode
{
    public override string ToString() => FieldPrefix(Field) + Text;
}

/// <summary>Words that must appear next to each other, in order.</summary>
public sealed record PhraseNode(QueryField Field, string Text) : QueryNode
{
    public override string ToString() => $"{FieldPrefix(Field)}\"{Text}\"";
}

/// <summary>Words starting with <see cref="Prefix"/> (written <c>word*</c>).</summary>
public sealed record PrefixNode(QueryField Field, string Prefix) : QueryNode
{
    public override string ToString() => FieldPrefix(Field) + Prefix + "*";
}

/// <summary>A patent number; without a kind code every kind of that number matches.</summary>
public sealed record NumberNode(PatentNumber Number) : QueryNode
{
    public override string ToString() => "pn:" + Number.Canonical;
}

/// <summary>A date field between two inclusive bounds; a null bound is open.</summary>
public sealed record DateRangeNode(QueryField Field, DateOnly? From, DateOnly? To) : QueryNode
{
    public override string ToString() =>
        $"{FieldPrefix(Field)}[{Format(From)} TO {Format(To)}]";

    private static string Format(DateOnly? d) => d?.ToString("yyyyMMdd", CultureInfo.InvariantCulture) ?? "*";
}

/// <summary>
/// A part of the query that weighs more (or less) in the ranking, written <c>word^3</c>, <c>"phrase"^0.5</c>
/// or <c>(a OR b)^2</c>: its score is multiplied by <see cref="Boost"/>; which records match is unchanged.
/// </summary>
public sealed record BoostNode(QueryNode Node, float Boost) : QueryNode
{
    public const float Max = 100f;

    public override string ToString() => Node + "^" + Boost.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Clauses combined: every <see cref="QueryOccur.Must"/> clause, none of the <see cref="QueryOccur.MustNot"/>
/// ones, and (when there is no Must clause) at least one <see cref="QueryOccur.Should"/> clause. A node with
/// only MustNot clauses means "everything except".
/// </summary>
public sealed record BooleanNode(IReadOnlyList<QueryClause> Clauses) : QueryNode
{
    public override string ToString() => "(" + string.Join(' ', Clauses) + ")";
}

public sealed record QueryClause(QueryOccur Occur, QueryNode Node)
{
    public override string ToString() => Occur switch
    {
        QueryOccur.Must => "+" + Node,
        QueryOccur.MustNot => "-" + Node,
        _ => Node.ToString(),
    };
}

/// <summary>A query the syntax does not allow; <see cref="Position"/> is 1-based in the text as typed.</summary>
public sealed class QuerySyntaxException : FormatException
{
    public QuerySyntaxException(string message, int position, string? token)
        : base(message)
    {
        Position = position;
        Token = token;
    }

    public QuerySyntaxException()
    {
    }

    public QuerySyntaxException(string message) : base(message)
    {
    }

    public QuerySyntaxException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>1-based character position of the problem in the query.</summary>
    public int Position { get; }

    /// <summary>The offending token, where there is one.</summary>
    public string? Token { get; }
}
