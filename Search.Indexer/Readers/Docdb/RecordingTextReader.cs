using System.Text;

namespace Search.Indexer.Readers.Docdb;

/// <summary>
/// Passes text through to the XML reader while keeping what was read since the start of the
/// current document, so a document the parser breaks on (a truncated file) can still be put in
/// the quarantine as it stood. Memory stays bounded: the text before each document start is
/// dropped, and a runaway document keeps only its last <c>2 × limit</c> characters.
/// </summary>
internal sealed class RecordingTextReader(TextReader inner, int limit) : TextReader
{
    private readonly StringBuilder _text = new();
    // Line and column (1-based, as IXmlLineInfo counts them) of _text[0].
    private long _line = 1;
    private long _column = 1;
    private bool _afterCr;

    public override int Peek() => inner.Peek();

    public override int Read()
    {
        var c = inner.Read();
        if (c >= 0) Append([(char)c]);
        return c;
    }

    public override int Read(char[] buffer, int index, int count)
    {
        var n = inner.Read(buffer, index, count);
        Append(buffer.AsSpan(index, n));
        return n;
    }

    /// <summary>Forgets the text before the given position (the start of the next document).</summary>
    public void DropBefore(long line, long column) => Drop(OffsetOf(line, column));

    /// <summary>The text read from the given position on, at most <paramref name="maxChars"/> characters.</summary>
    public string TextFrom(long line, long column, int maxChars)
    {
        var offset = OffsetOf(line, column);
        return _text.ToString(offset, Math.Min(maxChars, _text.Length - offset));
    }

    private void Append(ReadOnlySpan<char> chars)
    {
        _text.Append(chars);
        if (_text.Length > 4L * limit) Drop(_text.Length - 2 * limit);
    }

    private void Drop(int count)
    {
        if (count <= 0) return;
        for (var i = 0; i < count; i++) Advance(_text[i], ref _line, ref _column, ref _afterCr);
        _text.Remove(0, count);
    }

    private int OffsetOf(long line, long column)
    {
        long l = _line, c = _column;
        var afterCr = _afterCr;
        for (var i = 0; i < _text.Length; i++)
        {
            if (l > line || (l == line && c >= column)) return i;
            Advance(_text[i], ref l, ref c, ref afterCr);
        }
        return _text.Length;
    }

    // XmlReader counts \n, \r\n and a lone \r as one line break each.
    private static void Advance(char ch, ref long line, ref long column, ref bool afterCr)
    {
        if (ch == '\n' && afterCr)
        {
            afterCr = false;
            return;
        }
        afterCr = ch == '\r';
        if (ch is '\n' or '\r')
        {
            line++;
            column = 1;
        }
        else
        {
            column++;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
