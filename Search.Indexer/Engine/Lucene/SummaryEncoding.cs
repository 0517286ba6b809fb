using System.Text;
using Search.Indexer.Records;

namespace Search.Indexer.Engine.Lucene;

/// <summary>
/// The bytes of a <see cref="RecordSummary"/> in the index's summary doc values: the properties in a fixed order
/// (UTF-8 strings with their byte length, dates as day numbers, enums and counts as variable-length integers) instead of
/// JSON naming each one, about half the bytes (ADR-021). <see cref="Decode"/> also reads the compact JSON summaries
/// written before (they start with <c>{</c>), so older indices need no rewrite.
/// </summary>
internal static class SummaryEncoding
{
    /// <summary>First byte of the positional form; JSON starts with <c>{</c> (0x7B), so the two never meet.</summary>
    private const byte Positional = 1;

    public static byte[] Encode(PatentRecord r)
    {
        using var buffer = new MemoryStream(256);
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Positional);
            WriteNumber(w, r.PublicationNumber);
            w.Write(r.ApplicationNumber is not null);
            if (r.ApplicationNumber is { } application) WriteNumber(w, application);
            w.Write7BitEncodedInt((int)r.DocumentType);
            w.Write7BitEncodedInt((int)r.Stage);
            w.Write7BitEncodedInt(r.Titles.Count);
            foreach (var t in r.Titles)
            {
                w.Write(t.Language);
                w.Write(t.Text);
            }
            w.Write7BitEncodedInt(r.Applicants.Count);
            foreach (var p in r.Applicants)
            {
                w.Write(p.Name);
                WriteOptional(w, p.Address);
                WriteOptional(w, p.Country);
                w.Write7BitEncodedInt((int)p.Type);
                w.Write(p.TypeInferred);
            }
            WriteStrings(w, r.IpcCodes);
            WriteStrings(w, r.CpcCodes);
            WriteDate(w, r.ApplicationDate);
            WriteDate(w, r.PublicationDate);
            WriteDate(w, r.GrantDate);
            WriteDate(w, r.LapseDate);
            w.Write7BitEncodedInt((int)r.LegalStatus);
            WriteOptional(w, r.RegionCode);
            var c = r.Counts;
            foreach (var count in (ReadOnlySpan<int?>)[c.Citations, c.CitedBy, c.FamilySize, c.Transfers, c.Licenses, c.Pledges])
                WriteCount(w, count);
            w.Write7BitEncodedInt(r.Labels.Count);
            foreach (var (name, values) in r.Labels)
            {
                w.Write(name);
                WriteStrings(w, values);
            }
            w.Write7BitEncodedInt(r.Scores.Count);
            foreach (var (name, value) in r.Scores)
            {
                w.Write(name);
                w.Write(value);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>The summary from <paramref name="length"/> bytes at <paramref name="offset"/> in either form; no bytes are no summary (null).</summary>
    public static PatentRecord? Decode(byte[] bytes, int offset, int length)
    {
        if (length == 0) return null;
        if (bytes[offset] != Positional) return RecordJson.Deserialize(bytes.AsSpan(offset, length));
        using var stream = new MemoryStream(bytes, offset, length, writable: false);
        using var r = new BinaryReader(stream, Encoding.UTF8);
        r.ReadByte();
        var record = new PatentRecord { PublicationNumber = ReadNumber(r) };
        if (r.ReadBoolean()) record.ApplicationNumber = ReadNumber(r);
        record.DocumentType = (DocumentType)r.Read7BitEncodedInt();
        record.Stage = (PublicationStage)r.Read7BitEncodedInt();
        for (var n = r.Read7BitEncodedInt(); n > 0; n--)
            record.Titles.Add(new LocalizedText(r.ReadString(), r.ReadString()));
        for (var n = r.Read7BitEncodedInt(); n > 0; n--)
        {
            record.Applicants.Add(new Party
            {
                Name = r.ReadString(), Address = ReadOptional(r), Country = ReadOptional(r),
                Type = (PartyType)r.Read7BitEncodedInt(), TypeInferred = r.ReadBoolean(),
            });
        }
        ReadStrings(r, record.IpcCodes);
        ReadStrings(r, record.CpcCodes);
        record.ApplicationDate = ReadDate(r);
        record.PublicationDate = ReadDate(r);
        record.GrantDate = ReadDate(r);
        record.LapseDate = ReadDate(r);
        record.LegalStatus = (LegalStatus)r.Read7BitEncodedInt();
        record.RegionCode = ReadOptional(r);
        record.Counts = new PatentCounts
        {
            Citations = ReadCount(r), CitedBy = ReadCount(r), FamilySize = ReadCount(r),
            Transfers = ReadCount(r), Licenses = ReadCount(r), Pledges = ReadCount(r),
        };
        for (var n = r.Read7BitEncodedInt(); n > 0; n--)
        {
            var name = r.ReadString();
            var values = new List<string>();
            ReadStrings(r, values);
            record.Labels[name] = values;
        }
        for (var n = r.Read7BitEncodedInt(); n > 0; n--)
        {
            var name = r.ReadString();
            record.Scores[name] = r.ReadDouble();
        }
        return record;
    }

    private static void WriteNumber(BinaryWriter w, PatentNumber n)
    {
        w.Write(n.Country);
        w.Write(n.Number);
        WriteOptional(w, n.Kind);
        // 0 for none, else the character + 1 (check digits are 0-9 or X).
        w.Write7BitEncodedInt(n.CheckDigit is { } check ? check + 1 : 0);
    }

    private static PatentNumber ReadNumber(BinaryReader r)
    {
        var country = r.ReadString();
        var number = r.ReadString();
        var kind = ReadOptional(r);
        var check = r.Read7BitEncodedInt();
        return new PatentNumber(country, number, kind, check == 0 ? null : (char)(check - 1));
    }

    private static void WriteOptional(BinaryWriter w, string? value)
    {
        w.Write(value is not null);
        if (value is not null) w.Write(value);
    }

    private static string? ReadOptional(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;

    private static void WriteStrings(BinaryWriter w, List<string> values)
    {
        w.Write7BitEncodedInt(values.Count);
        foreach (var v in values) w.Write(v);
    }

    private static void ReadStrings(BinaryReader r, List<string> into)
    {
        for (var n = r.Read7BitEncodedInt(); n > 0; n--) into.Add(r.ReadString());
    }

    // 0 for none, else the day number + 1.
    private static void WriteDate(BinaryWriter w, DateOnly? date) => w.Write7BitEncodedInt(date is { } d ? d.DayNumber + 1 : 0);

    private static DateOnly? ReadDate(BinaryReader r) => r.Read7BitEncodedInt() is var n and > 0 ? DateOnly.FromDayNumber(n - 1) : null;

    // 0 for none, else the zig-zagged count + 1, so a negative count (a source's error) survives too.
    private static void WriteCount(BinaryWriter w, int? count) =>
        w.Write7BitEncodedInt64(count is { } c ? ((long)c << 1 ^ (long)c >> 63) + 1 : 0);

    private static int? ReadCount(BinaryReader r)
    {
        var n = r.Read7BitEncodedInt64();
        if (n == 0) return null;
        var zig = n - 1;
        return (int)(zig >> 1 ^ -(zig & 1));
    }
}
