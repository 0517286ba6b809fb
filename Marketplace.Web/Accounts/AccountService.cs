using System.Security.Claims;
using System.Text;
using Marketplace.Web.Auditing;
using Marketplace.Web.Data;
using Marketplace.Web.Localization;
using Marketplace.Web.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Accounts;

/// <summary>
/// Registration, e-mail confirmation, sign-in (with lockout and TOTP), password reset and two-factor
/// set-up, each recorded in the audit log. Links in e-mails are built by the caller (it knows the host).
/// Security mails (confirmation, password reset) go straight to the mail sender in the product's one mail layout
/// rather than through the notifier: the person is not signed in and cannot read in-app notices, the link carries a
/// one-time secret that must not be stored, they must arrive now whatever the person chose for notifications, and the
/// notifier itself is built on accounts (its recipients are people), so accounts cannot call back into it (ADR-014).
/// </summary>
public sealed class AccountService(
    UserManager<MarketplaceUser> users,
    SignInManager<MarketplaceUser> signIn,
    IMailSender mail,
    AuditLog audit,
    MarketplaceDbContext db,
    TimeProvider clock,
    IStringLocalizer<SharedResource> L)
{
    /// <summary>At most one resent confirmation per address in this time (on top of the per-address-of-client rate limit).</summary>
    public static readonly TimeSpan ConfirmationResendInterval = TimeSpan.FromMinutes(5);

    public async Task<IdentityResult> RegisterAsync(string email, string displayName, string password, Func<Guid, string, string> confirmationLink)
    {
        var user = new MarketplaceUser(email.Trim(), displayName.Trim(), clock.GetUtcNow().UtcDateTime);
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded) return result;
        await audit.WriteAsync(AuditActions.Registered, subject: user.Email, userId: user.Id, userName: user.Email);
        await SendConfirmationAsync(user, confirmationLink);
        return result;
    }

    public async Task SendConfirmationAsync(MarketplaceUser user, Func<Guid, string, string> confirmationLink)
    {
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        await mail.SendAsync(user.Email!, L["Confirm your e-mail address"], [
            L["Hello {0},", user.DisplayName],
            L["please confirm your e-mail address for the Patent Navigation & Open Licensing platform by opening this link:"],
            confirmationLink(user.Id, code),
            L["If you did not register, ignore this message."]]);
    }

    /// <summary>
    /// Sends the confirmation link again to a registered, unconfirmed address, at most once per
    /// <see cref="ConfirmationResendInterval"/>. Always looks the same to the visitor, whether or not the address is registered.
    /// </summary>
    public async Task ResendConfirmationAsync(string email, Func<Guid, string, string> confirmationLink)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null || await users.IsEmailConfirmedAsync(user)) return;
        var since = clock.GetUtcNow().UtcDateTime - ConfirmationResendInterval;
        if (await db.AuditEntries.AnyAsync(e => e.Action == AuditActions.ConfirmationResent && e.UserId == user.Id && e.At > since)) return;
        await audit.WriteAsync(AuditActions.ConfirmationResent, subject: user.Email, userId: user.Id, userName: user.Email);
        await SendConfirmationAsync(user, confirmationLink);
    }

    public async Task<bool> ConfirmEmailAsync(Guid userId, string code)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || Decode(code) is not { } token) return false;
        var result = await users.ConfirmEmailAsync(user, token);
        if (result.Succeeded) await audit.WriteAsync(AuditActions.EmailConfirmed, subject: user.Email, userId: user.Id, userName: user.Email);
        return result.Succeeded;
    }

    public async Task<SignInOutcome> PasswordSignInAsync(string email, string password, bool remember)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            await audit.WriteAsync(AuditActions.SignInFailed, subject: email.Trim(), detail: "unknown address");
            return SignInOutcome.Failed;
        }
        var result = await signIn.PasswordSignInAsync(user, password, remember, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.WriteAsync(AuditActions.SignedIn, user.CurrentOrganizationId, user.Email, "password", user.Id, user.Email);
            var staff = (await users.GetRolesAsync(user)).Any(r => PlatformRoles.All.Contains(r));
            return staff ? SignInOutcome.TwoFactorSetupRequired : SignInOutcome.SignedIn;
        }
        if (result.RequiresTwoFactor) return SignInOutcome.TwoFactorRequired;
        if (result.IsLockedOut)
        {
            await audit.WriteAsync(AuditActions.LockedOut, subject: user.Email, userId: user.Id, userName: user.Email);
            return SignInOutcome.LockedOut;
        }
        if (result.IsNotAllowed) return SignInOutcome.EmailNotConfirmed;
        await audit.WriteAsync(AuditActions.SignInFailed, subject: user.Email, detail: "wrong password", userId: user.Id, userName: user.Email);
        return SignInOutcome.Failed;
    }

    public async Task<SignInOutcome> TwoFactorSignInAsync(string code, bool remember)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return SignInOutcome.Failed;
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(Digits(code), remember, rememberClient: false);
        if (result.Succeeded)
        {
            await audit.WriteAsync(AuditActions.SignedIn, user.CurrentOrganizationId, user.Email, "password and authenticator", user.Id, user.Email);
            return SignInOutcome.SignedIn;
        }
        if (result.IsLockedOut)
        {
            await audit.WriteAsync(AuditActions.LockedOut, subject: user.Email, userId: user.Id, userName: user.Email);
            return SignInOutcome.LockedOut;
        }
        await audit.WriteAsync(AuditActions.SignInFailed, subject: user.Email, detail: "wrong authenticator code", userId: user.Id, userName: user.Email);
        return SignInOutcome.Failed;
    }

    public async Task SignOutAsync()
    {
        await audit.WriteAsync(AuditActions.SignedOut);
        await signIn.SignOutAsync();
    }

    /// <summary>Always looks the same to the visitor, whether or not the address is registered.</summary>
    public async Task SendPasswordResetAsync(string email, Func<string, string> resetLink)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null || !await users.IsEmailConfirmedAsync(user)) return;
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        await audit.WriteAsync(AuditActions.PasswordResetRequested, subject: user.Email, userId: user.Id, userName: user.Email);
        await mail.SendAsync(user.Email!, L["Reset your password"], [
            L["Hello {0},", user.DisplayName],
            L["someone asked to reset the password of your account. To choose a new password, open this link:"],
            resetLink(code),
            L["If it was not you, ignore this message: your password stays as it is."]]);
    }

    public async Task<IdentityResult> ResetPasswordAsync(string email, string code, string password)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null || Decode(code) is not { } token) return IdentityResult.Failed(users.ErrorDescriber.InvalidToken());
        var result = await users.ResetPasswordAsync(user, token, password);
        if (result.Succeeded)
        {
            // A reset also ends a lockout: the person proved control of the mailbox.
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            await audit.WriteAsync(AuditActions.PasswordReset, subject: user.Email, userId: user.Id, userName: user.Email);
        }
        return result;
    }

    /// <summary>The authenticator key to show (created on first use) and the otpauth:// URI for authenticator apps.</summary>
    public async Task<(string Key, string Uri)> AuthenticatorSetupAsync(MarketplaceUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        var issuer = Uri.EscapeDataString("Patent Marketplace");
        return (key!, $"otpauth://totp/{issuer}:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer={issuer}&digits=6");
    }

    /// <summary>Turns TOTP on when the code from the authenticator app matches; the session then counts as two-factor.</summary>
    public async Task<bool> EnableTwoFactorAsync(MarketplaceUser user, string code)
    {
        var valid = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Digits(code));
        if (!valid) return false;
        await users.SetTwoFactorEnabledAsync(user, true);
        await audit.WriteAsync(AuditActions.TwoFactorEnabled, subject: user.Email, userId: user.Id, userName: user.Email);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
        return true;
    }

    public async Task<bool> DisableTwoFactorAsync(MarketplaceUser user)
    {
        // Staff must keep it: their roles are only honoured after a two-factor sign-in.
        if ((await users.GetRolesAsync(user)).Any(r => PlatformRoles.All.Contains(r))) return false;
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await audit.WriteAsync(AuditActions.TwoFactorDisabled, subject: user.Email, userId: user.Id, userName: user.Email);
        await signIn.RefreshSignInAsync(user);
        return true;
    }

    private static string Digits(string code) => code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    private static string? Decode(string code)
    {
        try { return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code)); }
        catch (FormatException) { return null; }
    }
}

public enum SignInOutcome
{
    SignedIn,
    /// <summary>Password right, an authenticator code is needed next.</summary>
    TwoFactorRequired,
    /// <summary>Signed in, but an operator or administrator without two-factor must set it up before acting as staff.</summary>
    TwoFactorSetupRequired,
    LockedOut,
    EmailNotConfirmed,
    Failed,
}
