using System.ComponentModel.DataAnnotations;

namespace Marketplace.Web.Pages.Accounts;

public sealed class RegisterInput
{
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [EmailAddress(ErrorMessage = "The e-mail address is not valid.")]
    [Display(Name = "E-mail")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter your name.")]
    [StringLength(100, ErrorMessage = "The name is too long.")]
    [Display(Name = "Name")]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "Choose a password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Repeat the password.")]
    [Compare(nameof(Password), ErrorMessage = "The passwords do not match.")]
    [DataType(DataType.Password)]
    [Display(Name = "Repeat the password")]
    public string ConfirmPassword { get; set; } = "";
}

public sealed class LoginInput
{
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [Display(Name = "E-mail")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Password")]
    public string Password { get; set; } = "";

    [Display(Name = "Stay signed in")]
    public bool RememberMe { get; set; }
}

public sealed class CodeInput
{
    [Required(ErrorMessage = "Enter the 6-digit code.")]
    [StringLength(8, MinimumLength = 6, ErrorMessage = "Enter the 6-digit code.")]
    [Display(Name = "Authenticator code")]
    public string Code { get; set; } = "";
}

public sealed class EmailInput
{
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [EmailAddress(ErrorMessage = "The e-mail address is not valid.")]
    [Display(Name = "E-mail")]
    public string Email { get; set; } = "";
}

public sealed class ResetPasswordInput
{
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [EmailAddress(ErrorMessage = "The e-mail address is not valid.")]
    [Display(Name = "E-mail")]
    public string Email { get; set; } = "";

    [Required]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = "Choose a password.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Repeat the password.")]
    [Compare(nameof(Password), ErrorMessage = "The passwords do not match.")]
    [DataType(DataType.Password)]
    [Display(Name = "Repeat the password")]
    public string ConfirmPassword { get; set; } = "";
}
