using Search.Indexer.Records;

namespace Search.Indexer.Tests.Engine;

/// <summary>
/// Hand-built records for the engine tests: four real Chinese utility models and inventions from the
/// CN export sample (tests/TestData/cn-export), plus invented ones chosen to probe Chinese word
/// boundaries (排水 inside 排水管; 储能 against 储存 … 节能), IPC levels, and English text.
/// </summary>
public static class SampleRecords
{
    public const string Drone = "CN218751475U";
    public const string Camera = "CN216774847U";
    public const string Keywords = "CN116245100A";
    public const string WebCrawl = "CN115883397A";
    public const string DrainPipe = "CN112900000U";
    public const string EnergyStorage = "CN114500001A";
    public const string GrainStore = "CN113300002U";
    public const string SemiconductorCleaning = "CN110800003A";
    public const string Interconnect = "CN110800004A";
    public const string Transistor = "CN110800005B";
    public const string LithiumBattery = "US7123456B2";
    public const string DrainRobot = "EP2906782A2";
    public const string DroneStorage = "WO2018148832A1";

    public static IReadOnlyList<PatentRecord> All() =>
    [
        Cn(Drone, "CN202223220665.2", DocumentType.UtilityModel, LegalStatus.InForce, "2022-12-02", "2023-03-28", "2023-03-28",
            "一种无人机机载多功能盒",
            "为解决目前无人机在实际的使用过程中不能进行方便快捷的实现飞行路线调整，不能对飞行时的数据进行实时处理，实用新型提出了一种无人机机载多功能盒，该多功能盒内设置有CPU模块、4G/5G通信模块以及扩展接口等多种电子器件，可将数据直接发送到云服务器。",
            "1.一种无人机机载多功能盒，其特征在于，包括内盒（1），外盒（2）和内部电路，所述内部电路设置在内盒（1）内部。",
            ["B64U20/80", "B64U101/30"], [("中科大数据研究院", PartyType.ResearchInstitute)], ["刘迪", "刘敏", "王煜伟", "付艳波", "王元卓"]),
        Cn(Camera, "CN202122975192.6", DocumentType.UtilityModel, LegalStatus.InForce, "2021-11-30", "2022-06-17", "2022-06-17",
            "一种可拍照便携式实时语音播报端测摄像头",
            "本实用新型公开了一种可拍照便携式实时语音播报端测摄像头，涉及端测摄像头领域，包括摄像头壳体，摄像头壳体上设置有高清摄像头模组、数字拾音器、SD卡、USB接口、扬声器、双闪灯、切换按键。",
            "1.一种可拍照便携式实时语音播报端测摄像头，包括摄像头壳体，其特征在于：所述摄像头壳体上设置有高清摄像头模组。",
            ["H04N5/225", "H04N5/232", "H02J7/00"], [("中科大数据研究院", PartyType.ResearchInstitute)], ["王元卓", "马少丹", "吴浩", "刘帅锋"]),
        Cn(Keywords, "CN202211740332.4", DocumentType.Invention, LegalStatus.Pending, "2022-12-30", "2023-06-09", null,
            "一种基于图模型的新闻关键词抽取方法及装置",
            "本发明提供了一种改进的基于图模型的新闻关键词抽取方法，通过获取互联网新闻文本数据并进行清洗处理，对清洗后的文本数据进行分句分词获取候选词，并对清洗后的文本进行向量表示。",
            "1.一种基于图模型的新闻关键词抽取方法，其特征在于，包括以下步骤：步骤1：获取互联网新闻文本数据并进行清洗处理。",
            ["G06F40/289", "G06F40/216", "G06F16/33"], [("中科大数据研究院", PartyType.ResearchInstitute)], ["吴琼", "刘武雷", "王元卓"]),
        Cn(WebCrawl, "CN202211359874.7", DocumentType.Invention, LegalStatus.InForce, "2022-11-02", "2023-03-31", "2024-04-05",
            "一种web端数据通用采集方法",
            "本发明公开了一种web端数据通用采集方法，涉及数据挖掘技术领域，首先配置服务信息完成初始化配置，其次创建驱动窗口远程启动任务实例，最后信息获取完成断开会话窗口即可。",
            "1.一种web端数据通用采集方法，其特征在于，包括以下步骤：步骤一：配置驱动实例的环境信息。",
            ["H04L43/02", "H04L67/025"], [("中科大数据研究院", PartyType.ResearchInstitute)], ["李玺", "康锐文", "冯凯", "王元卓"],
            other: "CN115883397B"),
        Cn(DrainPipe, "CN202021580001.3", DocumentType.UtilityModel, LegalStatus.Lapsed, "2020-08-03", "2021-05-11", "2021-05-11",
            "一种市政排水管道疏通装置",
            "本实用新型公开了一种市政排水管道疏通装置，包括机架、旋转刀头和高压水枪，能够清除排水管内壁的淤泥和杂物，结构简单，维护方便。",
            "1.一种市政排水管道疏通装置，其特征在于，包括机架和旋转刀头。",
            ["E03F9/00"], [("华侨大学", PartyType.University)], ["陈明"]),
        Cn(EnergyStorage, "CN202210300001.X", DocumentType.Invention, LegalStatus.InForce, "2022-03-20", "2022-09-02", "2023-06-16",
            "一种储能电池热管理系统",
            "本发明涉及一种储能电池热管理系统，包括液冷板、温度传感器和控制器，控制器根据电芯温度调节冷却液流量，使储能电站的电池组温度保持均匀。",
            "1.一种储能电池热管理系统，其特征在于，包括液冷板和温度传感器。",
            ["H01M10/613", "H01M10/625"], [("泉州储能科技有限公司", PartyType.Enterprise), ("华侨大学", PartyType.University)], ["林海"]),
        Cn(GrainStore, "CN202120500002.8", DocumentType.UtilityModel, LegalStatus.Expired, "2021-03-05", "2021-11-19", "2021-11-19",
            "一种粮食储存仓的节能通风装置",
            "本实用新型公开了一种粮食储存仓的节能通风装置，包括风机和导流管，通风性能良好，可减少粮食储存过程中的霉变。",
            "1.一种粮食储存仓的节能通风装置，其特征在于，包括风机和导流管。",
            ["A23B9/18"], [("泉州粮油机械厂", PartyType.Enterprise)], ["黄强"]),
        Cn(SemiconductorCleaning, "CN201911000003.1", DocumentType.Invention, LegalStatus.Withdrawn, "2019-10-21", "2020-02-14", null,
            "一种半导体晶圆的清洗方法",
            "本发明提供一种半导体晶圆的清洗方法，采用兆声波与稀释氢氟酸交替清洗，去除晶圆表面的颗粒和自然氧化层。",
            "1.一种半导体晶圆的清洗方法，其特征在于，包括兆声波清洗步骤。",
            ["H01L21/02"], [("厦门芯片研究所", PartyType.ResearchInstitute)], ["周杰"]),
        Cn(Interconnect, "CN201911000004.6", DocumentType.Invention, LegalStatus.Pending, "2019-10-22", "2020-02-14", null,
            "一种铜互连结构及其制造方法",
            "本发明提供一种铜互连结构及其制造方法，通过阻挡层和籽晶层的改进降低互连电阻，提高芯片可靠性。",
            "1.一种铜互连结构的制造方法，其特征在于，包括形成阻挡层的步骤。",
            ["H01L21/768"], [("厦门芯片研究所", PartyType.ResearchInstitute)], ["周杰", "许文"]),
        Cn(Transistor, "CN201911000005.0", DocumentType.Invention, LegalStatus.InForce, "2019-10-23", "2022-01-07", "2022-01-07",
            "一种高压场效应晶体管",
            "本发明提供一种高压场效应晶体管，通过场板结构提高击穿电压，适用于功率转换芯片。",
            "1.一种高压场效应晶体管，其特征在于，包括场板结构。",
            ["H01L29/78"], [("泉州半导体有限公司", PartyType.Enterprise)], ["许文"]),
        En(LithiumBattery, "US10/790123", DocumentType.Invention, LegalStatus.Expired, "2004-03-01", "2006-10-17", "2006-10-17",
            "Lithium-ion battery electrode with improved cycling stability",
            "A lithium-ion battery electrode comprising a silicon composite and a polymer binder is described. The batteries retain their capacity over many charge cycles.",
            ["H01M4/13", "H01M4/62"], [("Acme Energy Inc.", PartyType.Enterprise)], ["John Smith"]),
        En(DrainRobot, "EP13812345", DocumentType.Invention, LegalStatus.Pending, "2013-06-10", "2015-08-19", null,
            "Drainage pipe cleaning robot & controller",
            "A cleaning robot travels inside a drainage pipe, removes sediment with a rotating brush and reports the pipe condition to a controller.",
            ["E03F9/00", "B08B9/043"], [("Fraunhofer-Gesellschaft", PartyType.ResearchInstitute)], ["Anna Müller"]),
        En(DroneStorage, "PCT/CN2018/075000", DocumentType.Invention, LegalStatus.Unknown, "2018-02-02", "2018-08-23", null,
            "Energy storage system for unmanned aerial vehicles",
            "An energy storage system supplies an unmanned aerial vehicle with power from a swappable battery pack; a controller balances the cells during flight.",
            ["H02J7/00", "B64U50/19"], [("Tsinghua University", PartyType.University)], ["Li Wei"],
            chineseTitle: "一种用于无人机的储能系统"),
    ];

