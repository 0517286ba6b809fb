using System.Globalization;
using System.Text.Json;
using Search.Indexer.Normalization;
using Search.Indexer.Records;

namespace Search.Indexer.Engine;

/// <summary>
/// Parses the product's query syntax (documented on <see cref="PatentQuery"/>) into an engine-neutral
/// <see cref="QueryNode"/> tree. Words are ANDed unless joined by <c>OR</c>; <c>NOT</c> binds tighter than
/// <c>AND</c>, which binds tighter than <c>OR</c>. Full-width input (＂ ： （ ） ＋ －) and Chinese quotes
/// (“ ” 「 」) work like their ASCII forms; 、 separates words. Anything else that does not parse throws
/// <see cref="QuerySyntaxException"/> naming the position and token.
/// </summary>
public static class QuerySyntax
{
    private static readonly Dictionary<string, QueryField> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["title"] = QueryField.Title, ["ti"] = QueryField.Title, ["标题"] = QueryField.Title, ["名称"] = QueryField.Title, ["专利名称"] = QueryField.Title,
        ["abstract"] = QueryField.Abstract, ["ab"] = QueryField.Abstract, ["摘要"] = QueryField.Abstract,
        ["claim"] = QueryField.Claim, ["claims"] = QueryField.Claim, ["cl"] = QueryField.Claim, ["权利要求"] = QueryField.Claim, ["主权项"] = QueryField.Claim,
        ["applicant"] = QueryField.Applicant, ["pa"] = QueryField.Applicant, ["申请人"] = QueryField.Applicant, ["专利权人"] = QueryField.Applicant, ["权利人"] = QueryField.Applicant,
        ["inventor"] = QueryField.Inventor, ["in"] = QueryField.Inventor, ["发明人"] = QueryField.Inventor,
        ["ipc"] = QueryField.Ipc, ["分类号"] = QueryField.Ipc,
        ["cpc"] = QueryField.Cpc,
        ["pn"] = QueryField.Number, ["an"] = QueryField.Number, ["number"] = QueryField.Number, ["公开号"] = QueryField.Number, ["申请号"] = QueryField.Number, ["公告号"] = QueryField.Number,
        ["country"] = QueryField.Country, ["国家"] = QueryField.Country,
        ["type"] = QueryField.Type, ["类型"] = QueryField.Type, ["专利类型"] = QueryField.Type,
        ["status"] = QueryField.Status, ["法律状态"] = QueryField.Status,
        ["ad"] = QueryField.ApplicationDate, ["申请日"] = QueryField.ApplicationDate,
        ["pd"] = QueryField.PublicationDate, ["公开日"] = QueryField.PublicationDate,
        ["gd"] = QueryField.GrantDate, ["授权日"] = QueryField.GrantDate,
    };

    private static readonly Dictionary<string, string[]> TypeValues = BuildEnumValues<DocumentType>(new()
    {
        ["发明"] = [DocumentType.Invention], ["实用新型"] = [DocumentType.UtilityModel], ["外观设计"] = [DocumentType.Design],
    });

    private static readonly Dictionary<string, string[]> StatusValues = BuildEnumValues<LegalStatus>(new()
    {
        ["审中"] = [LegalStatus.Pending], ["有权"] = [LegalStatus.InForce],
        ["无权"] = [LegalStatus.Lapsed, LegalStatus.Expired, LegalStatus.Withdrawn, LegalStatus.Invalidated],
        ["失效"] = [LegalStatus.Lapsed, LegalStatus.Expired, LegalStatus.Withdrawn, LegalStatus.Invalidated],
    });

    /// <summary>Field names the syntax accepts (English and Chinese aliases).</summary>
    public static IReadOnlyCollection<string> FieldNames => Aliases.Keys;

    /// <summary>Parses a query; blank text gives <see cref="MatchAllNode"/>.</summary>
    /// <exception cref="QuerySyntaxException">The text does not follow the syntax.</exception>
    public static QueryNode Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return MatchAllNode.Instance;
        var normalized = Normalize(text);
        var node = new Parser(normalized, text).ParseQuery();

        // A whole query such as "US 7,123,456 B2" or "CN 2022232206652" is a number written with spaces.
        var trimmed = normalized.Trim();
        if (trimmed.Contains(' ', StringComparison.Ordinal) && AsNumber(trimmed) is { } number)
            node = new BooleanNode([new QueryClause(QueryOccur.Should, new NumberNode(number)), new QueryClause(QueryOccur.Should, node)]);
        return node;
    }

    /// <summary>The camelCase name an enum value has in facets, filters and JSON (<c>inForce</c>, <c>utilityModel</c>).</summary>
    public static string ValueName<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static Dictionary<string, string[]> BuildEnumValues<T>(Dictionary<string, T[]> chinese) where T : struct, Enum
    {
        var map = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var v in Enum.GetValues<T>()) map[v.ToString()] = [ValueName(v)];
        foreach (var (k, vs) in chinese) map[k] = vs.Select(ValueName).ToArray();
        return map;
    }

    // One character in, one out, so positions in the normalised text are positions in the input.
    private static string Normalize(string text)
    {
        var chars = TextNormalizer.ToHalfWidth(text).ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = chars[i] switch
            {
                '“' or '”' or '「' or '」' => '"',
                '、' or '\t' or '\r' or '\n' => ' ',
                _ => chars[i],
            };
        }
        return new string(chars);
    }

    /// <summary>A word that is plainly a patent number (country code and at least five digits).</summary>
    private static PatentNumber? AsNumber(string text)
    {
        var digits = 0;
        foreach (var c in text) if (char.IsAsciiDigit(c)) digits++;
        if (digits < 5 || !char.IsAsciiLetter(text[0])) return null;
        return PatentNumber.TryParse(text, out var n) ? n : null;
    }

    private sealed class Parser(string s, string original)
    {
        private int _pos;

        public QueryNode ParseQuery()
        {
            var node = ParseOr(QueryField.Default);
            SkipSpace();
            if (_pos < s.Length)
            {
                var (token, at) = PeekToken();
                throw token == ")"
                    ? Error($"Unmatched ')' at position {at + 1}", at, token)
                    : Error($"Unexpected '{token}' at position {at + 1}", at, token);
            }
            return node;
        }

        private QueryNode ParseOr(QueryField field)
        {
            var first = ParseAnd(field);
            var parts = new List<QueryNode> { first };
            while (true)
            {
                SkipSpace();
                if (!TryKeyword("OR", "||", out var at)) break;
                SkipSpace();
                if (AtGroupEnd() || IsKeywordAhead("OR", "||") || IsKeywordAhead("AND", "&&"))
                    throw Error($"'OR' at position {at + 1} has nothing on its right", at, "OR");
                parts.Add(ParseAnd(field));
            }
            return parts.Count == 1 ? first : new BooleanNode(parts.Select(p => new QueryClause(QueryOccur.Should, p)).ToList());
        }

        private QueryNode ParseAnd(QueryField field)
        {
            var clauses = new List<QueryClause>();
            while (true)
            {
                SkipSpace();
                if (AtGroupEnd() || IsKeywordAhead("OR", "||")) break;
                var start = _pos;
                if (TryKeyword("AND", "&&", out var at))
                {
                    if (clauses.Count == 0) throw Error($"'AND' at position {at + 1} has nothing on its left", at, "AND");
                    SkipSpace();
                    if (AtGroupEnd() || IsKeywordAhead("OR", "||") || IsKeywordAhead("AND", "&&"))
                        throw Error($"'AND' at position {at + 1} has nothing on its right", at, "AND");
                }
                clauses.Add(ParseUnary(field));
                if (_pos == start) throw Error($"Unexpected character at position {start + 1}", start, s[start].ToString());
            }
            if (clauses.Count == 0)
            {
                SkipSpace();
                if (_pos >= s.Length) throw Error($"Expected a search term at position {_pos + 1}, found the end of the query", _pos, null);
                var (token, at) = PeekToken();
                if (token is "OR" or "||") throw Error($"'OR' at position {at + 1} has nothing on its left", at, token);
                throw Error($"Expected a search term at position {at + 1}, found '{token}'", at, token);
            }
            return clauses.Count == 1 && clauses[0].Occur == QueryOccur.Must ? clauses[0].Node : new BooleanNode(clauses);
        }

        private QueryClause ParseUnary(QueryField field)
        {
            SkipSpace();
            var at = _pos;
            if (TryKeyword("NOT", "!", out _))
            {
                SkipSpace();
                if (AtGroupEnd() || IsKeywordAhead("OR", "||") || IsKeywordAhead("AND", "&&") || IsKeywordAhead("NOT", "!"))
                    throw Error($"'NOT' at position {at + 1} has nothing to negate", at, "NOT");
                return new QueryClause(QueryOccur.MustNot, ParsePrimary(field));
            }
            if (s[_pos] is '+' or '-')
            {
                var sign = s[_pos];
                if (_pos + 1 >= s.Length || char.IsWhiteSpace(s[_pos + 1]) || s[_pos + 1] == ')')
                    throw Error($"'{sign}' at position {at + 1} must be followed by a term without a space", at, sign.ToString());
                _pos++;
                return new QueryClause(sign == '+' ? QueryOccur.Must : QueryOccur.MustNot, ParsePrimary(field));
            }
            return new QueryClause(QueryOccur.Must, ParsePrimary(field));
        }

        private QueryNode ParsePrimary(QueryField field)
        {
            var node = ParseUnboosted(field);
            if (_pos >= s.Length || s[_pos] != '^') return node;
            var at = _pos++;
            var start = _pos;
            while (_pos < s.Length && (char.IsAsciiDigit(s[_pos]) || s[_pos] == '.')) _pos++;
            var text = s[start.._pos];
            if (!float.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var boost) || boost <= 0 || boost > BoostNode.Max)
                throw Error($"'^' at position {at + 1} must be followed by a weight above 0 and at most {BoostNode.Max:0} (e.g. 电池^3)", at, "^" + text);
            if (_pos < s.Length && !char.IsWhiteSpace(s[_pos]) && s[_pos] != ')')
                throw Error($"Unexpected '{s[_pos]}' after the weight at position {at + 1}", _pos, s[_pos].ToString());
            return new BoostNode(node, boost);
        }

        private QueryNode ParseUnboosted(QueryField field)
        {
            SkipSpace();
            var at = _pos;
            if (_pos >= s.Length) throw Error($"Expected a search term at position {at + 1}, found the end of the query", at, null);
            var c = s[_pos];
            if (c == '(') return ParseGroup(field);
            if (c == ')') throw Error($"Unmatched ')' at position {at + 1}", at, ")");
            if (c == '"') return ToFieldNode(field, ReadPhrase(), at, phrase: true);
            if (c == ':') throw Error($"':' at position {at + 1} has no field name before it", at, ":");

            var word = ReadWord();
            if (_pos < s.Length && s[_pos] == ':')
            {
                if (!Aliases.TryGetValue(word, out var named))
                    throw Error($"Unknown field '{word}' at position {at + 1} (known fields: title, abstract, claim, applicant, inventor, ipc, cpc, pn, country, type, status, ad, pd, gd)", at, word);
                if (field != QueryField.Default)
                    throw Error($"Field '{word}:' at position {at + 1} is inside another field's group", at, word);
                _pos++;
                return ParseFieldValue(named, word, at);
            }
            if (word is "AND" or "OR" or "NOT" or "&&" or "||")
                throw Error($"'{word}' at position {at + 1} needs a term on both sides", at, word);
            return ToFieldNode(field, word, at, phrase: false);
        }

        private QueryNode ParseGroup(QueryField field)
        {
            var open = _pos;
            _pos++;
            SkipSpace();
            if (_pos < s.Length && s[_pos] == ')') throw Error($"Empty parentheses at position {open + 1}", open, "()");
            var inner = ParseOr(field);
            SkipSpace();
            if (_pos >= s.Length || s[_pos] != ')') throw Error($"Missing ')' for the '(' at position {open + 1}", open, "(");
            _pos++;
            return inner;
        }

        private QueryNode ParseFieldValue(QueryField field, string name, int fieldAt)
        {
            if (_pos >= s.Length || char.IsWhiteSpace(s[_pos]) || s[_pos] == ')')
                throw Error($"Field '{name}:' at position {fieldAt + 1} has no value", fieldAt, name + ":");
            var at = _pos;
            var isDate = field is QueryField.ApplicationDate or QueryField.PublicationDate or QueryField.GrantDate;
            if (s[_pos] is '[' or '{')
            {
                if (!isDate) throw Error($"Ranges are only allowed on ad:, pd: and gd: (position {at + 1})", at, s[_pos].ToString());
                return ParseRange(field);
            }
            if (isDate)
            {
                if (s[_pos] is '>' or '<') return ParseComparison(field);
                var word = ReadWord();
                var (from, to) = DateBounds(word, at);
                return new DateRangeNode(field, from, to);
            }
            if (s[_pos] == '(') return ParseGroup(field);
            if (s[_pos] == '"') return ToFieldNode(field, ReadPhrase(), at, phrase: true);
            return ToFieldNode(field, ReadWord(), at, phrase: false);
        }

        private DateRangeNode ParseRange(QueryField field)
        {
            var open = _pos;
            var inclusiveLow = s[_pos] == '[';
            var close = s.IndexOfAny([']', '}'], _pos + 1);
            if (close < 0) throw Error($"Range starting at position {open + 1} is not closed with ']' or '}}'", open, s[open].ToString());
            var inclusiveHigh = s[close] == ']';
            var body = s[(open + 1)..close];
            _pos = close + 1;
            var parts = body.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 3 || !parts[1].Equals("TO", StringComparison.OrdinalIgnoreCase))
                throw Error($"Range at position {open + 1} should read [FROM TO TO], e.g. [2020 TO 2023], found '{s[open..(close + 1)]}'", open, s[open..(close + 1)]);
            DateOnly? from = null, to = null;
            if (parts[0] != "*")
            {
                var (lo, hi) = DateBounds(parts[0], open + 1);
                from = inclusiveLow ? lo : hi?.AddDays(1);
            }
            if (parts[2] != "*")
            {
                var (lo, hi) = DateBounds(parts[2], open + 1);
                to = inclusiveHigh ? hi : lo?.AddDays(-1);
            }
            if (from > to) throw Error($"Range at position {open + 1} is empty: its start is after its end", open, s[open..(close + 1)]);
            return new DateRangeNode(field, from, to);
        }

        private DateRangeNode ParseComparison(QueryField field)
        {
            var at = _pos;
            var op = s[_pos].ToString();
            _pos++;
            if (_pos < s.Length && s[_pos] == '=') { op += "="; _pos++; }
            if (_pos >= s.Length || char.IsWhiteSpace(s[_pos]))
                throw Error($"'{op}' at position {at + 1} must be followed by a date, e.g. pd:>=2021", at, op);
            var (lo, hi) = DateBounds(ReadWord(), at + op.Length);
            return op switch
            {
                ">=" => new DateRangeNode(field, lo, null),
                ">" => new DateRangeNode(field, hi?.AddDays(1), null),
                "<=" => new DateRangeNode(field, null, hi),
                _ => new DateRangeNode(field, null, lo?.AddDays(-1)),
            };
        }

        /// <summary>A year, a month (yyyymm) or a day in any form <see cref="PatentDates"/> reads, as inclusive bounds.</summary>
        private (DateOnly? From, DateOnly? To) DateBounds(string text, int at)
        {
            if (text.Length == 4 && text.All(char.IsAsciiDigit))
            {
                var y = int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
                if (y is >= 1790 and <= 2200) return (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31));
            }
            if (text.Length == 6 && text.All(char.IsAsciiDigit))
            {
                var y = int.Parse(text[..4], System.Globalization.CultureInfo.InvariantCulture);
                var m = int.Parse(text[4..], System.Globalization.CultureInfo.InvariantCulture);
                if (y is >= 1790 and <= 2200 && m is >= 1 and <= 12)
                    return (new DateOnly(y, m, 1), new DateOnly(y, m, DateTime.DaysInMonth(y, m)));
            }
            if (PatentDates.TryParse(text, out var d, out _) && d is { } day) return (day, day);
            throw Error($"'{text}' at position {at + 1} is not a date (expected yyyy, yyyymm, yyyymmdd or yyyy-mm-dd)", at, text);
        }

        private QueryNode ToFieldNode(QueryField field, string text, int at, bool phrase)
        {
            if (phrase && text.Trim().Length == 0) throw Error($"Empty phrase at position {at + 1}", at, "\"\"");
            var isPrefix = !phrase && text.EndsWith('*');
            var body = isPrefix ? text.TrimEnd('*') : text;
            if (!phrase)
            {
                var wild = body.IndexOfAny(['*', '?']);
                if (wild >= 0 || body.Length == 0)
                    throw Error($"Wildcards are only allowed at the end of a word: '{text}' at position {at + 1}", at, text);
            }
            switch (field)
            {
                case QueryField.Ipc or QueryField.Cpc:
                    var level = Classification.ToFilterLevel(body);
                    return level is null
                        ? throw Error($"'{body}' at position {at + 1} is not an IPC/CPC symbol (expected e.g. H01L, H01L21, H01L21/02)", at, body)
                        : new TermNode(field, level);
                case QueryField.Number:
                    if (isPrefix) throw Error($"Prefixes are not allowed on numbers: '{text}' at position {at + 1}", at, text);
                    return PatentNumber.TryParse(body, out var number, out var error)
                        ? new NumberNode(number)
                        : throw Error($"{error} (position {at + 1})", at, body);
                case QueryField.Country:
                    var cc = body.Trim().ToUpperInvariant();
                    return cc.Length == 2 && cc.All(char.IsAsciiLetter) && !isPrefix
                        ? new TermNode(field, cc)
                        : throw Error($"'{text}' at position {at + 1} is not a two-letter country code", at, text);
                case QueryField.Type or QueryField.Status:
                    var map = field == QueryField.Type ? TypeValues : StatusValues;
                    if (isPrefix || !map.TryGetValue(body.Trim(), out var values))
                        throw Error($"'{text}' at position {at + 1} is not a {(field == QueryField.Type ? "document type" : "legal status")} (expected one of {string.Join(", ", map.Keys.Where(k => k.All(char.IsAsciiLetter)).Select(k => map[k][0]))})", at, text);
                    return values.Length == 1
                        ? new TermNode(field, values[0])
                        : new BooleanNode(values.Select(v => new QueryClause(QueryOccur.Should, new TermNode(field, v))).ToList());
            }
            if (isPrefix) return new PrefixNode(field, body);
            if (phrase) return new PhraseNode(field, text.Trim());
            if (field == QueryField.Default && AsNumber(text) is { } n)
                return new BooleanNode([new QueryClause(QueryOccur.Should, new TermNode(field, text)), new QueryClause(QueryOccur.Should, new NumberNode(n))]);
            return new TermNode(field, text);
        }

        private string ReadPhrase()
        {
            var open = _pos;
            var close = s.IndexOf('"', open + 1);
            if (close < 0) throw Error($"Unterminated quote starting at position {open + 1}", open, "\"");
            _pos = close + 1;
            return s[(open + 1)..close];
        }

        private string ReadWord()
        {
            var start = _pos;
            while (_pos < s.Length && !char.IsWhiteSpace(s[_pos]) && s[_pos] is not ('(' or ')' or '"' or ':' or '^'))
                _pos++;
            return s[start.._pos];
        }

        private bool AtGroupEnd()
        {
            SkipSpace();
            return _pos >= s.Length || s[_pos] == ')';
        }

        private bool IsKeywordAhead(string word, string symbol)
        {
            var save = _pos;
            var found = TryKeyword(word, symbol, out _);
            _pos = save;
            return found;
        }

        /// <summary>An operator keyword (upper case, as in Lucene) standing alone as a word.</summary>
        private bool TryKeyword(string word, string symbol, out int at)
        {
            at = _pos;
            foreach (var k in (ReadOnlySpan<string>)[word, symbol])
            {
                if (string.CompareOrdinal(s, _pos, k, 0, k.Length) != 0) continue;
                var end = _pos + k.Length;
                // "!" binds to the next word ("!电池"); words need a separator after them.
                if (k == "!" || end >= s.Length || char.IsWhiteSpace(s[end]) || s[end] is '(' or '"')
                {
                    if (k == "!" && (end >= s.Length || char.IsWhiteSpace(s[end]))) continue;
                    _pos = end;
                    return true;
                }
            }
            return false;
        }

        private (string Token, int At) PeekToken()
        {
            SkipSpace();
            var at = _pos;
            if (_pos >= s.Length) return ("", at);
            if (s[_pos] is '(' or ')' or '"' or ':') return (s[_pos].ToString(), at);
            var save = _pos;
            var word = ReadWord();
            _pos = save;
            return (word, at);
        }

        private void SkipSpace()
        {
            while (_pos < s.Length && char.IsWhiteSpace(s[_pos])) _pos++;
        }

        private QuerySyntaxException Error(string message, int at, string? token) =>
            new($"{message} in query '{original}'", at + 1, token);
    }
}
