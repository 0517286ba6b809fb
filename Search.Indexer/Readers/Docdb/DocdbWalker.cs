using System.Xml;
using System.Xml.Linq;
using Search.Indexer.Records;

namespace Search.Indexer.Readers.Docdb;

/// <summary>
/// Walks one OPS / DOCDB file with a forward-only <see cref="XmlReader"/>, materialising one
/// document subtree at a time (<c>exchange-document</c>, <c>ops:family-member</c>,
/// <c>ftxt:fulltext-document</c>) and turning it into a record or a rejection.
/// </summary>
internal sealed class DocdbWalker : IDisposable
{
    private static readonly HashSet<string> Roots = ["world-patent-data", "exchange-documents", "exchange-document"];

    private readonly XmlReader _xml;
    private readonly IXmlLineInfo _position;
    private readonly RecordingTextReader _text;
    private readonly string _source;
    private readonly int _rawLimit;
    private bool _rootSeen;
    private bool _positioned; // XNode.ReadFrom left the reader on the next node already
    private string? _contentElement;
    private long _contentLine;
    private int _documentIndex;
    private FamilyResponse? _family;

    public DocdbWalker(RecordingTextReader text, string source, int rawLimit)
    {
        _text = text;
        _source = source;
        _rawLimit = rawLimit;
        _xml = XmlReader.Create(text, new XmlReaderSettings
        {
            // DOCDB bulk files name a DTD; it is neither fetched nor applied.
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = false,
        });
        _position = (IXmlLineInfo)_xml;
    }

    /// <summary>Reads on until at least one result is added; false when the file is finished.</summary>
    public bool Next(List<ReadResult> output)
    {
        while (true)
        {
            bool more;
            try
            {
                more = _positioned ? !_xml.EOF : _xml.Read();
                _positioned = false;
            }
            catch (XmlException ex)
            {
                output.Add(Broken(ex));
                FlushFamily(output, complete: false);
                return false;
            }
            if (!more)
            {
                FlushFamily(output, complete: false);
                if (_documentIndex == 0) output.Add(NothingToLoad());
                return false;
            }

            if (_xml.NodeType == XmlNodeType.EndElement && _xml.LocalName == "patent-family")
            {
                FlushFamily(output, complete: true);
                if (output.Count > 0) return true;
                continue;
            }
            if (_xml.NodeType != XmlNodeType.Element) continue;

            if (!_rootSeen)
            {
                _rootSeen = true;
                if (!Roots.Contains(_xml.LocalName))
                {
                    output.Add(FileRejection(_position.LineNumber, _xml.Name, RejectionReasons.DocdbWrongRoot.With(_xml.Name)));
                    return false;
                }
            }
            if (_xml.Depth == 1 && _contentElement is null && _xml.LocalName != "meta")
            {
                _contentElement = _xml.Name;
                _contentLine = _position.LineNumber;
            }

            switch (_xml.LocalName)
            {
                case "exchange-document" or "family-member" or "fulltext-document":
                    if (!ReadDocument(output)) return false;
                    if (output.Count > 0) return true;
                    break;
                case "patent-family":
                    _family = new FamilyResponse(_xml.GetAttribute("legal") == "true");
                    break;
                case "publication-reference" when _family is not null && _xml.NamespaceURI == "http://ops.epo.org":
                    try
                    {
                        _family.Queried = DocdbMapper.QueriedPublication((XElement)XNode.ReadFrom(_xml));
                        _positioned = true;
                    }
                    catch (XmlException ex)
                    {
                        output.Add(Broken(ex));
                        return false;
                    }
                    break;
            }
        }
    }

