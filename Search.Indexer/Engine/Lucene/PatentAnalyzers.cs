using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace Search.Indexer.Engine.Lucene;

/// <summary>
/// The analysers per field, built once and shared by the writer, the query translator and the
/// highlighter (Lucene analysers reuse their token streams per thread).
/// </summary>
internal sealed class PatentAnalyzers : IDisposable
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    public PatentAnalyzers()
    {
        Chinese = new SmartChineseAnalyzer(Version);
        Bigrams = new CjkBigramAnalyzer();
        English = new EnglishAnalyzer(Version);
        var map = new Dictionary<string, Analyzer>(StringComparer.Ordinal)
        {
            [PatentFields.ApplicantText] = Bigrams,
            [PatentFields.InventorText] = Bigrams,
        };
        foreach (var f in PatentFields.TextFamilies)
        {
            map[f.ChineseWords] = Chinese;
            map[f.ChineseBigrams] = Bigrams;
            map[f.English] = English;
        }
        // Everything else is a keyword field (StringField), which is never analysed.
        PerField = new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), map);
    }

    public Analyzer Chinese { get; }
    public Analyzer Bigrams { get; }
    public Analyzer English { get; }
    public Analyzer PerField { get; }

    public void Dispose()
    {
        PerField.Dispose();
        Chinese.Dispose();
        Bigrams.Dispose();
        English.Dispose();
    }

    /// <summary>
    /// Standard tokenisation, width folding, lower case, then overlapping CJK bigrams (a lone CJK
    /// character stays a unigram). No stop words: names and short Chinese words must survive.
    /// </summary>
    private sealed class CjkBigramAnalyzer : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var source = new StandardTokenizer(Version, reader);
            TokenStream result = new CJKWidthFilter(source);
            result = new LowerCaseFilter(Version, result);
            result = new CJKBigramFilter(result);
            return new TokenStreamComponents(source, result);
        }

        // Separate values of a multi-valued field (two applicants) so a phrase never spans them.
        public override int GetPositionIncrementGap(string fieldName) => 100;
    }
}
