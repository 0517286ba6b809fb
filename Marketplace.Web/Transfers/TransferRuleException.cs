namespace Marketplace.Web.Transfers;

/// <summary>
/// A transfer object refused an illegal change. <see cref="Exception.Message"/> is English and the key of a UI
/// string; <see cref="Arguments"/> fill its placeholders when the page localises it.
/// </summary>
public sealed class TransferRuleException(string message, params object[] arguments) : InvalidOperationException(Format(message, arguments))
{
    public string Template { get; } = message;

    public IReadOnlyList<object> Arguments { get; } = arguments;

    private static string Format(string message, object[] arguments) =>
        arguments.Length == 0 ? message : string.Format(System.Globalization.CultureInfo.InvariantCulture, message, arguments);
}
