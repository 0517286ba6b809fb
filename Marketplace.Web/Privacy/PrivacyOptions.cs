using System.ComponentModel.DataAnnotations;

namespace Marketplace.Web.Privacy;

/// <summary>Who answers for personal information (PIPL Art. 17: the handler's name and contact), from the "Privacy" section.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>The personal information handler: the operator of this deployment.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Handler { get; set; } = "泉州知识产权运营服务中心";

    /// <summary>Where people send requests and complaints about their personal information.</summary>
    [Required(AllowEmptyStrings = false), EmailAddress]
    public string ContactEmail { get; set; } = "privacy@patent-marketplace.example";
}
