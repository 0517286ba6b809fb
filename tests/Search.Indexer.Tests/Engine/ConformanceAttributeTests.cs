using System.Reflection;

namespace Search.Indexer.Tests.Engine;

/// <summary>
/// Every test of the shared conformance suite must be a <see cref="ConformanceFactAttribute"/> or
/// <see cref="ConformanceTheoryAttribute"/>: a plain [Fact] would run on the Elasticsearch copy
/// without a cluster and fail instead of reporting "ELASTICSEARCH_URL not set".
/// </summary>
public sealed class ConformanceAttributeTests
{
    [Fact]
    public void ConformanceSuite_uses_only_conformance_attributes()
    {
        var plain = typeof(PatentIndexConformanceTests).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.GetCustomAttributes<FactAttribute>().Any(a => a is not ConformanceFactAttribute and not ConformanceTheoryAttribute))
            .Select(m => m.Name)
            .ToList();
        Assert.True(plain.Count == 0, $"Use [ConformanceFact]/[ConformanceTheory] in PatentIndexConformanceTests, not [Fact]/[Theory]: {string.Join(", ", plain)}");
        Assert.True(typeof(PatentIndexConformanceTests).GetMethods().Count(m => m.GetCustomAttributes<FactAttribute>().Any()) > 40);
    }
}
