using Search.Indexer.Records;

namespace Search.Indexer.Normalization;

/// <summary>What a kind code says about a publication, per office (WIPO ST.16 as CN, US, EP, WO use it).</summary>
public static class KindCodes
{
    public static (DocumentType Type, PublicationStage Stage) Classify(string country, string? kind)
    {
        if (string.IsNullOrEmpty(kind)) return (DocumentType.Unknown, PublicationStage.Unknown);
        var letter = kind[0];
        return country switch
        {
            "CN" => letter switch
            {
                'A' => (DocumentType.Invention, PublicationStage.Application),
                'B' or 'C' => (DocumentType.Invention, PublicationStage.Grant),
                'U' or 'Y' => (DocumentType.UtilityModel, PublicationStage.Grant),
                'S' or 'D' => (DocumentType.Design, PublicationStage.Grant),
                _ => (DocumentType.Unknown, PublicationStage.Unknown),
            },
            "US" => kind switch
            {
                "A1" or "A2" or "A9" => (DocumentType.Invention, PublicationStage.Application),
                "P1" or "P4" or "P9" => (DocumentType.Plant, PublicationStage.Application),
                "P2" or "P3" => (DocumentType.Plant, PublicationStage.Grant),
                "S" or "S1" => (DocumentType.Design, PublicationStage.Grant),
                "E" or "E1" => (DocumentType.Reissue, PublicationStage.Grant),
                "A" or "B1" or "B2" or "H" or "H1" => (DocumentType.Invention, PublicationStage.Grant),
                _ => (DocumentType.Unknown, PublicationStage.Unknown),
            },
            _ => letter switch
            {
                'A' => (DocumentType.Invention, PublicationStage.Application),
                'B' or 'C' => (DocumentType.Invention, PublicationStage.Grant),
                'U' or 'Y' => (DocumentType.UtilityModel, PublicationStage.Grant),
                'S' => (DocumentType.Design, PublicationStage.Grant),
                _ => (DocumentType.Unknown, PublicationStage.Unknown),
            },
        };
    }

    /// <summary>Document type from the Chinese export column 专利类型 (发明公开, 发明授权, 实用新型, 外观设计).</summary>
    public static (DocumentType Type, PublicationStage Stage) FromChineseType(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (DocumentType.Unknown, PublicationStage.Unknown);
        // "发明公开;发明授权": the application was published and later granted.
        if (text.Contains("发明授权", StringComparison.Ordinal)) return (DocumentType.Invention, PublicationStage.Grant);
        if (text.Contains("发明", StringComparison.Ordinal)) return (DocumentType.Invention, PublicationStage.Application);
        if (text.Contains("实用新型", StringComparison.Ordinal)) return (DocumentType.UtilityModel, PublicationStage.Grant);
        if (text.Contains("外观", StringComparison.Ordinal)) return (DocumentType.Design, PublicationStage.Grant);
        return (DocumentType.Unknown, PublicationStage.Unknown);
    }
}