    /// <returns>False when the XML broke inside the document and reading must stop.</returns>
    private bool ReadDocument(List<ReadResult> output)
    {
        var name = _xml.LocalName;
        var line = _position.LineNumber;
        var column = Math.Max(1, _position.LinePosition - 1); // the '<' before the name
        _text.DropBefore(line, column);
        var index = ++_documentIndex;

        XElement element;
        try
        {
            // A subtree reader stops on the end tag, so a file that breaks right after this
            // document does not take the document down with it.
            using var subtree = _xml.ReadSubtree();
            subtree.MoveToContent();
            element = XElement.Load(subtree, LoadOptions.PreserveWhitespace);
        }
        catch (XmlException ex)
        {
            output.Add(new ReadResult(null, new RecordRejection
            {
                SourceFile = _source,
                Format = DocdbMapper.Format,
                Line = line,
                DocumentIndex = index,
                Field = name,
                Because = RejectionReasons.DocdbBreaksInside.With(name, RejectionArgument.Number(ex.LineNumber), RejectionArgument.Number(ex.LinePosition), RejectionArgument.FromParser(ex.Message)),
                Raw = _text.TextFrom(line, column, _rawLimit),
            }));
            FlushFamily(output, complete: false);
            return false;
        }

        var provenance = new Provenance(_source, DocdbMapper.Format, line, index);
        try
        {
            var record = name switch
            {
                "family-member" => DocdbMapper.MapFamilyMember(element, provenance),
                "fulltext-document" => DocdbMapper.MapFulltextDocument(element, provenance),
                _ => DocdbMapper.MapExchangeDocument(element, provenance),
            };
            if (name == "family-member" && _family is not null) _family.Records.Add(record);
            else output.Add(ReadResult.Ok(record));
        }
        catch (DocdbFieldException ex)
        {
            var raw = element.ToString(SaveOptions.DisableFormatting);
            output.Add(ReadResult.Bad(new RecordRejection
            {
                SourceFile = _source,
                Format = DocdbMapper.Format,
                Line = line,
                DocumentIndex = index,
                Field = ex.Field,
                Because = ex.Reason,
                Raw = raw.Length > _rawLimit ? raw[.._rawLimit] : raw,
            }));
        }
        return true;
    }

    /// <summary>
    /// Emits the members of a family response with the family list filled in. A legal-service
    /// response (legal="true", every member the queried publication) is not a family list, so it
    /// says nothing about family size; nor does a family the file breaks off in.
    /// </summary>
    private void FlushFamily(List<ReadResult> output, bool complete)
    {
        if (_family is null) return;
        var family = _family;
        _family = null;
        var members = family.Records.Select(r => r.Id).Distinct(StringComparer.Ordinal).ToList();
        var legalOnly = family.Legal && family.Queried is { } q && family.Records.TrueForAll(r => r.PublicationNumber.Key == q.Key);
        foreach (var record in family.Records)
        {
            if (complete && !legalOnly)
            {
                record.FamilyMembers = members.Where(m => m != record.Id).ToList();
                record.Counts.FamilySize = members.Count;
            }
            output.Add(ReadResult.Ok(record));
        }
    }

    private ReadResult Broken(XmlException ex)
    {
        var (line, position) = (RejectionArgument.Number(ex.LineNumber), RejectionArgument.Number(ex.LinePosition));
        var reason = !_rootSeen ? RejectionReasons.DocdbNotWellFormed.With(line, position, RejectionArgument.FromParser(ex.Message))
            : _documentIndex == 0 ? RejectionReasons.DocdbBreaks.With(line, position, RejectionArgument.FromParser(ex.Message))
            : RejectionReasons.DocdbBreaksAfter.With(RejectionArgument.Number(_documentIndex), line, position, RejectionArgument.FromParser(ex.Message));
        return FileRejection(ex.LineNumber, null, reason);
    }

    // A response that is well-formed but holds no patent record: say what it is so an operator
    // loading a folder of OPS downloads sees why it was skipped.
    private ReadResult NothingToLoad()
    {
        var local = _contentElement?.Split(':')[^1];
        var what = local switch
        {
            "standardization" => RejectionReasons.DocdbNumberService.With(),
            "document-inquiry" => RejectionReasons.DocdbImagesInquiry.With(),
            "register-search" or "register-documents" => RejectionReasons.DocdbRegister.With(),
            "biblio-search" => RejectionReasons.DocdbBiblioSearch.With(),
            "patent-family" => RejectionReasons.DocdbFamilyWithoutMembers.With(),
            "fulltext-documents" => RejectionReasons.DocdbFulltextWithoutDocuments.With(),
            null => RejectionReasons.DocdbEmptyExchangeFile.With(),
            _ => RejectionReasons.DocdbOtherResponse.With(_contentElement!),
        };
        return FileRejection(_contentElement is null ? null : _contentLine, _contentElement, RejectionReasons.DocdbNothingToLoad.With(what));
    }

    private ReadResult FileRejection(long? line, string? field, RejectionReason reason) =>
        ReadResult.Bad(new RecordRejection
        {
            SourceFile = _source,
            Format = DocdbMapper.Format,
            Line = line,
            Field = field,
            Because = reason,
        });

    public void Dispose() => _xml.Dispose();

    private sealed class FamilyResponse(bool legal)
    {
        public bool Legal { get; } = legal;
        public PatentNumber? Queried { get; set; }
        public List<PatentRecord> Records { get; } = [];
    }
}