    public static PatentRecord Get(string id) => All().Single(r => r.Id == id);

    /// <summary>Invented records in bulk, for load and concurrency tests.</summary>
    public static IEnumerable<PatentRecord> Generated(int count, int start = 0)
    {
        string[] topics = ["无人机巡检", "储能电池", "排水管道", "半导体封装", "智能纺织", "茶叶加工"];
        for (var i = start; i < start + count; i++)
        {
            var topic = topics[i % topics.Length];
            var number = (300_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            yield return new PatentRecord
            {
                PublicationNumber = new PatentNumber("CN", number, "A"),
                ApplicationNumber = new PatentNumber("CN", "2023" + i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture), null, '1'),
                DocumentType = DocumentType.Invention,
                Stage = PublicationStage.Application,
                LegalStatus = LegalStatus.Pending,
                Titles = [new LocalizedText("zh", $"一种{topic}装置及方法（第{i}号）")],
                Abstracts = [new LocalizedText("zh", $"本发明公开了一种{topic}装置，包括控制器、传感器和执行机构，提高了{topic}的效率和可靠性。")],
                Applicants = [new Party { Name = "泉州测试企业" + (i % 20), Type = PartyType.Enterprise }],
                IpcCodes = ["G06F16/33"],
                ApplicationDate = new DateOnly(2023, 1, 1).AddDays(i % 300),
                PublicationDate = new DateOnly(2024, 1, 1).AddDays(i % 300),
            };
        }
    }

