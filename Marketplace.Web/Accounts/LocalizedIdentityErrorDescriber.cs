using Marketplace.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Accounts;

/// <summary>Identity's validation messages in the visitor's language.</summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> L) : IdentityErrorDescriber
{
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), L["The e-mail address {0} is already registered.", email]);

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), L["The e-mail address {0} is already registered.", userName]);

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), L["The e-mail address {0} is not valid.", email ?? ""]);

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), L["The e-mail address {0} is not valid.", userName ?? ""]);

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), L["The link is invalid or has expired."]);

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), L["The password is wrong."]);

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), L["The password needs at least {0} characters.", length]);

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), L["The password needs a digit."]);

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), L["The password needs a lower-case letter."]);

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), L["The password needs an upper-case letter."]);

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), L["The password needs a character that is neither a letter nor a digit."]);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), L["The password needs at least {0} different characters.", uniqueChars]);

    private static IdentityError Error(string code, LocalizedString description) => new() { Code = code, Description = description.Value };
}
