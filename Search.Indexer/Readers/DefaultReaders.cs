using Search.Indexer.Loading;
using Search.Indexer.Readers.ChineseExport;
using Search.Indexer.Readers.Docdb;
using Search.Indexer.Readers.JsonLines;
using Search.Indexer.Readers.Uspto;

namespace Search.Indexer.Readers;

/// <summary>The readers the product ships, in the order format detection tries them (the most specific signature first).</summary>
public static class DefaultReaders
{
    public static ReaderCatalog Catalog { get; } = Create();

    private static ReaderCatalog Create()
    {
        ReaderCatalog? catalog = null;
        var readers = new List<ReaderRegistration>
        {
            new(QuarantineReader.FormatName, "quarantine files (to reload fixed records)", QuarantineReader.LooksLike, () => new QuarantineReader(catalog!)),
            new(JsonLinesReader.FormatName, "JSON Lines export", JsonLinesReader.LooksLike, () => new JsonLinesReader()),
            new(ChineseExportExcelReader.XlsxFormat, "Excel export (.xlsx/.xls)", ChineseExportExcelReader.LooksLike, () => new ChineseExportExcelReader()),
            new(UsptoXmlReader.FormatName, "USPTO full-text XML", UsptoXmlReader.LooksLike, () => new UsptoXmlReader()),
            new(DocdbMapper.Format, "EPO OPS/DOCDB XML", DocdbXmlReader.LooksLike, () => new DocdbXmlReader()),
            new(ChineseExportCsvReader.FormatName, "Chinese patent-database export CSV (UTF-8/GB18030)", ChineseExportCsvReader.LooksLike, () => new ChineseExportCsvReader()),
        };
        catalog = new ReaderCatalog(readers);
        return catalog;
    }
}
