using Search.Indexer.Engine;
using Search.Indexer.Records;

namespace Search.Indexer.Tests.Engine;

public sealed class QuerySyntaxTests
{
    private static string P(string text) => QuerySyntax.Parse(text).ToString();

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Parse_blank_text_matches_everything(string? text) =>
        Assert.IsType<MatchAllNode>(QuerySyntax.Parse(text));

    [Fact]
    public void Parse_single_word_is_one_term() =>
        Assert.Equal(new TermNode(QueryField.Default, "无人机"), QuerySyntax.Parse("无人机"));

    [Fact]
    public void Parse_words_separated_by_spaces_are_anded_implicitly() =>
        Assert.Equal("(+无人机 +巡检)", P("无人机 巡检"));

    [Fact]
    public void Parse_or_binds_looser_than_and() =>
        Assert.Equal("((+a +b) c)", P("a AND b OR c"));

    [Fact]
    public void Parse_not_and_minus_exclude_terms()
    {
        Assert.Equal("(+电池 -锂)", P("电池 NOT 锂"));
        Assert.Equal("(+电池 -锂)", P("电池 -锂"));
        Assert.Equal("(+电池 +锂)", P("+电池 +锂"));
    }

    [Fact]
    public void Parse_parentheses_group_alternatives() =>
        Assert.Equal("(+(无人机 飞行器) +巡检)", P("(无人机 OR 飞行器) 巡检"));

    [Fact]
    public void Parse_quoted_text_is_a_phrase() =>
        Assert.Equal("(+\"lithium battery\" +title:drone)", P("\"lithium battery\" title:drone"));

    [Theory]
    [InlineData("电池^3", "电池^3")]
    [InlineData("\"储能 系统\"^0.5 OR 电池", "(\"储能 系统\"^0.5 电池)")]
    [InlineData("(无人机 OR 飞行器)^2 巡检", "(+(无人机 飞行器)^2 +巡检)")]
    [InlineData("title:电池^4", "title:电池^4")]
    [InlineData("电池＾2", "电池^2")]
    public void Parse_caret_weighs_the_term_or_group(string text, string expected) => Assert.Equal(expected, P(text));

    [Theory]
    [InlineData("电池^", "'^' at position 3 must be followed by a weight")]
    [InlineData("电池^x", "'^' at position 3 must be followed by a weight")]
    [InlineData("电池^0", "'^' at position 3 must be followed by a weight")]
    [InlineData("电池^101", "'^' at position 3 must be followed by a weight")]
    [InlineData("电池^2x", "Unexpected 'x' after the weight at position 3")]
    public void Parse_bad_weight_says_where_and_what(string text, string message) =>
        Assert.Contains(message, Assert.Throws<QuerySyntaxException>(() => QuerySyntax.Parse(text)).Message, StringComparison.Ordinal);

    [Fact]
    public void Parse_full_width_operators_and_Chinese_quotes_work_like_ascii()
    {
        Assert.Equal(P("title:(无人机 OR \"飞行 器\")"), P("title：（无人机 OR ＂飞行 器＂）"));
        Assert.Equal("\"储能 系统\"", P("“储能 系统”"));
        Assert.Equal("(+无人机 +巡检)", P("无人机、巡检"));
    }

    [Theory]
    [InlineData("title:电池", "title:电池")]
    [InlineData("标题:电池", "title:电池")]
    [InlineData("abstract:电池", "abstract:电池")]
    [InlineData("摘要:电池", "abstract:电池")]
    [InlineData("claim:电池", "claim:电池")]
    [InlineData("applicant:大数据研究院", "applicant:大数据研究院")]
    [InlineData("申请人：中科大数据研究院", "applicant:中科大数据研究院")]
    [InlineData("发明人:王元卓", "inventor:王元卓")]
    [InlineData("country:cn", "country:CN")]
    [InlineData("type:utilityModel", "type:utilityModel")]
    [InlineData("type:实用新型", "type:utilityModel")]
    [InlineData("status:有权", "status:inForce")]
    [InlineData("status:INFORCE", "status:inForce")]
    public void Parse_field_aliases_name_the_canonical_field(string text, string expected) =>
        Assert.Equal(expected, P(text));

    [Theory]
    [InlineData("ipc:H01L", "ipc:H01L")]
    [InlineData("ipc:h01l21", "ipc:H01L21/00")]
    [InlineData("ipc:H01L21/02", "ipc:H01L21/02")]
    [InlineData("ipc:\"H01L 21/02\"", "ipc:H01L21/02")]
    [InlineData("ipc:H01L*", "ipc:H01L")]
    [InlineData("cpc:B64U", "cpc:B64U")]
    public void Parse_ipc_and_cpc_become_hierarchy_levels(string text, string expected) =>
        Assert.Equal(expected, P(text));

    [Fact]
    public void Parse_status_without_right_expands_to_every_ended_status() =>
        Assert.Equal("(status:lapsed status:expired status:withdrawn status:invalidated)", P("status:无权"));

