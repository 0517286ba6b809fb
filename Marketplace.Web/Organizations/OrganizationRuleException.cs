namespace Marketplace.Web.Organizations;

/// <summary>An organisation refused an illegal change; the message is English and is localised by the page that shows it.</summary>
public sealed class OrganizationRuleException(string message) : InvalidOperationException(message);
