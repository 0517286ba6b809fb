using System.Collections.Frozen;
using System.Reflection;

namespace Search.Indexer.Readers;

/// <summary>
/// Every reason a loader gives for rejecting a record or a file, in one place: each reader and the loader build
/// their reasons from these templates only, so <see cref="All"/> is the complete list a translation must cover.
/// A code never changes once shipped (quarantine files keep it); the English may improve.
/// </summary>
public static class RejectionReasons
{
    /// <summary>Text kept as written: a reason stored before reasons had codes.</summary>
    public static readonly RejectionTemplate AsWritten = new("as-written", "{0}");
    /// <summary>Two reasons (or a subject and a reason) side by side.</summary>
    public static readonly RejectionTemplate Pair = new("pair", "{0}: {1}");

    // Values every format shares: numbers, dates, classification symbols.
    public static readonly RejectionTemplate NumberEmpty = new("number.empty", "empty patent number");
    public static readonly RejectionTemplate NumberInvalid = new("number.invalid", "'{0}' is not a patent number (expected country code, digits and an optional kind code, e.g. CN218751475U, US7123456B2, EP2906782A2)");
    public static readonly RejectionTemplate NumberNoCountry = new("number.no-country", "'{0}' has no country code (expected e.g. CN, US, EP, WO before the number)");
    public static readonly RejectionTemplate DateInvalid = new("date.invalid", "'{0}' is not a date (expected YYYYMMDD, YYYY-MM-DD, YYYY.MM.DD or YYYY/M/D)");
    public static readonly RejectionTemplate ClassificationEmpty = new("classification.empty", "empty classification symbol");
    public static readonly RejectionTemplate ClassificationInvalid = new("classification.invalid", "'{0}' is not an IPC/CPC symbol (expected e.g. H01L21/02, H01L 21/02 or H01L0021020000)");

    // The loader and format detection.
    public static readonly RejectionTemplate FileNotFound = new("file.not-found", "{0}: file not found");
    public static readonly RejectionTemplate ReadingStopped = new("file.reading-stopped", "reading stopped after {0} records: {1}");
    public static readonly RejectionTemplate FileEmpty = new("file.empty", "the file is empty");
    public static readonly RejectionTemplate FileBinary = new("file.binary", "the file is binary, not a patent data file (known formats: {0})");
    public static readonly RejectionTemplate FileXmlRootUnreadable = new("file.xml-root-unreadable", "the file is XML but its root element could not be read (known formats: {0})");
    public static readonly RejectionTemplate FileXmlRootUnknown = new("file.xml-root-unknown", "the file is XML with root element <{0}>, which is not a known patent format (known formats: {1})");
    public static readonly RejectionTemplate FileUnrecognised = new("file.unrecognised", "the file's content was not recognised; its first line is \"{0}\" (known formats: {1})");

    // Quarantine files loaded again.
    public static readonly RejectionTemplate QuarantineNotAnEntry = new("quarantine.not-an-entry", "not a quarantine entry: {0}");
    public static readonly RejectionTemplate QuarantineUnknownFormat = new("quarantine.unknown-format", "unknown original format '{0}'; {1}");
    public static readonly RejectionTemplate QuarantineStillBad = new("quarantine.still-bad", "{0} (still bad at {1}:{2})");

