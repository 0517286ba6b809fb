using Marketplace.Web.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>The files under infra/, parsed: Docker cannot run on the development machines, so these tests check what can be checked.</summary>
internal static class InfraFiles
{
    public static string Folder => Path.Combine(RepositoryPaths.Root, "infra");

    public static YamlMappingNode Compose() => (YamlMappingNode)Load(Path.Combine(Folder, "compose.yaml")).Single();

    /// <summary>Every document of a (multi-document) YAML file.</summary>
    public static IReadOnlyList<YamlNode> Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return [.. stream.Documents.Select(d => d.RootNode)];
    }

    public static YamlMappingNode Map(this YamlNode node, string key) =>
        (YamlMappingNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)];

    public static YamlNode? Get(this YamlNode node, string key) =>
        node is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    public static string? Text(this YamlNode node, string key) => (node.Get(key) as YamlScalarNode)?.Value;

    /// <summary>Service name → its environment (merge keys resolved), as the container sees it.</summary>
    public static Dictionary<string, string> Environment(YamlMappingNode service)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        if (service.Get("environment") is YamlMappingNode map)
        {
            foreach (var (k, v) in map.Children)
            {
                var key = ((YamlScalarNode)k).Value!;
                if (key == "<<" && v is YamlMappingNode merged)
                    foreach (var (mk, mv) in merged.Children) env.TryAdd(((YamlScalarNode)mk).Value!, ((YamlScalarNode)mv).Value ?? "");
                else
                    env[key] = ((YamlScalarNode)v).Value ?? "";
            }
        }
        return env;
    }
}
