using System.Text;
using Search.Indexer.Readers.Uspto;
using Search.Indexer.Tests.Support;

namespace Search.Indexer.Tests.Readers.Uspto;

/// <summary>Telling a USPTO bulk file from other inputs by its first bytes.</summary>
public class UsptoFormatDetectionTests
{
    private static byte[] Head(string path) => File.ReadAllBytes(path).Take(64 * 1024).ToArray();

    [Theory]
    [InlineData("ipg050104.small.xml")]
    [InlineData("ipg100824-hyphenated.xml")]
    [InlineData("ipa061228.one.xml")]
    [InlineData("pa040101.two.xml")]
    public void LooksLike_real_uspto_file_is_true(string file) =>
        Assert.True(UsptoXmlReader.LooksLike(Head(UsptoSamples.PathOf(file))));

    [Fact]
    public void LooksLike_uspto_file_with_bom_is_true() =>
        Assert.True(UsptoXmlReader.LooksLike([.. Encoding.UTF8.GetPreamble(), .. Head(UsptoSamples.PathOf("ipa061228.one.xml"))]));

    [Fact]
    public void LooksLike_root_element_without_doctype_is_true() =>
        Assert.True(UsptoXmlReader.LooksLike("<?xml version=\"1.0\"?>\n<!-- weekly file -->\n<us-patent-application lang=\"EN\">"u8));

    [Fact]
    public void LooksLike_epo_ops_xml_is_false()
    {
        var epo = TestFiles.In("epo-ops-xml", "*.xml").First();

        Assert.False(UsptoXmlReader.LooksLike(Head(epo)));
    }

    [Fact]
    public void LooksLike_Chinese_csv_export_is_false() =>
        Assert.False(UsptoXmlReader.LooksLike(Head(TestFiles.File("cn-export", "cn_export_utf8_bom.csv"))));

    [Fact]
    public void LooksLike_root_that_only_mentions_a_uspto_name_is_false() =>
        Assert.False(UsptoXmlReader.LooksLike("<?xml version=\"1.0\"?><wrapper><us-patent-grant/></wrapper>"u8));

    [Fact]
    public void LooksLike_binary_or_empty_is_false()
    {
        Assert.False(UsptoXmlReader.LooksLike([]));
        Assert.False(UsptoXmlReader.LooksLike([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00]));
    }
}
