using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Search.Indexer.Normalization;
using Search.Indexer.Records;

namespace Search.Indexer.Readers.ChineseExport;

/// <summary>The outcome of mapping one export row: a record, or the field and reason it was rejected for.</summary>
public readonly record struct RowMapping(PatentRecord? Record, string? Field, RejectionReason? Reason)
{
    public static RowMapping Ok(PatentRecord record) => new(record, null, null);
    public static RowMapping Bad(string? field, RejectionReason reason) => new(null, field, reason);
}

/// <summary>
/// Turns one row of a Chinese (or English) patent-database export into a <see cref="PatentRecord"/>,
/// driven by the <see cref="ChineseExportHeader"/>; the CSV and Excel readers share it.
/// <para>
/// A row is rejected only when the record cannot stand: no publication number, one that does not
/// parse, or a date that does not parse. A value that cannot be used (one bad IPC code among five,
/// a count that is not a number) is dropped from its field, its column's raw value is kept in
/// <see cref="PatentRecord.Extra"/> under the column name, and a line saying what was wrong is
/// added to <c>Extra["_warnings"]</c> (<see cref="WarningsKey"/>).
/// </para>
/// </summary>
public static partial class ChineseExportRowMapper
{
    /// <summary>Extra key holding one line per value that was dropped from a field.</summary>
    public const string WarningsKey = "_warnings";
    /// <summary>Extra key for the postcode taken off the front of a Chinese applicant address.</summary>
    public const string PostcodeKey = "申请人邮编";
    /// <summary>Extra key for the keywords of a combined title/keywords/abstract text.</summary>
    public const string KeywordsKey = "keywords";

    [GeneratedRegex(@"^(?<post>\d{6})\s*(?<rest>\D.*)$", RegexOptions.Singleline)]
    private static partial Regex LeadingPostcode();

    [GeneratedRegex(@"\((?<code>[0-9A-Za-z]{2,3})\)\s*$")]
    private static partial Regex RegionInParentheses();

    [GeneratedRegex(@"^(?<date>\d{4}[-./年]?\d{1,2}[-./月]?\d{1,2}日?)\s*[:：,，\s-]*\s*(?<text>\S.*)$", RegexOptions.Singleline)]
    private static partial Regex DatedEvent();