    [Theory]
    [InlineData("ad:[2020 TO 2023]", "ad:[20200101 TO 20231231]")]
    [InlineData("pd:[20200101 TO 20230630]", "pd:[20200101 TO 20230630]")]
    [InlineData("pd:{2020 TO 2023}", "pd:[20210101 TO 20221231]")]
    [InlineData("pd:[2020-03-01 TO *]", "pd:[20200301 TO *]")]
    [InlineData("pd:>=2021", "pd:[20210101 TO *]")]
    [InlineData("pd:>2021", "pd:[20220101 TO *]")]
    [InlineData("gd:<=202106", "gd:[* TO 20210630]")]
    [InlineData("gd:<2021", "gd:[* TO 20201231]")]
    [InlineData("公开日:2022", "pd:[20220101 TO 20221231]")]
    [InlineData("pd:[2020 to 2023]", "pd:[20200101 TO 20231231]")]
    public void Parse_date_ranges_become_inclusive_day_bounds(string text, string expected) =>
        Assert.Equal(expected, P(text));

    [Fact]
    public void Parse_patent_number_field_parses_any_written_form()
    {
        Assert.Equal(new NumberNode(new PatentNumber("US", "7123456", "B2")), QuerySyntax.Parse("pn:\"US 7,123,456 B2\""));
        Assert.Equal("pn:CN202223220665", P("申请号:CN202223220665.2"));
    }

    [Fact]
    public void Parse_word_that_is_a_patent_number_also_matches_the_number() =>
        Assert.Equal("(CN218751475U pn:CN218751475U)", P("CN218751475U"));

    [Fact]
    public void Parse_whole_query_written_as_number_with_spaces_also_matches_the_number()
    {
        var node = Assert.IsType<BooleanNode>(QuerySyntax.Parse("EP 2906782 A2"));
        Assert.Contains(node.Clauses, c => c.Node == new NumberNode(new PatentNumber("EP", "2906782", "A2")));
    }

    [Fact]
    public void Parse_trailing_star_is_a_prefix() =>
        Assert.Equal("(+batter* +title:排水*)", P("batter* title:排水*"));

    [Fact]
    public void Parse_field_group_applies_the_field_to_every_word() =>
        Assert.Equal("(+title:无人机 -title:垃圾)", P("title:(无人机 -垃圾)"));

    [Fact]
    public void Parse_only_negative_clauses_keeps_them_as_exclusions() =>
        Assert.Equal("(-垃圾)", P("-垃圾"));

    [Theory]
    [InlineData("(无人机 巡检", "Missing ')'", 1, "(")]
    [InlineData("无人机 巡检)", "Unmatched ')'", 7, ")")]
    [InlineData("\"无人机 巡检", "Unterminated quote", 1, "\"")]
    [InlineData("titel:电池", "Unknown field 'titel'", 1, "titel")]
    [InlineData("电池 AND", "nothing on its right", 4, "AND")]
    [InlineData("OR 电池", "nothing on its left", 1, "OR")]
    [InlineData("电池 OR", "nothing on its right", 4, "OR")]
    [InlineData("AND 电池", "nothing on its left", 1, "AND")]
    [InlineData("()", "Empty parentheses", 1, "()")]
    [InlineData("title:", "has no value", 1, "title:")]
    [InlineData("title: 电池", "has no value", 1, "title:")]
    [InlineData("pd:[2020 TO]", "should read [FROM TO TO]", 4, "[2020 TO]")]
    [InlineData("pd:[2023 TO 2020]", "is empty", 4, "[2023 TO 2020]")]
    [InlineData("pd:[2020 TO 2023", "is not closed", 4, "[")]
    [InlineData("pd:20231340", "is not a date", 4, "20231340")]
    [InlineData("ipc:XYZ", "is not an IPC/CPC symbol", 5, "XYZ")]
    [InlineData("pn:hello", "is not a patent number", 4, "hello")]
    [InlineData("type:gadget", "is not a document type", 6, "gadget")]
    [InlineData("title:[a TO b]", "only allowed on ad:, pd: and gd:", 7, "[")]
    [InlineData("*电池", "Wildcards are only allowed at the end", 1, "*电池")]
    [InlineData("电池 NOT", "nothing to negate", 4, "NOT")]
    [InlineData("电池 - 锂", "must be followed by a term", 4, "-")]
    [InlineData("title:(abstract:电池)", "inside another field", 8, "abstract")]
    public void Parse_bad_syntax_throws_with_position_and_token(string text, string message, int position, string token)
    {
        var e = Assert.Throws<QuerySyntaxException>(() => QuerySyntax.Parse(text));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Contains($"'{text}'", e.Message, StringComparison.Ordinal);
        Assert.Equal(position, e.Position);
        Assert.Equal(token, e.Token);
    }

    [Fact]
    public void Parse_full_width_query_reports_positions_of_the_typed_text()
    {
        var e = Assert.Throws<QuerySyntaxException>(() => QuerySyntax.Parse("无人机 （巡检"));
        Assert.Equal(5, e.Position);
    }

    [Fact]
    public void ValueName_of_enums_is_camel_case()
    {
        Assert.Equal("inForce", QuerySyntax.ValueName(LegalStatus.InForce));
        Assert.Equal("utilityModel", QuerySyntax.ValueName(DocumentType.UtilityModel));
        Assert.Equal("university", QuerySyntax.ValueName(PartyType.University));
    }
}