    // Chinese (and English) database exports, CSV and Excel.
    public static readonly RejectionTemplate ExportEmpty = new("export.empty", "empty file");
    public static readonly RejectionTemplate ExportIsExcel = new("export.is-excel", "this is an Excel workbook (xlsx/xls), not CSV text; read it with the cn-export-xlsx reader");
    public static readonly RejectionTemplate ExportBinary = new("export.binary", "binary file: it holds NUL or control bytes and decodes to no header row in UTF-8, GB18030, UTF-16 or Big5; expected a CSV export");
    public static readonly RejectionTemplate ExportNoHeader = new("export.no-header", "no known column found in the first {0} lines; expected a header row with e.g. 公开号/申请号/publication_number");
    public static readonly RejectionTemplate ExportNoHeaderInAnySheet = new("export.no-header-in-any-sheet", "no known column found in the first {0} lines of any sheet ({1}); expected a header row with e.g. 公开号/申请号/publication_number");
    public static readonly RejectionTemplate ExportNoNumberColumn = new("export.no-number-column", "the header (line {0}) has no publication- or application-number column; expected 公开号, 公开（公告）号, 授权公告号, 申请号 or publication_number");
    public static readonly RejectionTemplate ExportNoNumberColumnInSheet = new("export.no-number-column-in-sheet", "the header (sheet '{0}' row {1}) has no publication- or application-number column; expected 公开号, 公开（公告）号, 授权公告号, 申请号 or publication_number");
    public static readonly RejectionTemplate ExportNoNumber = new("export.no-number", "no publication or application number: column '{0}' is empty");
    public static readonly RejectionTemplate CsvReadingStopped = new("csv.reading-stopped", "reading stopped after line {0}: {1}");
    public static readonly RejectionTemplate CsvFieldCount = new("csv.field-count", "found {0} fields, expected {1} as in the header; a delimiter or quote in this row is probably broken");
    public static readonly RejectionTemplate CsvFieldCountBrokenQuote = new("csv.field-count-broken-quote", "found {0} fields, expected {1} as in the header ({2}: a quote in this row is broken)");
    public static readonly RejectionTemplate CsvInvalidBytes = new("csv.invalid-bytes", "bytes that are not valid {0} (the encoding chosen for this file) in '{1}'; re-save the row in the file's encoding");
    public static readonly RejectionTemplate ExcelNotWorkbook = new("excel.not-workbook", "not an Excel workbook: expected an xlsx (zip, starting PK) or xls (OLE2, starting D0 CF 11 E0) file");
    public static readonly RejectionTemplate ExcelCannotOpen = new("excel.cannot-open", "the workbook cannot be opened: {0}");
    public static readonly RejectionTemplate ExcelRowUnreadable = new("excel.row-unreadable", "sheet '{0}' row {1} cannot be read: {2}");

    // JSON Lines.
    public static readonly RejectionTemplate JsonLinesBinary = new("jsonl.binary", "not a JSON Lines file: the content is binary (NUL bytes on the first line)");
    public static readonly RejectionTemplate JsonLinesEmpty = new("jsonl.empty", "empty file: no JSON lines to read");
    public static readonly RejectionTemplate JsonInvalid = new("jsonl.invalid-json", "invalid JSON at character {0}: {1}");
    public static readonly RejectionTemplate JsonNotAnObject = new("jsonl.not-an-object", "expected one JSON object per line, found {0}");
    public static readonly RejectionTemplate JsonMissingNumber = new("jsonl.missing-number", "missing publicationNumber (expected {{\"country\":\"CN\",\"number\":\"218751475\",\"kind\":\"U\"}})");
    public static readonly RejectionTemplate JsonNumberNotAnObject = new("jsonl.number-not-an-object", "publicationNumber must be an object with country, number and kind, found {0}");
    public static readonly RejectionTemplate JsonNumberPartEmpty = new("jsonl.number-part-empty", "publicationNumber.{0} must be a non-empty string");
    public static readonly RejectionTemplate JsonNotARecord = new("jsonl.not-a-record", "not a patent record: {0}");
    public static readonly RejectionTemplate JsonWrongValue = new("jsonl.wrong-value", "wrong value for {0}: {1}");
    public static readonly RejectionTemplate JsonAnArray = new("jsonl.kind.array", "an array");
    public static readonly RejectionTemplate JsonAString = new("jsonl.kind.string", "a string");
    public static readonly RejectionTemplate JsonANumber = new("jsonl.kind.number", "a number");
    public static readonly RejectionTemplate JsonABoolean = new("jsonl.kind.boolean", "a boolean");

