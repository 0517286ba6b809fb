using Analytics.Matching.Evaluation;
using Analytics.Taxonomy;
using Analytics.Tests.Support;
using Search.Indexer.Records;

namespace Analytics.Tests.Matching;

public sealed class JudgedNeedsFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static IReadOnlyList<PatentRecord> Corpus() =>
    [
        .. Samples.Read(Samples.TitlesCsv).Take(50),
        .. Samples.Read(Path.Combine(AppContext.BaseDirectory, "SharedTestData", "cn-export-by-application", "cn_applications_minimal.csv")),
    ];

    private string Write(string json)
    {
        var path = _folder.File("judged.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Resolve_finds_patents_by_any_written_publication_or_application_number()
    {
        // CN114081026A is the first title of the sample; CN202223220665 is keyed by its application number (申请号 only).
        var path = Write("""
            {"needs": [{"id": "n1", "title": "驱鸟", "description": "输电线路驱鸟",
              "relevant": {"CN114081026A": 2, "114081026": 1, "CN 114081026": 1, "CN114081026B": 1,
                           "CN202223220665.2": 2, "ZL202223220665.2": 1, "202223220665.2": 1, "CN202223220665": 1}}]}
            """);

        var resolved = JudgedNeedsFile.Resolve(JudgedNeedsFile.Read(path), Corpus());

        Assert.Empty(resolved.Unknown);
        Assert.Equal(8, resolved.Judgements);
        var need = Assert.Single(resolved.Needs);
        Assert.Equal("hand:n1", need.Id);
        Assert.Equal(new Dictionary<string, int> { ["CN114081026A"] = 2, ["CN202223220665"] = 2 }, need.Relevant);
    }

    [Fact]
    public void Resolve_counts_and_reports_unknown_patents_with_their_line_and_keeps_grade_zero_out_of_the_relevant()
    {
        var path = Write("""
            {"needs": [
              {"id": "n1", "title": "驱鸟",
               "relevant": {
                 "CN114081026A": 0,
                 "CN999999999A": 2,
                 "CN215667380U": 1
               }}]}
            """);

        var resolved = JudgedNeedsFile.Resolve(JudgedNeedsFile.Read(path), Corpus());

        Assert.Equal([new UnknownJudgement("n1", "CN999999999A", 5)], resolved.Unknown);
        Assert.Equal(new Dictionary<string, int> { ["CN215667380U"] = 1 }, Assert.Single(resolved.Needs).Relevant);
        Assert.Equal(3, resolved.Judgements);
    }

    [Theory]
    [InlineData("3", "grade of 'CN114081026A' is 3; expected 0 (not relevant), 1 (partly relevant) or 2 (relevant)")]
    [InlineData("\"high\"", "grade of 'CN114081026A' is \"high\"; expected 0")]
    [InlineData("1.5", "grade of 'CN114081026A' is 1.5; expected 0")]
    public void Read_refuses_a_malformed_grade_naming_file_line_need_and_what_was_expected(string grade, string expected)
    {
        var path = Write($$"""
            {"needs": [
              {"id": "n1", "title": "驱鸟",
               "relevant": {"CN215667380U": 1,
                 "CN114081026A": {{grade}} } } ] }
            """);

        var e = Assert.Throws<InvalidDataException>(() => JudgedNeedsFile.Read(path));

        Assert.StartsWith($"{path}:4: need 'n1': {expected}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_refuses_a_number_that_is_no_patent_number_naming_its_line()
    {
        var path = Write("""
            {"needs": [{"id": "n1", "title": "驱鸟",
              "relevant": {"see above": 1}}]}
            """);

        var e = Assert.Throws<InvalidDataException>(() => JudgedNeedsFile.Read(path));

        Assert.StartsWith($"{path}:2: need 'n1': 'see above' is not a patent number", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_of_broken_json_names_the_line_and_the_layout_expected()
    {
        var path = Write("{\"needs\": [\n{\"id\": \"n1\",\n\"relevant\": {\"CN1A\": 1,,}}]}");

        var e = Assert.Throws<InvalidDataException>(() => JudgedNeedsFile.Read(path));

        Assert.StartsWith($"{path}:3: not valid JSON", e.Message, StringComparison.Ordinal);
        Assert.Contains("\"relevant\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_refuses_a_need_without_id_and_a_file_without_needs()
    {
        var noId = Assert.Throws<InvalidDataException>(() => JudgedNeedsFile.Read(Write("""{"needs": [{"title": "t", "relevant": {}}]}""")));
        Assert.EndsWith(":1: a need has no \"id\"; expected a short name such as \"H1-pv-cleaning\".", noId.Message, StringComparison.Ordinal);
        var noNeeds = Assert.Throws<InvalidDataException>(() => JudgedNeedsFile.Read(Write("""{"about": "x"}""")));
        Assert.Contains("no \"needs\" array", noNeeds.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluation_marks_the_shipped_configuration_and_reports_judged_patents_the_corpus_lacks()
    {
        var corpus = Samples.Read(Samples.TitlesCsv).Take(300).Concat(Samples.Read(Path.Combine(Samples.Folder, "cn-export", "cn_export_utf8_bom.csv"))).ToList();
        var path = Write("""
            {"needs": [{"id": "n1", "title": "输电线路驱鸟装置", "description": "高压输电线路上鸟类筑巢造成跳闸，希望找到驱鸟装置。",
              "relevant": {"114081026": 2, "CN999999999A": 1}}]}
            """);
        var judged = JudgedNeedsFile.Resolve(JudgedNeedsFile.Read(path), corpus);

        var report = await MatchingEvaluation.RunAsync(corpus, judged, _folder.File("work"), IndustryTaxonomy.Default);

        Assert.Equal(["shipped", "shipped"], report.Runs.Where(r => r.Shipped).Select(r => r.Configuration));
        Assert.Equal(["derived", "hand-judged"], report.Runs.Where(r => r.Shipped).Select(r => r.Collection));
        Assert.Equal([new UnknownJudgement("n1", "CN999999999A", 2)], report.UnknownJudgements);
        Assert.Equal(2, report.Judgements);
    }

    public void Dispose() => _folder.Dispose();
}
