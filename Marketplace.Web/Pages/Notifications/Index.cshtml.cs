using Marketplace.Web.Accounts;
using Marketplace.Web.Localization;
using Marketplace.Web.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Notifications;

/// <summary>The signed-in person's notifications (opening one marks it read), "mark all read", and the e-mail delivery choice.</summary>
public sealed class IndexModel(NotificationService notifications, IStringLocalizer<SharedResource> L) : PageModel
{
    public IReadOnlyList<Notification> Items { get; private set; } = [];

    public NotificationDelivery Delivery { get; private set; }

    public string? Message { get; private set; }

    public NotificationService Service => notifications;

    private Guid UserId => StaffAccess.UserId(User)!.Value;

    public async Task OnGetAsync(string? message)
    {
        Items = await notifications.ListAsync(UserId);
        Delivery = await notifications.DeliveryAsync(UserId);
        Message = message == "saved" ? L["Saved."].Value : null;
    }

    public async Task<IActionResult> OnPostOpenAsync(Guid notificationId)
    {
        var link = await notifications.OpenAsync(UserId, notificationId);
        return link is null ? NotFound() : LocalRedirect(link);
    }

    public async Task<IActionResult> OnPostReadAllAsync()
    {
        await notifications.MarkAllReadAsync(UserId);
        return Redirect("/notifications");
    }

    public async Task<IActionResult> OnPostDeliveryAsync(NotificationDelivery delivery)
    {
        if (!Enum.IsDefined(delivery))
        {
            ModelState.AddModelError("", L["Choose how you want to receive e-mail."]);
            await OnGetAsync(null);
            return Page();
        }
        await notifications.SetDeliveryAsync(UserId, delivery);
        return Redirect("/notifications?message=saved");
    }
}
