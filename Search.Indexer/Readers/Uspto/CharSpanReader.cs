namespace Search.Indexer.Readers.Uspto;

/// <summary>A <see cref="TextReader"/> over part of a reused char buffer, so a document is parsed without copying it into a string.</summary>
internal sealed class CharSpanReader(char[] buffer, int length) : TextReader
{
    private int _position;

    public override int Peek() => _position < length ? buffer[_position] : -1;

    public override int Read() => _position < length ? buffer[_position++] : -1;

    public override int Read(char[] target, int index, int count) => Read(target.AsSpan(index, count));

    public override int Read(Span<char> target)
    {
        var n = Math.Min(target.Length, length - _position);
        if (n <= 0) return 0;
        buffer.AsSpan(_position, n).CopyTo(target);
        _position += n;
        return n;
    }
}
