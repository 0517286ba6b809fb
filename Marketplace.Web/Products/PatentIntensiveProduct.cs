namespace Marketplace.Web.Products;

/// <summary>Review states of a product record: submitted by the enterprise, approved by an operator, or sent back with a reason.</summary>
public enum ProductStatus
{
    Submitted = 1,
    Approved = 2,
    SentBack = 3,
}

/// <summary>On what right the enterprise uses a patent the product embodies: its own (自有) or a licence (被许可).</summary>
public enum PatentRight
{
    Own = 1,
    Licensed = 2,
}

/// <summary>
/// A patent-intensive product (专利密集型产品) as an enterprise records it for the national pilot platform's filing
/// (备案): the product, its category, a year's sales revenue and the patents it embodies, each on its own or a licensed
/// right. An operator reviews it: approved, it shows on its patents' pages and counts on the dashboard.
/// </summary>
public sealed class PatentIntensiveProduct
{
    public const int MaxPatents = 50;
    public const int MaxNameLength = 200;
    public const int MaxCategoryLength = 100;
    public const int MaxReasonLength = 2000;

    private readonly List<ProductPatent> _patents = [];

    private PatentIntensiveProduct(Guid organizationId, string organizationName, string name, string category, decimal salesRevenueYuan, int revenueYear,
        Guid submittedBy, DateTime submittedAt)
    {
        OrganizationId = organizationId;
        OrganizationName = organizationName;
        Name = name;
        Category = category;
        SalesRevenueYuan = salesRevenueYuan;
        RevenueYear = revenueYear;
        SubmittedBy = submittedBy;
        SubmittedAt = submittedAt;
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    public Guid OrganizationId { get; private set; }

    /// <summary>The enterprise's name when it recorded the product (the export's 企业名称).</summary>
    public string OrganizationName { get; private set; }

    public string Name { get; private set; }

    /// <summary>The product category (产品类别) as the enterprise names it.</summary>
    public string Category { get; private set; }

    /// <summary>Sales revenue (销售收入) of <see cref="RevenueYear"/> in yuan (RMB).</summary>
    public decimal SalesRevenueYuan { get; private set; }

    public int RevenueYear { get; private set; }

    public ProductStatus Status { get; private set; } = ProductStatus.Submitted;

    public string? ReviewReason { get; private set; }

    public Guid? ReviewedBy { get; private set; }

    public DateTime? ReviewedAt { get; private set; }

    public Guid SubmittedBy { get; private set; }

    public DateTime SubmittedAt { get; private set; }

    public IReadOnlyCollection<ProductPatent> Patents => _patents;

    /// <summary>A checked record, submitted for review; patents come with their facts from the index (the caller checked they are in it).</summary>
    public static PatentIntensiveProduct Record(Guid organizationId, string organizationName, ProductInput input, IReadOnlyList<ProductPatent> patents, Guid submittedBy, DateTime now)
    {
        var (name, category, revenue, year) = Checked(input, patents, now);
        var product = new PatentIntensiveProduct(organizationId, organizationName, name, category, revenue, year, submittedBy, now);
        foreach (var p in patents.DistinctBy(p => p.PatentId, StringComparer.Ordinal))
            product._patents.Add(new ProductPatent(product.Id, p.PatentId, p.Title, p.Right, p.DocumentType, p.Chain));
        return product;
    }

    /// <summary>
    /// The enterprise corrects a product an operator sent back and submits it again, checked as a new record is. The
    /// reason it was sent back is cleared with the review (the audit log keeps it).
    /// </summary>
    public void Resubmit(ProductInput input, IReadOnlyList<ProductPatent> patents, Guid submittedBy, DateTime now)
    {
        if (Status != ProductStatus.SentBack) throw new ProductRuleException(ProductFields.Review, "Only a product sent back can be corrected and resubmitted.");
        (Name, Category, SalesRevenueYuan, RevenueYear) = Checked(input, patents, now);
        var wanted = patents.DistinctBy(p => p.PatentId, StringComparer.Ordinal).ToDictionary(p => p.PatentId, StringComparer.Ordinal);
        _patents.RemoveAll(p => !wanted.ContainsKey(p.PatentId));
        foreach (var kept in _patents)
        {
            var p = wanted[kept.PatentId];
            kept.Update(p.Title, p.Right, p.DocumentType, p.Chain);
        }
        foreach (var p in wanted.Values.Where(p => _patents.All(k => k.PatentId != p.PatentId)))
            _patents.Add(new ProductPatent(Id, p.PatentId, p.Title, p.Right, p.DocumentType, p.Chain));
        Status = ProductStatus.Submitted;
        ReviewReason = null;
        ReviewedBy = null;
        ReviewedAt = null;
        SubmittedBy = submittedBy;
        SubmittedAt = now;
    }

    private static (string Name, string Category, decimal Revenue, int Year) Checked(ProductInput input, IReadOnlyList<ProductPatent> patents, DateTime now)
    {
        var name = Required(input.Name, ProductFields.Name, MaxNameLength);
        var category = Required(input.Category, ProductFields.Category, MaxCategoryLength);
        if (input.SalesRevenueYuan is not { } revenue || revenue < 0 || revenue > 10_000_000_000_000m)
            throw new ProductRuleException(ProductFields.Revenue, "Enter the sales revenue in yuan, 0 or more.");
        var thisYear = now.Year;
        if (input.RevenueYear is not { } year || year < 2000 || year > thisYear)
            throw new ProductRuleException(ProductFields.RevenueYear, "Enter the year of the revenue, between 2000 and {0}.", thisYear);
        if (patents.Count == 0) throw new ProductRuleException(ProductFields.OwnPatents, "Name at least one patent the product embodies.");
        if (patents.Count > MaxPatents) throw new ProductRuleException(ProductFields.OwnPatents, "A product names at most {0} patents.", MaxPatents);
        return (name, category, decimal.Round(revenue, 2), year);
    }

    public void Approve(Guid reviewer, DateTime now)
    {
        if (Status != ProductStatus.Submitted) throw new ProductRuleException(ProductFields.Review, "Only a submitted product can be approved.");
        Status = ProductStatus.Approved;
        ReviewReason = null;
        ReviewedBy = reviewer;
        ReviewedAt = now;
    }

    public void SendBack(Guid reviewer, string? reason, DateTime now)
    {
        if (Status != ProductStatus.Submitted) throw new ProductRuleException(ProductFields.Review, "Only a submitted product can be sent back.");
        var r = reason?.Trim();
        if (string.IsNullOrEmpty(r)) throw new ProductRuleException(ProductFields.Reason, "Say why the product is sent back.");
        Status = ProductStatus.SentBack;
        ReviewReason = r.Length > MaxReasonLength ? r[..MaxReasonLength] : r;
        ReviewedBy = reviewer;
        ReviewedAt = now;
    }

    private static string Required(string? value, string field, int max)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v)) throw new ProductRuleException(field, "This field is required.");
        if (v.Length > max) throw new ProductRuleException(field, "At most {0} characters.", max);
        return v;
    }
}