    // USPTO bulk XML.
    public static readonly RejectionTemplate UsptoZip = new("uspto.zip", "the file is a ZIP archive, not USPTO XML: unzip it and load the .xml inside");
    public static readonly RejectionTemplate UsptoGzip = new("uspto.gzip", "the file is gzip-compressed, not USPTO XML: decompress it first");
    public static readonly RejectionTemplate UsptoUtf16 = new("uspto.utf16", "the file is UTF-16; USPTO bulk files are UTF-8");
    public static readonly RejectionTemplate UsptoNulBytes = new("uspto.nul-bytes", "the file is binary (it holds NUL bytes), not USPTO XML");
    public static readonly RejectionTemplate UsptoControlBytes = new("uspto.control-bytes", "the file is binary (mostly control bytes), not USPTO XML");
    public static readonly RejectionTemplate UsptoEmpty = new("uspto.empty", "the file is empty: it holds no USPTO XML document");
    public static readonly RejectionTemplate UsptoOversized = new("uspto.oversized", "document is {0} bytes, more than the {1} bytes a document may have; it was skipped");
    public static readonly RejectionTemplate UsptoNoRoot = new("uspto.no-root", "the document has no root element");
    public static readonly RejectionTemplate UsptoUnknownRoot = new("uspto.unknown-root", "unknown root element <{0}> (expected {1})");
    public static readonly RejectionTemplate UsptoTruncated = new("uspto.truncated", "document is truncated: it ends before </{0}> (file line {1}: {2})");
    public static readonly RejectionTemplate UsptoMalformed = new("uspto.malformed", "malformed XML at file line {0}: {1}");
    public static readonly RejectionTemplate UsptoUnmappable = new("uspto.unmappable", "{0} could not be mapped: {1}");
    public static readonly RejectionTemplate UsptoVersionNotSupported = new("uspto.version-not-supported", "{0} is not supported (known {1})");
    public static readonly RejectionTemplate UsptoNoInventionTitle = new("uspto.no-invention-title", "the document has no invention-title");
    public static readonly RejectionTemplate UsptoNoTitleOfInvention = new("uspto.no-title-of-invention", "the document has no title-of-invention");
    public static readonly RejectionTemplate UsptoNoNumber = new("uspto.no-number", "the document has no publication number");
    public static readonly RejectionTemplate UsptoNumberInvalid = new("uspto.number-invalid", "'{0}' is not a publication number (expected e.g. 07123456, D0512345, RE039000, 20060288462)");
    public static readonly RejectionTemplate UsptoNoDate = new("uspto.no-date", "the document has no publication date");

