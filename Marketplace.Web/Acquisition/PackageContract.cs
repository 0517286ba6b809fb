using System.Globalization;
using Analytics.Documents;
using Marketplace.Web.Licensing;

namespace Marketplace.Web.Acquisition;

/// <summary>
/// The one contract of a package (专利组合许可/转让合同) in Chinese, after the structure of CNIPA's model contracts: the
/// parties, the patents (all of them, in the schedule 附件：专利清单), what is licensed or transferred, price and payment,
/// warranties, recordal, breach, disputes and effect. The buyer or licensee is left blank for the signing parties to fill.
/// </summary>
public static class PackageContract
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static readonly IReadOnlyList<string> ArticleTitles =
    [
        "合同标的", "许可或转让的内容", "价款及支付方式", "甲方的保证", "技术资料的交付", "登记与备案", "税费", "违约责任", "争议解决", "合同的生效",
    ];

    public const string PartiesHeading = "合同当事人";
    public const string ScheduleHeading = "附件：专利清单";
    public const string SignaturesHeading = "签字盖章";

    public static string Heading(int number) => $"第{LicensingDocuments.ChineseNumber(number)}条 {ArticleTitles[number - 1]}";

    public static string Title(PatentPackage package) => package?.Deal == PackageDeal.Transfer ? "专利组合转让合同" : "专利组合实施许可合同";

    public static byte[] Pdf(PatentPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var transfer = package.Deal == PackageDeal.Transfer;
        var title = Title(package);
        var count = package.Patents.Count;
        using var pdf = new PdfComposer(title, $"{package.Reference} · {LicensingDocuments.Utc(package.CreatedAt)}");
        pdf.Title(title)
            .Fields([("合同编号", package.Reference), ("专利组合名称", package.Name), ("专利数量", $"{count} 件（详见附件：专利清单）")])
            .Heading(PartiesHeading)
            .Fields([
                (transfer ? "转让方（甲方）" : "许可方（甲方）", package.HolderName),
                (transfer ? "受让方（乙方）" : "被许可方（乙方）", "＿＿＿＿＿＿＿＿（签约时填写）"),
            ])
            .Paragraph("甲乙双方依据《中华人民共和国民法典》《中华人民共和国专利法》及其实施细则，经平等协商，就附件所列专利组合订立本合同，共同遵守。");
        var number = 0;
        void Article(Action write)
        {
            pdf.Heading(Heading(++number));
            write();
        }
        Article(() => pdf.Paragraph($"本合同的标的为专利组合“{package.Name}”，共 {count} 件专利，其专利号、名称及原始申请人列于附件：专利清单。附件是本合同不可分割的组成部分。{package.Description}"));
        Article(() => pdf.Paragraph(transfer
            ? "甲方将附件所列全部专利的专利权一并转让给乙方，不得拆分。自国务院专利行政部门登记之日起，乙方为各项专利的权利人。"
            : "甲方许可乙方在中华人民共和国境内实施附件所列全部专利（制造、使用、许诺销售、销售、进口），许可类型为普通许可，许可期限由双方在签约时约定，且不超过各专利的有效期。"));
        Article(() => pdf.Fields([
            ("价款", package.AskingPriceFen is { } fen ? AcquisitionService.Price(fen) + "（人民币，全部专利合计）" : "面议（由双方协商确定并在签约时填写）"),
            ("支付方式", "合同生效后三十日内一次性支付，或由双方约定分期支付"),
            ("支付渠道", "银行转账，以甲方确认收款为准"),
        ]));
        Article(() => pdf.Paragraph("甲方保证：其为附件所列专利的合法权利人或有权处分者；签约时各专利有效，年费已按期缴纳；不存在权属纠纷或保全措施；已向乙方披露各专利已有的实施许可及质押情况。任一专利被宣告无效的，双方按该专利在组合中的比例协商调整价款。"));
        Article(() => pdf.Paragraph("甲方应在合同生效后三十日内向乙方交付各专利的授权文件、年费缴纳凭证及实施所需的技术说明，交付以书面清单签收为准。"));
        Article(() => pdf.Paragraph(transfer
            ? "本合同生效后，甲方应在三十日内向国务院专利行政部门办理附件所列各专利的著录项目变更（专利权转移）登记，乙方予以配合；专利权的转让自登记之日起生效。"
            : "本合同生效后三个月内，甲方应向国务院专利行政部门办理专利实施许可合同备案，乙方予以配合。"));
        Article(() => pdf.Paragraph("登记、备案的手续费由乙方承担；所涉税款由双方依照国家税收法律法规各自承担。"));
        Article(() => pdf.Paragraph("任何一方违反本合同，应承担继续履行、采取补救措施或赔偿损失等违约责任。乙方逾期支付价款的，每逾期一日按应付未付金额的万分之五支付违约金。"));
        Article(() => pdf.Paragraph("因本合同发生的争议，双方协商解决；协商不成的，可请求专利管理部门调解，或向有管辖权的人民法院起诉。"));
        Article(() => pdf.Paragraph("本合同自双方签字盖章之日起生效。本合同一式三份，双方各执一份，一份用于办理登记或备案。"));
        pdf.Heading(SignaturesHeading)
            .Fields([("甲方（盖章）", package.HolderName), ("乙方（盖章）", "＿＿＿＿＿＿＿＿"), ("签订日期", "＿＿＿＿年＿＿月＿＿日")]);
        pdf.Heading(ScheduleHeading)
            .Table(["序号", "专利号", "专利名称", "原始申请人"],
                package.Patents.OrderBy(p => p.Position).Select(p => (IReadOnlyList<string>)[p.Position.ToString(Invariant), p.PatentId, p.Title, p.FiledBy]), [35, 110, 220, 115])
            .Note("本合同依据国家知识产权局专利转让、许可合同模板的结构由平台生成；签订前请核对各项内容。");
        return pdf.ToArray();
    }
}
