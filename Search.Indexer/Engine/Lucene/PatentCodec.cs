using Lucene.Net.Codecs;
using Lucene.Net.Codecs.Compressing;
using Lucene.Net.Codecs.Lucene46;

namespace Search.Indexer.Engine.Lucene;

/// <summary>
/// The codec the engine writes with: Lucene 4.6 in everything but stored fields, which it deflates
/// (<see cref="CompressionMode.HIGH_COMPRESSION"/>) instead of compressing them with LZ4, in chunks of the same 16 KB.
/// The stored record JSON was the index's largest part; deflate takes it down by a quarter, while larger chunks, which
/// would take it down by 45 %, made every whole-record pass (export, labelling) two to three times slower, since each
/// record read inflates its whole chunk (ADR-021). Segments keep the name of the codec that wrote them: those written
/// by <c>Lucene46</c> before still open, and merges rewrite them with this one.
/// </summary>
[CodecName(CodecName)]
public sealed class PatentCodec : FilterCodec
{
    /// <summary>The name written into each segment, by which <see cref="Codec.ForName"/> finds this codec.</summary>
    public const string CodecName = "Patent46";

    /// <summary>Bytes of records compressed together (Lucene 4.6's own stored fields use the same with LZ4).</summary>
    public const int StoredChunkBytes = 16 * 1024;

    private readonly StoredFieldsFormat _storedFields =
        new CompressingStoredFieldsFormat("PatentStoredFields", CompressionMode.HIGH_COMPRESSION, StoredChunkBytes);

    public PatentCodec() : base(new Lucene46Codec())
    {
    }

    public override StoredFieldsFormat StoredFieldsFormat => _storedFields;

    /// <summary>
    /// Makes <see cref="Codec.ForName"/> find this codec (besides Lucene's own) in every reader and writer of the process:
    /// the site, the command line and tests. Idempotent; call before opening any index.
    /// </summary>
    public static void Register() => _ = Registration.Value;

    private static readonly Lazy<bool> Registration = new(() =>
    {
        Codec.SetCodecFactory(new PatentCodecFactory());
        return true;
    });

    private sealed class PatentCodecFactory : DefaultCodecFactory
    {
        protected override void Initialize()
        {
            base.Initialize();
            PutCodecType(typeof(PatentCodec));
        }
    }
}
