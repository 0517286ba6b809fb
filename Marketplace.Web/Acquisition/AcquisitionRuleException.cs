namespace Marketplace.Web.Acquisition;

/// <summary>
/// An acquisition object refused a change. <see cref="Field"/> names the form field at fault ("" for the whole form);
/// <see cref="Template"/> is English and the key of a UI string whose placeholders <see cref="Arguments"/> fill.
/// </summary>
public sealed class AcquisitionRuleException(string field, string template, params object[] arguments)
    : InvalidOperationException(arguments.Length == 0 ? template : string.Format(System.Globalization.CultureInfo.InvariantCulture, template, arguments))
{
    public string Field { get; } = field;

    public string Template { get; } = template;

    public IReadOnlyList<object> Arguments { get; } = arguments;
}

/// <summary>The form fields a refusal may name.</summary>
public static class AcquisitionFields
{
    public const string Name = "Name";
    public const string Purpose = "Purpose";
    public const string Chain = "Chain";
    public const string Price = "Price";
    public const string Terms = "Terms";
    public const string ValidUntil = "ValidUntil";
    public const string Message = "Message";
    public const string Note = "Note";
    public const string Date = "Date";
    public const string Description = "Description";
    public const string Patents = "Patents";
    public const string Years = "Years";
}
