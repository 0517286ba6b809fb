using System.Globalization;
using System.Text;
using Analytics.Documents;
using Marketplace.Web.Licensing;
using Search.Indexer.Records;

namespace Marketplace.Web.Transfers;

/// <summary>
/// The transfer contract (专利权转让合同) in Chinese, following the articles of CNIPA's model contract and its signing
/// guidance (2023): the parties, the patent's particulars, what is transferred, price and payment, the transferor's
/// warranties, technical materials, co-owners' consent, existing licences and pledges disclosed, recordal, taxes, breach,
/// disputes, effect and signatures. Generated from the stored facts, so the same transfer always gives the same text.
/// </summary>
public static class TransferContract
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The article titles in order; each heading reads "第N条 title".</summary>
    public static readonly IReadOnlyList<string> ArticleTitles =
    [
        "转让的专利", "转让内容", "转让价款及支付方式", "转让方的保证", "技术资料的交付", "共有人的同意", "已有的实施许可",
        "质押情况", "著录项目变更登记", "税费", "违约责任", "争议解决", "合同的生效",
    ];

    public const string PartiesHeading = "合同当事人";
    public const string SignaturesHeading = "签字盖章";

    public static string Heading(int number) => $"第{LicensingDocuments.ChineseNumber(number)}条 {ArticleTitles[number - 1]}";

    public static string TermsText(TransferPaymentTerms? terms, int? instalments, long priceFen) => terms switch
    {
        TransferPaymentTerms.Instalments => $"分 {instalments} 期支付，首期 {TransferService.Yuan(FirstInstalment(priceFen, instalments ?? 1))} 于合同生效后通过平台支付，其余各期每期 {TransferService.Yuan(priceFen / (instalments ?? 1))}，于其后每三个月支付一期",
        _ => "合同生效后一次性支付全部价款",
    };

    private static long FirstInstalment(long price, int n) => n <= 1 ? price : price - price / n * (n - 1);

    private static string Type(DocumentType type) => type switch
    {
        DocumentType.Invention => "发明专利",
        DocumentType.UtilityModel => "实用新型专利",
        DocumentType.Design => "外观设计专利",
        _ => "专利",
    };

    private static string Status(LegalStatus status) => status switch
    {
        LegalStatus.InForce => "有效（授权）",
        LegalStatus.Pending => "审查中（转让的是专利申请权）",
        _ => "其他",
    };

    public static byte[] Pdf(TransferListing listing, IReadOnlyList<ExistingLicence> licences)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(licences);
        if (listing.Status is not (TransferStatus.Agreed or TransferStatus.Paid or TransferStatus.Recorded))
            throw new TransferRuleException("The contract is issued once both parties agree.");
        var agreed = listing.AgreedAt ?? listing.CreatedAt;
        using var pdf = new PdfComposer("专利权转让合同", $"{listing.ContractNumber} · {LicensingDocuments.Utc(agreed)}");
        pdf.Title("专利权转让合同")
            .Fields([("合同编号", listing.ContractNumber), ("签订日期", agreed.ToString("yyyy-MM-dd", Invariant)), ("签订地点", "泉州知识产权运营平台（在线）")])
            .Heading(PartiesHeading)
            .Fields([
                ("转让方（甲方）", listing.SellerName), ("甲方地址", listing.SellerAddress ?? "-"),
                ("受让方（乙方）", listing.BuyerName ?? "-"), ("乙方地址", listing.BuyerAddress ?? "-"),
                ("专利代理机构", listing.Agent ?? "无（双方自行办理）"),
            ])
            .Paragraph("甲乙双方依据《中华人民共和国民法典》《中华人民共和国专利法》及其实施细则，经平等协商，就下列专利权的转让订立本合同，共同遵守。");
        var number = 0;
        void Article(Action write)
        {
            pdf.Heading(Heading(++number));
            write();
        }
        Article(() => pdf.Fields([
            ("专利（申请）号", listing.ApplicationNumber ?? listing.PatentId), ("公告号", listing.PatentId), ("专利名称", listing.PatentTitle),
            ("专利类型", Type(listing.DocumentType)), ("发明人（设计人）", listing.Inventors.Length == 0 ? "-" : listing.Inventors),
            ("专利权人（申请人）", listing.Applicants), ("法律状态", Status(listing.LegalStatus)),
        ]));
        Article(() => pdf.Paragraph("甲方将上述专利权（或专利申请权）全部转让给乙方。自国务院专利行政部门登记之日起，乙方为该专利的权利人，享有并承担专利权人的全部权利和义务，包括维持专利有效所需缴纳的年费。"));
        Article(() => pdf.Fields([
            ("转让价款", TransferService.Yuan(listing.PriceFen ?? 0) + "（人民币）"),
            ("支付方式", TermsText(listing.PaymentTerms, listing.Instalments, listing.PriceFen ?? 0)),
            ("支付渠道", listing.PaymentChannel == PaymentChannel.Online ? "平台在线支付" : "银行转账，由甲方在平台确认收款"),
            ("支付凭证", listing.PaymentReference ?? "待支付"),
        ]));
        Article(() => pdf.Paragraph("甲方保证：其为上述专利的合法权利人，有权转让；签约时专利有效，年费已按期缴纳；专利不存在权属纠纷，未被采取保全措施；除本合同第七条、第八条披露者外，不存在其他许可或质押；专利如在合同生效后被宣告无效，甲方已收取的价款按双方协商及法律规定处理。"));
        Article(() => pdf.Paragraph("甲方应在合同生效后三十日内向乙方交付与该专利有关的技术资料，包括：专利申请文件及授权文件、审查过程中的往来文件、年费缴纳凭证、实施该专利所需的技术说明及图纸。交付以书面清单签收为准。"));
        Article(() => pdf.Paragraph(listing.CoOwners.Count == 0
            ? "该专利除甲方外无其他共有人。"
            : $"该专利的共有人（{listing.CoOwnerNames}）均已书面同意本次转让，其同意书作为本合同附件。"));
        Article(() =>
        {
            if (licences.Count == 0)
                pdf.Paragraph("截至签约之日，平台记录中该专利无正在履行的实施许可。甲方保证未在平台之外订立未披露的许可合同。");
            else
            {
                pdf.Paragraph("截至签约之日，该专利存在下列实施许可。许可合同在转让后继续有效，由乙方承继许可方的权利和义务：");
                pdf.Table(["类型", "被许可人", "编号", "期限"],
                    licences.Select(l => (IReadOnlyList<string>)[l.Kind switch { "exclusive" => "独占许可", "sole" => "排他许可", _ => "开放许可（普通许可）" }, l.Licensee, l.Reference,
                        $"{l.From?.ToString("yyyy-MM-dd", Invariant) ?? "-"} 至 {l.To?.ToString("yyyy-MM-dd", Invariant) ?? "-"}"]), [90, 180, 100, 110]);
            }
        });
        Article(() => pdf.Paragraph(listing.Pledged == true
            ? $"该专利已出质：{listing.PledgeDetails}。甲方应在办理转让登记前取得质权人同意或办理质押注销。"
            : "甲方声明该专利未出质。"));
        Article(() => pdf.Paragraph($"本合同生效且首期价款支付后，由{(listing.Agent is null ? "甲方" : "专利代理机构" + listing.Agent)}在三十日内持本合同向国务院专利行政部门办理著录项目变更（专利权转移）登记，乙方予以配合。专利权的转让自登记之日起生效。"));
        Article(() => pdf.Paragraph("办理著录项目变更的手续费由乙方承担；转让所涉税款由双方依照国家税收法律法规各自承担。"));
        Article(() => pdf.Paragraph("任何一方违反本合同，应承担继续履行、采取补救措施或赔偿损失等违约责任。乙方逾期支付价款的，每逾期一日按应付未付金额的万分之五支付违约金；甲方逾期交付技术资料或办理登记的，按同一标准支付违约金。"));
        Article(() => pdf.Paragraph("因本合同发生的争议，双方协商解决；协商不成的，可请求专利管理部门调解，或向有管辖权的人民法院起诉。"));
        Article(() => pdf.Paragraph("本合同自双方签字盖章（含在平台确认）之日起成立并生效；专利权的转移自国务院专利行政部门登记之日起生效。本合同一式三份，双方各执一份，一份用于办理登记。"));
        pdf.Heading(SignaturesHeading)
            .Fields([("甲方（盖章）", listing.SellerName), ("乙方（盖章）", listing.BuyerName ?? "-"), ("签订日期", agreed.ToString("yyyy-MM-dd", Invariant))])
            .Note("本合同依据国家知识产权局《专利权转让合同》模板及签订指引的结构由平台生成，双方均可下载；签订前请核对各项内容。");
        return pdf.ToArray();
    }
}

