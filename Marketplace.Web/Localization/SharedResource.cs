namespace Marketplace.Web.Localization;

/// <summary>
/// Marker for the UI strings shared by every page. Keys are the English text; the Chinese lives in
/// <c>SharedResource.zh-CN.resx</c> beside this file (a test checks that every key used has one).
/// </summary>
public sealed class SharedResource;
