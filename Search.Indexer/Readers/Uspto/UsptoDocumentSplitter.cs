namespace Search.Indexer.Readers.Uspto;

/// <summary>One document cut from a concatenated bulk file. <see cref="Bytes"/> is only valid until the next one is read.</summary>
internal readonly record struct RawDocument(ReadOnlyMemory<byte> Bytes, long Line, int Index, long TotalBytes)
{
    /// <summary>True when the document was larger than the reader's limit and only its start was kept.</summary>
    public bool Oversized => TotalBytes > Bytes.Length;
}

/// <summary>
/// Cuts a USPTO bulk file into its documents at each <c>&lt;?xml</c> declaration while reading the
/// stream in chunks, so memory stays bounded by the largest document (or by
/// <paramref name="maxDocumentBytes"/> when a "document" never ends, as in a file of garbage).
/// The declaration can only start a document: XML forbids it anywhere else, so every occurrence
/// followed by whitespace is a boundary, whatever precedes it.
/// </summary>
internal sealed class UsptoDocumentSplitter(Stream stream, ReadOnlyMemory<byte> alreadyRead, long maxDocumentBytes, int keepWhenOversized)
{
    private const int ChunkSize = 64 * 1024;
    private static ReadOnlySpan<byte> Declaration => "<?xml"u8;

    private byte[] _buffer = new byte[ChunkSize * 2];
    private int _length;
    // Bytes of the current document dropped because it outgrew maxDocumentBytes, and their line breaks.
    private long _dropped;
    private long _droppedNewlines;
    private long _line = 1;
    private int _index;

    /// <summary>Documents in file order; whitespace between them is not a document.</summary>
    public IEnumerable<RawDocument> Documents()
    {
        EnsureFree(alreadyRead.Length);
        alreadyRead.Span.CopyTo(_buffer);
        _length = alreadyRead.Length;
        var eof = false;
        var bomChecked = false;
        var scanFrom = 1;
        while (true)
        {
            if (!eof)
            {
                EnsureFree(ChunkSize);
                var n = stream.Read(_buffer, _length, ChunkSize);
                if (n == 0) eof = true;
                _length += n;
                if (!bomChecked && (_length >= 3 || eof))
                {
                    bomChecked = true;
                    if (_buffer.AsSpan(0, _length).StartsWith("\uFEFF"u8)) Consume(3, emit: false);
                }
            }

            // Cut at every declaration found in what has arrived; the byte after "<?xml" must be known.
            while (true)
            {
                var boundary = FindBoundary(scanFrom, eof);
                if (boundary < 0) break;
                if (Emit(boundary) is { } doc) yield return doc;
                Consume(boundary, emit: true);
                scanFrom = 1;
            }

            if (eof)
            {
                if (Emit(_length) is { } last) yield return last;
                yield break;
            }

            if (_length + _dropped > maxDocumentBytes && _length > keepWhenOversized + ChunkSize)
                DropMiddle();
            scanFrom = Math.Max(1, _length - Declaration.Length);
        }
    }

    private int FindBoundary(int from, bool eof)
    {
        var pos = from;
        while (pos < _length)
        {
            var i = _buffer.AsSpan(pos, _length - pos).IndexOf(Declaration);
            if (i < 0) return -1;
            var at = pos + i;
            var next = at + Declaration.Length;
            if (next >= _length) return eof ? at : -1;
            if (_buffer[next] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') return at;
            pos = at + 1;
        }
        return -1;
    }

    private RawDocument? Emit(int end)
    {
        var bytes = _buffer.AsSpan(0, end);
        var lead = 0;
        while (lead < bytes.Length && bytes[lead] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') lead++;
        if (lead == bytes.Length && _dropped == 0) return null;
        _index++;
        var line = _line + bytes[..lead].Count((byte)'\n');
        return new RawDocument(_buffer.AsMemory(lead, end - lead), line, _index, end - lead + _dropped);
    }

    // Removes the first `count` bytes (a finished document) and advances the line counter past them.
    private void Consume(int count, bool emit)
    {
        if (emit) _line += _buffer.AsSpan(0, count).Count((byte)'\n') + _droppedNewlines;
        _buffer.AsSpan(count, _length - count).CopyTo(_buffer);
        _length -= count;
        _dropped = 0;
        _droppedNewlines = 0;
    }

    // Keeps the start of an over-long document (for the rejection's Raw) and the last few bytes
    // (a declaration may straddle the next chunk); forgets the middle.
    private void DropMiddle()
    {
        var keepTail = Declaration.Length;
        var from = keepWhenOversized;
        var count = _length - keepTail - from;
        if (count <= 0) return;
        _droppedNewlines += _buffer.AsSpan(from, count).Count((byte)'\n');
        _dropped += count;
        _buffer.AsSpan(from + count, keepTail).CopyTo(_buffer.AsSpan(from));
        _length = from + keepTail;
    }

    private void EnsureFree(int free)
    {
        if (_buffer.Length - _length >= free) return;
        Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + free));
    }
}