/// <summary>
/// What the change-of-owner request (著录项目变更申报书, 专利权转移) at the patent office asks for, as a UTF-8 text file
/// of field: value lines: the patent, the old and new owners with addresses, the contract, the agent.
/// </summary>
public static class RecordalKit
{
    public static IReadOnlyList<(string Field, string Value)> Fields(TransferListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        if (listing.Status is not (TransferStatus.Paid or TransferStatus.Recorded))
            throw new TransferRuleException("The recordal kit is ready once the price is paid.");
        return
        [
            ("变更事项", "专利权人（申请人）变更（专利权转移）"),
            ("专利（申请）号", listing.ApplicationNumber ?? listing.PatentId),
            ("公告号", listing.PatentId),
            ("发明创造名称", listing.PatentTitle),
            ("变更前权利人", listing.SellerName),
            ("变更前权利人地址", listing.SellerAddress ?? ""),
            ("变更后权利人", listing.BuyerName ?? ""),
            ("变更后权利人地址", listing.BuyerAddress ?? ""),
            ("证明文件", "专利权转让合同" + (listing.CoOwners.Count > 0 ? "；全体共有人同意转让的证明" : "")),
            ("合同编号", listing.ContractNumber),
            ("合同签订日期", listing.AgreedAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? ""),
            ("专利代理机构", listing.Agent ?? "无"),
            ("著录项目变更手续费", "由受让方缴纳"),
        ];
    }

    public static byte[] Text(TransferListing listing)
    {
        var text = new StringBuilder("著录项目变更申报数据（专利权转移）\n");
        foreach (var (field, value) in Fields(listing)) text.Append(field).Append('：').Append(value).Append('\n');
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }
}