    private static PatentRecord Cn(string id, string application, DocumentType type, LegalStatus status, string ad, string pd, string? gd,
        string title, string abstractText, string claim, string[] ipc, (string Name, PartyType Type)[] applicants, string[] inventors, string? other = null)
    {
        var record = Base(id, application, type, status, ad, pd, gd, ipc, applicants, inventors);
        record.Titles = [new LocalizedText("zh", title)];
        record.Abstracts = [new LocalizedText("zh", abstractText)];
        record.FirstClaims = [new LocalizedText("zh", claim)];
        record.RegionCode = "35";
        record.LegalStatusText = status == LegalStatus.InForce ? "有权-审定授权" : null;
        if (other is not null) record.OtherPublicationNumbers = [PatentNumber.Parse(other)];
        return record;
    }

    private static PatentRecord En(string id, string application, DocumentType type, LegalStatus status, string ad, string pd, string? gd,
        string title, string abstractText, string[] ipc, (string Name, PartyType Type)[] applicants, string[] inventors, string? chineseTitle = null)
    {
        var record = Base(id, application, type, status, ad, pd, gd, ipc, applicants, inventors);
        record.Titles = [new LocalizedText("en", title)];
        if (chineseTitle is not null) record.Titles.Add(new LocalizedText("zh", chineseTitle));
        record.Abstracts = [new LocalizedText("en", abstractText)];
        return record;
    }

    private static PatentRecord Base(string id, string application, DocumentType type, LegalStatus status, string ad, string pd, string? gd,
        string[] ipc, (string Name, PartyType Type)[] applicants, string[] inventors)
    {
        var pn = PatentNumber.Parse(id);
        return new PatentRecord
        {
            PublicationNumber = pn,
            ApplicationNumber = PatentNumber.TryParse(application, out var an) ? an : null,
            DocumentType = type,
            Stage = pn.Kind is "B" or "B2" or "U" ? PublicationStage.Grant : PublicationStage.Application,
            LegalStatus = status,
            ApplicationDate = DateOnly.Parse(ad, System.Globalization.CultureInfo.InvariantCulture),
            PublicationDate = DateOnly.Parse(pd, System.Globalization.CultureInfo.InvariantCulture),
            GrantDate = gd is null ? null : DateOnly.Parse(gd, System.Globalization.CultureInfo.InvariantCulture),
            IpcCodes = [.. ipc],
            Applicants = applicants.Select(a => new Party { Name = a.Name, Type = a.Type, Country = pn.Country == "CN" ? "CN" : null }).ToList(),
            Inventors = inventors.Select(n => new Party { Name = n }).ToList(),
            Provenance = [new Provenance("engine-tests", "hand-built")],
            Extra = { ["source"] = "SampleRecords" },
        };
    }
}