/// <summary>A patent a product embodies, with the right it is used on and its facts from the index when recorded.</summary>
public sealed class ProductPatent(Guid productId, string patentId, string title, PatentRight right, string? documentType, string? chain)
{
    public Guid ProductId { get; private set; } = productId;

    public string PatentId { get; private set; } = patentId;

    public string Title { get; private set; } = title;

    public PatentRight Right { get; private set; } = right;

    /// <summary>Invention, utility model or design, as the index names it (the export's 专利类型).</summary>
    public string? DocumentType { get; private set; } = documentType;

    /// <summary>The industry chain the index labels the patent with; the dashboard counts products by it.</summary>
    public string? Chain { get; private set; } = chain;

    /// <summary>The right and the index's facts as the corrected record gives them.</summary>
    internal void Update(string title, PatentRight right, string? documentType, string? chain)
    {
        Title = title;
        Right = right;
        DocumentType = documentType;
        Chain = chain;
    }
}

/// <summary>What the enterprise gives: patents as numbers separated by commas, semicolons, spaces or lines, own and licensed apart.</summary>
public sealed class ProductInput
{
    public string? Name { get; set; }

    public string? Category { get; set; }

    public decimal? SalesRevenueYuan { get; set; }

    public int? RevenueYear { get; set; }

    public string? OwnPatents { get; set; }

    public string? LicensedPatents { get; set; }

    /// <summary>The form as the product was recorded, for the enterprise to correct.</summary>
    public static ProductInput From(PatentIntensiveProduct product) => new()
    {
        Name = product.Name,
        Category = product.Category,
        SalesRevenueYuan = product.SalesRevenueYuan,
        RevenueYear = product.RevenueYear,
        OwnPatents = string.Join(", ", product.Patents.Where(p => p.Right == PatentRight.Own).Select(p => p.PatentId).Order(StringComparer.Ordinal)),
        LicensedPatents = string.Join(", ", product.Patents.Where(p => p.Right == PatentRight.Licensed).Select(p => p.PatentId).Order(StringComparer.Ordinal)),
    };
}

/// <summary>Field names of a product record (English UI keys and the form's field names), so a refusal says which field it is about.</summary>
public static class ProductFields
{
    public const string Name = "Name";
    public const string Category = "Category";
    public const string Revenue = "SalesRevenueYuan";
    public const string RevenueYear = "RevenueYear";
    public const string OwnPatents = "OwnPatents";
    public const string LicensedPatents = "LicensedPatents";
    public const string Review = "Review";
    public const string Reason = "Reason";
}

/// <summary>A product rule refused a change: <see cref="Field"/> is the form field, <see cref="Template"/> the English message (a UI key).</summary>
public sealed class ProductRuleException(string field, string template, params object[] arguments)
    : InvalidOperationException(arguments.Length == 0 ? template : string.Format(System.Globalization.CultureInfo.InvariantCulture, template, arguments))
{
    public string Field { get; } = field;

    public string Template { get; } = template;

    public IReadOnlyList<object> Arguments { get; } = arguments;
}
