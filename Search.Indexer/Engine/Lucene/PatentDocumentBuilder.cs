using Lucene.Net.Documents;
using Lucene.Net.Util;
using Search.Indexer.Normalization;
using Search.Indexer.Records;

namespace Search.Indexer.Engine.Lucene;

/// <summary>Turns a <see cref="PatentRecord"/> into the Lucene document described by <see cref="LuceneFields"/>.</summary>
internal static class PatentDocumentBuilder
{
    public static Document Build(PatentRecord record)
    {
        var doc = new Document
        {
            new StringField(LuceneFields.Id, record.Id, Field.Store.NO),
            new SortedDocValuesField(LuceneFields.IdSort, new BytesRef(record.Id)),
            new StoredField(LuceneFields.Json, RecordJson.Serialize(record)),
        };
        doc.Add(new BinaryDocValuesField(LuceneFields.Summary, new BytesRef(RecordJson.SerializeCompact(RecordSummary.Of(record)))));

        AddTexts(doc, LuceneFields.Title, record.Titles);
        AddTexts(doc, LuceneFields.Abstract, record.Abstracts);
        AddTexts(doc, LuceneFields.Claim, record.FirstClaims);

        foreach (var a in record.Applicants)
            doc.Add(new TextField(LuceneFields.ApplicantText, a.Name, Field.Store.NO));
        foreach (var i in record.Inventors)
        {
            doc.Add(new TextField(LuceneFields.InventorText, i.Name, Field.Store.NO));
            doc.Add(new StringField(LuceneFields.InventorExact, i.Name, Field.Store.NO));
        }

        AddHierarchy(doc, LuceneFields.Ipc, record.IpcCodes);
        AddHierarchy(doc, LuceneFields.Cpc, record.CpcCodes);

        var keys = new HashSet<string>(StringComparer.Ordinal) { record.PublicationNumber.Key };
        var full = new HashSet<string>(StringComparer.Ordinal) { record.PublicationNumber.Canonical };
        foreach (var other in record.OtherPublicationNumbers)
        {
            keys.Add(other.Key);
            full.Add(other.Canonical);
        }
        if (record.ApplicationNumber is { } app) keys.Add(app.Key);
        foreach (var k in keys) doc.Add(new StringField(LuceneFields.NumberKey, k, Field.Store.NO));
        foreach (var f in full) doc.Add(new StringField(LuceneFields.NumberFull, f, Field.Store.NO));

        AddDate(doc, LuceneFields.ApplicationDate, LuceneFields.ApplicationDateSort, record.ApplicationDate);
        AddDate(doc, LuceneFields.PublicationDate, LuceneFields.PublicationDateSort, record.PublicationDate);
        AddDate(doc, LuceneFields.GrantDate, null, record.GrantDate);
        if (record.Scores.TryGetValue(LabelFacets.ValueIndexScore, out var valueIndex) && double.IsFinite(valueIndex))
            doc.Add(new NumericDocValuesField(LuceneFields.ValueIndexSort, (long)Math.Round(valueIndex * 1_000_000)));

        foreach (var facet in PatentFacets.All)
        {
            foreach (var value in PatentFacets.ValuesOf(facet, record))
            {
                doc.Add(new StringField(LuceneFields.FacetTerm(facet.Name), value, Field.Store.NO));
                doc.Add(new SortedSetDocValuesField(LuceneFields.FacetValues(facet.Name), new BytesRef(value)));
            }
        }
        return doc;
    }

    /// <summary>Chinese text (or untagged text with CJK) goes to the word and bigram fields; anything else to English.</summary>
    public static bool IsChinese(LocalizedText text) =>
        text.Language.StartsWith("zh", StringComparison.OrdinalIgnoreCase)
        || (!text.Language.StartsWith("en", StringComparison.OrdinalIgnoreCase) && TextNormalizer.ContainsCjk(text.Text));

    private static void AddTexts(Document doc, TextFamily family, List<LocalizedText> texts)
    {
        foreach (var t in texts)
        {
            if (string.IsNullOrWhiteSpace(t.Text)) continue;
            if (IsChinese(t))
            {
                if (family.Words) doc.Add(new TextField(family.ChineseWords, t.Text, Field.Store.NO));
                doc.Add(new TextField(family.ChineseBigrams, t.Text, Field.Store.NO));
            }
            else
            {
                doc.Add(new TextField(family.English, t.Text, Field.Store.NO));
            }
        }
    }

    private static void AddHierarchy(Document doc, string field, List<string> codes)
    {
        var levels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in codes)
            if (Classification.TryNormalize(code, out var c, out _))
                levels.UnionWith(Classification.Hierarchy(c));
        foreach (var level in levels) doc.Add(new StringField(field, level, Field.Store.NO));
    }

    private static void AddDate(Document doc, string field, string? sortField, DateOnly? date)
    {
        if (date is not { } d) return;
        var value = PatentDates.ToInt(d);
        doc.Add(new Int32Field(field, value, Field.Store.NO));
        if (sortField is not null) doc.Add(new NumericDocValuesField(sortField, value));
    }
}
