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
            new StringField(PatentFields.Id, record.Id, Field.Store.NO),
            new SortedDocValuesField(LuceneFields.IdSort, new BytesRef(record.Id)),
            new StoredField(LuceneFields.Json, RecordJson.Serialize(record)),
        };
        doc.Add(new BinaryDocValuesField(LuceneFields.Summary, new BytesRef(SummaryEncoding.Encode(RecordSummary.Of(record)))));

        foreach (var family in PatentFields.TextFamilies)
            AddTexts(doc, family, family.Texts(record));

        foreach (var a in record.Applicants)
            doc.Add(new TextField(PatentFields.ApplicantText, a.Name, Field.Store.NO));
        foreach (var i in record.Inventors)
        {
            doc.Add(new TextField(PatentFields.InventorText, i.Name, Field.Store.NO));
            doc.Add(new StringField(LuceneFields.InventorExact, i.Name, Field.Store.NO));
        }

        foreach (var level in PatentFields.Hierarchy(record.IpcCodes)) doc.Add(new StringField(PatentFields.Ipc, level, Field.Store.NO));
        foreach (var level in PatentFields.Hierarchy(record.CpcCodes)) doc.Add(new StringField(PatentFields.Cpc, level, Field.Store.NO));

        var (keys, full) = PatentFields.Numbers(record);
        foreach (var k in keys) doc.Add(new StringField(PatentFields.NumberKey, k, Field.Store.NO));
        foreach (var f in full) doc.Add(new StringField(PatentFields.NumberFull, f, Field.Store.NO));

        AddDate(doc, PatentFields.ApplicationDate, LuceneFields.ApplicationDateSort, record.ApplicationDate);
        AddDate(doc, PatentFields.PublicationDate, LuceneFields.PublicationDateSort, record.PublicationDate);
        AddDate(doc, PatentFields.GrantDate, null, record.GrantDate);
        if (record.Scores.TryGetValue(LabelFacets.ValueIndexScore, out var valueIndex) && double.IsFinite(valueIndex))
            doc.Add(new NumericDocValuesField(LuceneFields.ValueIndexSort, (long)Math.Round(valueIndex * 1_000_000)));

        foreach (var facet in PatentFacets.All)
        {
            foreach (var value in PatentFacets.ValuesOf(facet, record))
            {
                doc.Add(new StringField(PatentFields.Facet(facet.Name), value, Field.Store.NO));
                doc.Add(new SortedSetDocValuesField(LuceneFields.FacetValues(facet.Name), new BytesRef(value)));
            }
        }
        return doc;
    }

    private static void AddTexts(Document doc, TextFamily family, List<LocalizedText> texts)
    {
        foreach (var t in texts)
        {
            if (string.IsNullOrWhiteSpace(t.Text)) continue;
            if (PatentFields.IsChinese(t))
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

    private static void AddDate(Document doc, string field, string? sortField, DateOnly? date)
    {
        if (date is not { } d) return;
        var value = PatentDates.ToInt(d);
        doc.Add(new Int32Field(field, value, Field.Store.NO));
        if (sortField is not null) doc.Add(new NumericDocValuesField(sortField, value));
    }
}
