using Xunit.Abstractions;
using Xunit.Sdk;

namespace Search.Indexer.Tests.Engine;

/// <summary>
/// A conformance fact: runs like <see cref="FactAttribute"/>, except on a test class marked
/// <see cref="RequiresEnvironmentAttribute"/> whose variable is not set, where it is reported as skipped
/// with the reason "&lt;VARIABLE&gt; not set". xunit 2.9 has no run-time skip (Assert.Skip is xunit v3),
/// so the decision is taken at discovery, per class: the Lucene suite always runs, the Elasticsearch
/// suite runs whenever ELASTICSEARCH_URL points at a cluster.
/// </summary>
[XunitTestCaseDiscoverer("Search.Indexer.Tests.Engine.ConformanceFactDiscoverer", "Search.Indexer.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ConformanceFactAttribute : FactAttribute;

/// <summary>The theory counterpart of <see cref="ConformanceFactAttribute"/>.</summary>
[XunitTestCaseDiscoverer("Search.Indexer.Tests.Engine.ConformanceTheoryDiscoverer", "Search.Indexer.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ConformanceTheoryAttribute : TheoryAttribute;

/// <summary>The engine under a conformance class needs this environment variable (e.g. a cluster URL).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresEnvironmentAttribute(string variable) : Attribute
{
    public string Variable { get; } = variable;

    internal static string? SkipReason(ITestMethod testMethod)
    {
        foreach (var a in testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresEnvironmentAttribute)))
        {
            var variable = a.GetConstructorArguments().First() as string;
            if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(variable!))) return $"{variable} not set";
        }
        return null;
    }
}

public sealed class ConformanceFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var skip = RequiresEnvironmentAttribute.SkipReason(testMethod);
        return skip is null
            ? base.Discover(discoveryOptions, testMethod, factAttribute)
            : [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, skip)];
    }
}

public sealed class ConformanceTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute)
    {
        var skip = RequiresEnvironmentAttribute.SkipReason(testMethod);
        return skip is null
            ? base.Discover(discoveryOptions, testMethod, theoryAttribute)
            : [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, skip)];
    }
}
