namespace Marketplace.Web.Licensing;

/// <summary>
/// A licensing object refused an illegal change. <see cref="Exception.Message"/> is English and the key
/// of a UI string; <see cref="Arguments"/> fill its placeholders when the page localises it.
/// </summary>
public sealed class LicensingRuleException(string message, params object[] arguments) : InvalidOperationException(Format(message, arguments))
{
    public string Template { get; } = message;

    public IReadOnlyList<object> Arguments { get; } = arguments;

    private static string Format(string message, object[] arguments) =>
        arguments.Length == 0 ? message : string.Format(System.Globalization.CultureInfo.InvariantCulture, message, arguments);
}

/// <summary>One finding of a check: an English template (a UI string key) and its arguments.</summary>
public sealed record LicensingMessage(string Code, string Template, params object[] Arguments)
{
    public override string ToString() =>
        Arguments.Length == 0 ? Template : string.Format(System.Globalization.CultureInfo.InvariantCulture, Template, Arguments);
}