    [GeneratedRegex(@"^\s*Title:\s*(?<title>.*?)\s*(?:\r?\n\s*Keywords:\s*(?<kw>.*?))?\s*(?:\r?\n\s*Abstract:\s*(?<abs>.*))?$", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex LabelledText();

    [GeneratedRegex(@"(?<date>\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{8})\s*$")]
    private static partial Regex TrailingDate();

    private static readonly char[] ListSeparators = [';', '；', '|', '\n', '\r'];
    private static readonly char[] CodeSeparators = [';', '；', '|', ',', '，', '\n', '\r'];
    private static readonly char[] NumberSeparators = [';', '；', '|', ',', '，', '\n', '\r', ' ', '\t', '、'];

    /// <summary>Maps one row. <paramref name="cells"/> are in header order; missing trailing cells count as empty.</summary>
    public static RowMapping Map(ChineseExportHeader header, IReadOnlyList<string?> cells, string sourceFile, string format, long line)
    {
        var row = new Row(header, cells);

        var pub = row.Get(ExportField.PublicationNumber);
        var grant = row.Get(ExportField.GrantNumber);
        var numberColumn = pub ?? grant;
        PatentRecord record;
        if (numberColumn is null)
        {
            // Many exports key records by application number (申请号) only: the record stands under it until its publication arrives.
            if (row.Get(ExportField.ApplicationNumber) is { } app)
            {
                if (!PatentNumber.TryParseWithReason(app.Value, out var application, out var appError, "CN"))
                    return RowMapping.Bad(app.Name, appError!);
                record = PatentRecord.ForApplication(application);
            }
            else
            {
                var name = header.Names.Where((_, i) => header.Fields[i].Field is ExportField.PublicationNumber or ExportField.GrantNumber or ExportField.ApplicationNumber).FirstOrDefault() ?? "公开号";
                return RowMapping.Bad(name, RejectionReasons.ExportNoNumber.With(name));
            }
        }
        else
        {
            if (!PatentNumber.TryParseWithReason(numberColumn.Value.Value, out var publication, out var numberError, "CN"))
                return RowMapping.Bad(numberColumn.Value.Name, numberError!);
            record = new PatentRecord { PublicationNumber = publication };
        }
        record.Provenance.Add(new Provenance(sourceFile, format, line));

        foreach (var (field, target) in new (ExportField, Action<DateOnly?>)[]
                 {
                     (ExportField.ApplicationDate, d => record.ApplicationDate = d),
                     (ExportField.PublicationDate, d => record.PublicationDate = d),
                     (ExportField.GrantDate, d => record.GrantDate = d),
                     (ExportField.LapseDate, d => record.LapseDate = d),
                 })
        {
            if (row.Get(field) is not { } c) continue;
            if (!PatentDates.TryParseWithReason(c.Value, out var date, out var dateError))
                return RowMapping.Bad(c.Name, dateError!);
            target(date);
        }

        var warnings = new List<string>();
        void Warn(Column c, string message)
        {
            warnings.Add($"{c.Name}: {message}");
            record.Extra[c.Name] = c.Raw;
        }

        MapNumbers(row, record, pub, grant, Warn);
        MapType(row, record, Warn);
        MapTexts(row, record);
        MapParties(row, record);
        MapClassifications(row, record, Warn);
        MapStatus(row, record, Warn);
        MapCounts(row, record, Warn);
        MapFamilyAndCitations(row, record, Warn);

        foreach (var (key, value) in row.Leftovers())
            record.Extra.TryAdd(key, value);
        if (warnings.Count > 0)
            record.Extra[WarningsKey] = string.Join('\n', warnings);
        return RowMapping.Ok(record);
    }

    private static void MapNumbers(Row row, PatentRecord record, Column? pub, Column? grant, Action<Column, string> warn)
    {
        if (row.Get(ExportField.ApplicationNumber) is { } app)
        {
            if (PatentNumber.TryParse(app.Value, out var number, out var error, "CN"))
                record.ApplicationNumber = number;
            else
                warn(app, error!);
        }
        // The grant publication (授权公告号) of an application published earlier (公开号 …A) is another
        // publication of the same record; when both numbers are equal (utility models) it is the record itself.
        if (pub is not null && grant is { } g)
        {
            if (PatentNumber.TryParse(g.Value, out var grantNumber, out var error, "CN"))
            {
                if (grantNumber.Canonical != record.PublicationNumber.Canonical)
                    record.OtherPublicationNumbers.Add(grantNumber);
            }
            else
            {
                warn(g, error!);
            }
        }
    }

    private static void MapType(Row row, PatentRecord record, Action<Column, string> warn)
    {
        var (kindType, kindStage) = KindCodes.Classify(record.Country, record.KindCode);
        var typeColumn = row.Get(ExportField.PatentType);
        var (textType, textStage) = KindCodes.FromChineseType(typeColumn?.Value);
        if (typeColumn is { } t && textType == DocumentType.Unknown)
            textType = EnglishType(t.Value);
        // The kind code describes this publication; 专利类型 describes the application's history
        // ("发明公开;发明授权"). The kind code wins; the column fills in when there is no kind code.
        record.DocumentType = kindType != DocumentType.Unknown ? kindType : textType;
        record.Stage = kindStage != PublicationStage.Unknown ? kindStage : textStage;
        if (typeColumn is { } c && kindType != DocumentType.Unknown && textType != DocumentType.Unknown && kindType != textType)
            warn(c, $"'{c.Value}' says {textType} but kind code {record.KindCode} says {kindType}; the kind code is kept");
        // A grant publication is its own grant: its publication date is the grant date when none is given.
        if (record.GrantDate is null && record.Stage == PublicationStage.Grant)
            record.GrantDate = record.PublicationDate;
    }

    private static DocumentType EnglishType(string text)
    {
        var t = text.ToLowerInvariant();
        if (t.Contains("utility", StringComparison.Ordinal)) return DocumentType.UtilityModel;
        if (t.Contains("design", StringComparison.Ordinal)) return DocumentType.Design;
        if (t.Contains("invention", StringComparison.Ordinal) || t.Contains("patent", StringComparison.Ordinal)) return DocumentType.Invention;
        return DocumentType.Unknown;
    }

    private static void MapTexts(Row row, PatentRecord record)
    {
        static void Add(List<LocalizedText> list, string? text)
        {
            var clean = TextNormalizer.Clean(text);
            if (clean is null) return;
            var language = TextNormalizer.GuessLanguage(clean);
            if (list.All(t => t.Language != language)) list.Add(new LocalizedText(language, clean));
        }

        Add(record.Titles, row.Get(ExportField.Title)?.Value);
        Add(record.Abstracts, row.Get(ExportField.Abstract)?.Value);
        Add(record.FirstClaims, row.Get(ExportField.FirstClaim)?.Value);

        if (row.Get(ExportField.CombinedText) is { } combined)
        {
            var (title, keywords, abstractText) = SplitCombinedText(combined.Value);
            Add(record.Titles, title);
            Add(record.Abstracts, abstractText);
            if (TextNormalizer.Clean(keywords) is { } kw) record.Extra[KeywordsKey] = kw;
        }
    }

    /// <summary>
    /// Splits "Title: …\nKeywords: …\nAbstract: …" or "title [SEP] keywords [SEP] abstract" (both seen in
    /// real exports prepared for classification); any other text is taken as the abstract.
    /// </summary>
    public static (string? Title, string? Keywords, string? Abstract) SplitCombinedText(string text)
    {
        var m = LabelledText().Match(text);
        if (m.Success)
            return (m.Groups["title"].Value, m.Groups["kw"].Success ? m.Groups["kw"].Value : null, m.Groups["abs"].Success ? m.Groups["abs"].Value : null);
        var parts = text.Split("[SEP]", StringSplitOptions.TrimEntries);
        return parts.Length switch
        {
            3 => (parts[0], parts[1], parts[2]),
            2 => (parts[0], null, parts[1]),
            _ => (null, null, text),
        };
    }

    private static void MapParties(Row row, PatentRecord record)
    {
        var names = PartyNames.Split(row.Get(ExportField.Applicants)?.Value);
        var addresses = (row.Get(ExportField.ApplicantAddress)?.Value ?? "").Split(['\n', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var types = (row.Get(ExportField.ApplicantType)?.Value ?? "").Split([';', '；', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var postcodes = new List<string>();
        for (var i = 0; i < names.Count; i++)
        {
            // One address (or type) is the first applicant's; a list as long as the names is one per applicant.
            var raw = addresses.Length == names.Count ? addresses[i] : i == 0 && addresses.Length > 0 ? string.Join("; ", addresses) : null;
            string? address = null;
            if (TextNormalizer.Clean(raw) is { } clean)
            {
                // "450000河南省郑州市…": the six-digit postcode is not part of the place; it is kept in Extra.
                var m = LeadingPostcode().Match(clean);
                if (m.Success)
                {
                    postcodes.Add(m.Groups["post"].Value);
                    clean = m.Groups["rest"].Value.Trim();
                }
                address = clean;
            }
            var given = ApplicantTypeClassifier.FromText(types.Length == names.Count ? types[i] : i == 0 ? types.FirstOrDefault() : null);
            record.Applicants.Add(ApplicantTypeClassifier.Create(names[i], address, given));
        }
        if (postcodes.Count > 0) record.Extra[PostcodeKey] = string.Join(';', postcodes);
        if (names.Count == 0)
        {
            foreach (var orphan in new[] { row.Get(ExportField.ApplicantAddress), row.Get(ExportField.ApplicantType) })
                if (orphan is { } o) record.Extra[o.Name] = o.Raw;
        }

        foreach (var name in PartyNames.Split(row.Get(ExportField.Inventors)?.Value))
            record.Inventors.Add(ApplicantTypeClassifier.Create(name, given: PartyType.Individual));

        record.Agency = TextNormalizer.Clean(row.Get(ExportField.Agency)?.Value);
    }

    private static void MapClassifications(Row row, PatentRecord record, Action<Column, string> warn)
    {
        AddCodes(record.IpcCodes, row.Get(ExportField.IpcMain), warn);
        AddCodes(record.IpcCodes, row.Get(ExportField.Ipc), warn);
        AddCodes(record.CpcCodes, row.Get(ExportField.CpcMain), warn);
        AddCodes(record.CpcCodes, row.Get(ExportField.Cpc), warn);
    }

    private static void AddCodes(List<string> target, Column? column, Action<Column, string> warn)
    {
        if (column is not { } c) return;
        var bad = new List<string>();
        foreach (var item in SplitList(c.Value, CodeSeparators))
        {
            if (Classification.TryNormalize(item, out var code, out var error))
            {
                if (!target.Contains(code)) target.Add(code);
            }
            else
            {
                bad.Add(error!);
            }
        }
        if (bad.Count > 0) warn(c, string.Join("; ", bad));
    }

    /// <summary>Items of a list cell: a JSON array (<c>["G06F16/35", …]</c>) or text with separators.</summary>
    private static IEnumerable<string> SplitList(string value, char[] separators)
    {
        var trimmed = value.Trim();
        if (trimmed.StartsWith('[') && trimmed.EndsWith(']'))
        {
            List<string>? items = null;
            try
            {
                items = JsonSerializer.Deserialize<List<string>>(trimmed);
            }
            catch (JsonException)
            {
                // Not JSON after all ("[SEP]" or a bracketed note): fall through to plain splitting.
            }
            if (items is not null)
                return items.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim());
        }
        return trimmed.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static void MapStatus(Row row, PatentRecord record, Action<Column, string> warn)
    {
        if (row.Get(ExportField.LegalStatus) is { } status)
        {
            record.LegalStatusText = TextNormalizer.Clean(status.Value);
            record.LegalStatus = LegalStatusMapper.Map(status.Value);
        }

        if (row.Get(ExportField.RegionCode) is { } region)
        {
            var text = TextNormalizer.ToHalfWidth(region.Value).Trim();
            var m = RegionInParentheses().Match(text);
            if (m.Success) record.RegionCode = m.Groups["code"].Value.ToUpperInvariant();
            else if (text.Length <= 3 && text.All(char.IsAsciiLetterOrDigit)) record.RegionCode = text.ToUpperInvariant();
            else record.Extra[region.Name] = region.Raw;
        }

        if (row.Get(ExportField.LegalEvents) is { } events)
        {
            var parsed = new List<LegalEvent>();
            foreach (var item in events.Value.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var m = DatedEvent().Match(TextNormalizer.ToHalfWidth(item));
                if (!m.Success || !PatentDates.TryParse(m.Groups["date"].Value, out var date, out _) || date is null)
                {
                    parsed = null;
                    break;
                }
                var text = m.Groups["text"].Value.Trim();
                var colon = text.IndexOfAny([':', '：']);
                parsed.Add(colon > 0
                    ? new LegalEvent(date, text[..colon].Trim(), TextNormalizer.Clean(text[(colon + 1)..]))
                    : new LegalEvent(date, text, null));
            }
            // Event lists come in many house styles; one that is not "date text; date text" stays verbatim.
            if (parsed is { Count: > 0 }) record.LegalEvents.AddRange(parsed);
            else record.Extra[events.Name] = events.Raw;
        }

        if (row.Get(ExportField.Priorities) is { } priorities)
        {
            var dates = (row.Get(ExportField.PriorityDates)?.Value ?? "").Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var items = priorities.Value.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            for (var i = 0; i < items.Length; i++)
            {
                var item = TextNormalizer.ToHalfWidth(items[i]);
                DateOnly? date = null;
                var dm = TrailingDate().Match(item);
                if (dm.Success && item.Length > dm.Length && PatentDates.TryParse(dm.Groups["date"].Value, out var trailing, out _))
                {
                    date = trailing;
                    item = item[..dm.Index].Trim();
                }
                else if (i < dates.Length && PatentDates.TryParse(dates[i], out var columnDate, out _))
                {
                    date = columnDate;
                }
                var country = item.Length >= 2 && char.IsAsciiLetterUpper(item[0]) && char.IsAsciiLetterUpper(item[1]) ? item[..2] : "";
                var number = country.Length > 0 ? item[2..].Trim() : item.Trim();
                if (number.Length > 0) record.Priorities.Add(new PriorityClaim(country, number, date));
            }
        }
        else if (row.Get(ExportField.PriorityDates) is { } orphanDates)
        {
            record.Extra[orphanDates.Name] = orphanDates.Raw;
        }
    }

    private static void MapCounts(Row row, PatentRecord record, Action<Column, string> warn)
    {
        int? Count(ExportField field)
        {
            if (row.Get(field) is not { } c) return null;
            var s = TextNormalizer.ToHalfWidth(c.Value).Trim();
            if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
            if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0 && d == Math.Floor(d) && d <= int.MaxValue) return (int)d;
            warn(c, $"'{c.Value}' is not a count (expected a whole number)");
            return null;
        }

        record.Counts.Citations = Count(ExportField.Citations);
        record.Counts.CitedBy = Count(ExportField.CitedBy);
        record.Counts.FamilySize = Count(ExportField.FamilySize);
        record.Counts.Transfers = Count(ExportField.Transfers);
        record.Counts.Licenses = Count(ExportField.Licenses);
        record.Counts.Pledges = Count(ExportField.Pledges);
    }

    private static void MapFamilyAndCitations(Row row, PatentRecord record, Action<Column, string> warn)
    {
        var own = new HashSet<string>(record.OtherPublicationNumbers.Select(n => n.Canonical).Append(record.Id), StringComparer.Ordinal);
        AddNumbers(record.FamilyMembers, row.Get(ExportField.FamilyMembers), own, warn);
        AddNumbers(record.CitedDocuments, row.Get(ExportField.CitedDocuments), [], warn);
    }

    private static void AddNumbers(List<string> target, Column? column, HashSet<string> exclude, Action<Column, string> warn)
    {
        if (column is not { } c) return;
        var bad = new List<string>();
        foreach (var item in SplitList(c.Value, NumberSeparators))
        {
            if (PatentNumber.TryParse(item, out var number, out var error))
            {
                if (!exclude.Contains(number.Canonical) && !target.Contains(number.Canonical)) target.Add(number.Canonical);
            }
            else
            {
                bad.Add(error!);
            }
        }
        if (bad.Count > 0) warn(c, string.Join("; ", bad));
    }

    /// <summary>One cell: its column name, the value as written, and the value trimmed.</summary>
    private readonly record struct Column(string Name, string Raw)
    {
        public string Value => Raw.Trim();
    }

    /// <summary>The cells of a row grouped by field, best-ranked non-empty column first.</summary>
    private sealed class Row
    {
        private readonly ChineseExportHeader _header;
        private readonly IReadOnlyList<string?> _cells;
        private readonly Dictionary<ExportField, int> _chosen = [];

        public Row(ChineseExportHeader header, IReadOnlyList<string?> cells)
        {
            _header = header;
            _cells = cells;
            for (var i = 0; i < header.Count; i++)
            {
                var (field, rank) = header.Fields[i];
                if (field is ExportField.Unknown or ExportField.KeptInExtra || IsBlank(i)) continue;
                if (!_chosen.TryGetValue(field, out var best) || rank < header.Fields[best].Rank)
                    _chosen[field] = i;
            }
        }

        private string Cell(int i) => i < _cells.Count ? _cells[i] ?? "" : "";
        private bool IsBlank(int i) => string.IsNullOrWhiteSpace(Cell(i));

        public Column? Get(ExportField field) =>
            _chosen.TryGetValue(field, out var i) ? new Column(_header.Names[i], Cell(i)) : null;

        // 第一发明人 "刘迪" adds nothing to 发明人 "刘迪;刘敏;…", nor 授权名称 to an equal 专利名称.
        private static bool IsCoveredBy(string fallback, string chosen)
        {
            char[] separators = [';', '；', '|', ',', '，', '\n'];
            var used = chosen.Split(separators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            return fallback.Trim() == chosen.Trim()
                || fallback.Split(separators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).All(used.Contains);
        }

        /// <summary>
        /// Non-empty cells no field was read from: unknown columns, known columns the record has
        /// no field for, and fallback columns whose value differs from the one used.
        /// </summary>
        public IEnumerable<(string Key, string Value)> Leftovers()
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < _header.Count; i++)
            {
                if (IsBlank(i)) continue;
                var field = _header.Fields[i].Field;
                if (field is not (ExportField.Unknown or ExportField.KeptInExtra))
                {
                    if (_chosen[field] == i) continue;
                    if (IsCoveredBy(Cell(i), Cell(_chosen[field]))) continue;
                }
                var name = _header.Names[i].Length > 0 ? _header.Names[i] : $"column {i + 1}";
                var key = name;
                for (var n = 2; !seen.Add(key); n++) key = $"{name} #{n}";
                yield return (key, Cell(i));
            }
        }
    }
}