    // EPO DOCDB and OPS XML.
    public static readonly RejectionTemplate DocdbEmpty = new("docdb.empty", "empty file: no XML to read");
    public static readonly RejectionTemplate DocdbOnlyWhitespace = new("docdb.only-whitespace", "empty file: only whitespace, no XML to read");
    public static readonly RejectionTemplate DocdbBinary = new("docdb.binary", "not an XML file: the content is binary (NUL bytes in the first bytes)");
    public static readonly RejectionTemplate DocdbNotXml = new("docdb.not-xml", "not an XML file: it starts with '{0}' (expected '<?xml' or '<ops:world-patent-data')");
    public static readonly RejectionTemplate DocdbUnsupportedEncoding = new("docdb.unsupported-encoding", "unsupported encoding '{0}' in the XML declaration");
    public static readonly RejectionTemplate DocdbWrongRoot = new("docdb.wrong-root", "not an EPO OPS or DOCDB exchange file: the root element is <{0}> (expected ops:world-patent-data, exchange-documents or exchange-document)");
    public static readonly RejectionTemplate DocdbNotWellFormed = new("docdb.not-well-formed", "not well-formed XML (line {0}, position {1}: {2})");
    public static readonly RejectionTemplate DocdbBreaks = new("docdb.breaks", "the XML breaks (line {0}, position {1}: {2}); the file is truncated or damaged, so reading stops here");
    public static readonly RejectionTemplate DocdbBreaksAfter = new("docdb.breaks-after", "the XML breaks after document {0} (line {1}, position {2}: {3}); the file is truncated or damaged, so reading stops here");
    public static readonly RejectionTemplate DocdbBreaksInside = new("docdb.breaks-inside", "the XML breaks inside this {0} (line {1}, position {2}: {3}); the file is truncated or damaged, so reading stops here");
    public static readonly RejectionTemplate DocdbNothingToLoad = new("docdb.nothing-to-load", "not a bibliographic document: {0} holds no patent record; skipped");
    public static readonly RejectionTemplate DocdbNumberService = new("docdb.response.number-service", "an OPS number-service response (a number format conversion)");
    public static readonly RejectionTemplate DocdbImagesInquiry = new("docdb.response.images-inquiry", "an OPS images inquiry (page counts and image links)");
    public static readonly RejectionTemplate DocdbRegister = new("docdb.response.register", "an EP Register response (reg: namespace; this reader does not load register data)");
    public static readonly RejectionTemplate DocdbBiblioSearch = new("docdb.response.biblio-search", "an OPS search result listing publication numbers only (request it with the biblio constituent to get records)");
    public static readonly RejectionTemplate DocdbFamilyWithoutMembers = new("docdb.response.family-without-members", "an OPS family or legal response without family members");
    public static readonly RejectionTemplate DocdbFulltextWithoutDocuments = new("docdb.response.fulltext-without-documents", "an OPS full-text response without documents");
    public static readonly RejectionTemplate DocdbEmptyExchangeFile = new("docdb.response.empty-exchange-file", "an empty exchange file");
    public static readonly RejectionTemplate DocdbOtherResponse = new("docdb.response.other", "a response whose content is <{0}>");
    public static readonly RejectionTemplate DocdbNoBibliographicData = new("docdb.no-bibliographic-data", "the exchange-document has no bibliographic-data (nothing to load)");
    public static readonly RejectionTemplate DocdbNoBibliographicDataWithStatus = new("docdb.no-bibliographic-data-with-status", "the exchange-document has no bibliographic-data (status '{0}')");
    public static readonly RejectionTemplate DocdbDeletion = new("docdb.deletion", "the exchange-document is a DOCDB deletion (status D), not a record to load");
    public static readonly RejectionTemplate DocdbFulltextDescription = new("docdb.fulltext-description", "an OPS full-text description of {0}: the product stores no description text, so there is nothing to load (skipped)");
    public static readonly RejectionTemplate DocdbFulltextWithoutClaims = new("docdb.fulltext-without-claims", "an OPS full-text document without claims of {0}: the product stores no description text, so there is nothing to load (skipped)");
    public static readonly RejectionTemplate DocdbNoClaimText = new("docdb.no-claim-text", "the claims of {0} hold no claim text");
    public static readonly RejectionTemplate DocdbNoNumber = new("docdb.no-number", "no publication number: expected publication-reference/document-id[@document-id-type='docdb'] with country and doc-number (or country/doc-number attributes on exchange-document)");
    public static readonly RejectionTemplate DocdbNumberInvalid = new("docdb.number-invalid", "'{0} {1} {2}' is not a publication number (expected a two-letter country and a doc-number with digits)");
    public static readonly RejectionTemplate DocdbLegalEventWithoutCode = new("docdb.legal-event-without-code", "a legal event without a code");

    // Elasticsearch, when a bulk write refuses a record.
    public static readonly RejectionTemplate ElasticsearchRefused = new("elasticsearch.refused", "Elasticsearch refused the document ({0}): {1}");

    private static readonly FrozenDictionary<string, RejectionTemplate> ByCode = typeof(RejectionReasons)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(RejectionTemplate))
        .Select(f => (RejectionTemplate)f.GetValue(null)!)
        .ToFrozenDictionary(t => t.Code, StringComparer.Ordinal);

    /// <summary>Every template declared above.</summary>
    public static IReadOnlyCollection<RejectionTemplate> All => ByCode.Values;

    public static RejectionTemplate? Find(string code) => ByCode.GetValueOrDefault(code);
}
