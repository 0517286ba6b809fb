using System.Reflection;
using System.Text.RegularExpressions;
using Marketplace.Web.Data;
using YamlDotNet.RepresentationModel;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>
/// The compose file, the Dockerfiles and the Kubernetes manifests, checked by parsing them: health checks,
/// named volumes, non-root multi-stage images, probes, and environment names that the application reads.
/// </summary>
public sealed partial class InfraFileTests
{
    private static readonly YamlMappingNode Services = InfraFiles.Compose().Map("services");

    private static IEnumerable<(string Name, YamlMappingNode Service)> AllServices() =>
        Services.Children.Select(kv => (((YamlScalarNode)kv.Key).Value!, (YamlMappingNode)kv.Value));

    [Fact]
    public void Compose_has_the_product_services()
    {
        var names = AllServices().Select(s => s.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "elasticsearch", "postgres", "web", "proxy", "indexer" }, names);
        Assert.Equal("3", Services.Map("web").Map("deploy").Text("replicas"));
    }

    [Fact]
    public void Compose_every_long_running_service_has_a_health_check_and_the_job_runs_once()
    {
        foreach (var (name, service) in AllServices())
        {
            if (service.Text("restart") == "no")
            {
                Assert.True(name == "indexer", $"{name} is the only one-shot service expected");
                continue;
            }
            var test = service.Get("healthcheck")?.Get("test") as YamlSequenceNode;
            Assert.True(test is { Children.Count: > 1 }, $"service {name} has no healthcheck test");
        }
        // The web replicas are ready only when /readyz (database and search engine) answers 200.
        Assert.Contains("/readyz", Services.Map("web").Map("healthcheck").Get("test")!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_dependencies_wait_for_healthy_services()
    {
        foreach (var (name, service) in AllServices())
        {
            if (service.Get("depends_on") is not YamlMappingNode deps) continue;
            foreach (var (dep, condition) in deps.Children)
            {
                Assert.True(Services.Children.ContainsKey(dep), $"{name} depends on unknown service {dep}");
                Assert.Equal("service_healthy", condition.Text("condition"));
            }
        }
    }

    [Fact]
    public void Compose_every_volume_is_named_and_declared()
    {
        var declared = InfraFiles.Compose().Map("volumes").Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet();
        var used = new HashSet<string>();
        foreach (var (name, service) in AllServices())
        {
            if (service.Get("volumes") is not YamlSequenceNode volumes) continue;
            foreach (var v in volumes.Children.Cast<YamlScalarNode>())
            {
                var source = v.Value!.Split(':')[0];
                if (source.StartsWith('.')) continue; // a file or folder of this repository (configuration, import)
                Assert.True(declared.Contains(source), $"{name} mounts '{source}', which is not a named volume");
                used.Add(source);
            }
        }
        Assert.Equal(declared.Order(), used.Order());
    }

    [Fact]
    public void Compose_Elasticsearch_image_installs_smartcn()
    {
        var dockerfile = File.ReadAllText(Path.Combine(InfraFiles.Folder, "elasticsearch", "Dockerfile"));
        Assert.Matches(@"FROM docker\.elastic\.co/elasticsearch/elasticsearch:9\.", dockerfile);
        Assert.Contains("elasticsearch-plugin install --batch analysis-smartcn", dockerfile, StringComparison.Ordinal);
        Assert.Equal("./elasticsearch", Services.Map("elasticsearch").Text("build"));
    }

    [Theory]
    [InlineData("Marketplace.Web.Dockerfile", "Marketplace.Web.dll")]
    [InlineData("Search.Indexer.Dockerfile", "Search.Indexer.dll")]
    public void Dockerfiles_are_multi_stage_and_run_as_non_root(string file, string entry)
    {
        var lines = File.ReadAllLines(Path.Combine(InfraFiles.Folder, "docker", file)).Where(l => !l.TrimStart().StartsWith('#')).ToList();
        var froms = lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        Assert.True(froms.Count >= 2, $"{file} is not multi-stage");
        Assert.Contains("/sdk:", froms[0], StringComparison.Ordinal);
        Assert.DoesNotContain("/sdk:", froms[^1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("COPY --from=build", StringComparison.Ordinal));
        // The last USER of the final stage must not be root.
        var finalStage = lines.Skip(lines.IndexOf(froms[^1])).ToList();
        var user = finalStage.LastOrDefault(l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.NotNull(user);
        Assert.DoesNotMatch(@"^USER\s+(root|0)\b", user);
        Assert.Contains(finalStage, l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal) && l.Contains(entry, StringComparison.Ordinal));
        // Every project the build copies exists in the repository.
        foreach (var copy in lines.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from", StringComparison.Ordinal)))
            foreach (var source in copy.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1])
                Assert.True(File.Exists(Path.Combine(Support.RepositoryPaths.Root, source)) || Directory.Exists(Path.Combine(Support.RepositoryPaths.Root, source)), $"{file} copies {source}, which does not exist");
    }

    [Fact]
    public void Compose_web_environment_names_are_configuration_keys_the_app_reads()
    {
        foreach (var service in new[] { "web", "indexer" })
            foreach (var key in InfraFiles.Environment(Services.Map(service)).Keys)
                AssertKnownKey(key, $"compose service {service}");
    }

    [Fact]
    public void Kubernetes_config_map_and_secret_keys_are_configuration_keys_the_app_reads()
    {
        foreach (var file in new[] { "configmap.yaml", "secret.yaml" })
            foreach (var doc in InfraFiles.Load(Path.Combine(InfraFiles.Folder, "k8s", file)))
                foreach (var section in new[] { "data", "stringData" })
                    if (doc.Get(section) is YamlMappingNode map)
                        foreach (var key in map.Children.Keys.Cast<YamlScalarNode>())
                            AssertKnownKey(key.Value!, $"k8s/{file}");
    }

    [Fact]
    public void Kubernetes_web_deployment_probes_readyz_and_healthz_and_runs_as_non_root()
    {
        var deployment = InfraFiles.Load(Path.Combine(InfraFiles.Folder, "k8s", "web.yaml")).First(d => d.Text("kind") == "Deployment");
        var pod = deployment.Get("spec")!.Get("template")!.Get("spec")!;
        Assert.Equal("true", pod.Get("securityContext")!.Text("runAsNonRoot"));
        var container = ((YamlSequenceNode)pod.Get("containers")!).Children[0];
        Assert.Equal("/readyz", container.Get("readinessProbe")!.Get("httpGet")!.Text("path"));
        Assert.Equal("/healthz", container.Get("livenessProbe")!.Get("httpGet")!.Text("path"));
    }

    [Fact]
    public void Kubernetes_indexer_is_a_job_and_the_stores_are_external_services()
    {
        var job = InfraFiles.Load(Path.Combine(InfraFiles.Folder, "k8s", "indexer-job.yaml")).Single();
        Assert.Equal("Job", job.Text("kind"));
        Assert.Equal("Never", job.Get("spec")!.Get("template")!.Get("spec")!.Text("restartPolicy"));
        var external = InfraFiles.Load(Path.Combine(InfraFiles.Folder, "k8s", "external-services.yaml"));
        Assert.Equal(["elasticsearch", "postgres"], external.Select(s => s.Get("metadata")!.Text("name")!).Order().ToArray());
        Assert.All(external, s => Assert.Equal("ExternalName", s.Get("spec")!.Text("type")));
        var kustomization = InfraFiles.Load(Path.Combine(InfraFiles.Folder, "k8s", "kustomization.yaml")).Single();
        foreach (var resource in ((YamlSequenceNode)kustomization.Get("resources")!).Children.Cast<YamlScalarNode>())
            Assert.True(File.Exists(Path.Combine(InfraFiles.Folder, "k8s", resource.Value!)), $"kustomization lists missing {resource.Value}");
    }

    /// <summary>
    /// <c>Section__Key</c> must name a property of the options class bound from that section (nested
    /// sections follow properties), so a misspelt variable cannot be silently ignored in production.
    /// </summary>
    private static void AssertKnownKey(string key, string where)
    {
        if (HostVariable().IsMatch(key)) return;
        var parts = key.Split("__");
        Assert.True(parts.Length >= 2, $"{where}: {key} is neither a host variable nor Section__Key");
        var type = OptionsTypes().GetValueOrDefault(parts[0]);
        Assert.True(type is not null, $"{where}: {key}: no options class is bound from section '{parts[0]}'");
        foreach (var part in parts[1..])
        {
            if (int.TryParse(part, out _) && type!.IsArray) { type = type.GetElementType(); continue; }
            var property = type!.GetProperty(part, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            Assert.True(property is { CanWrite: true }, $"{where}: {key}: {type.Name} has no settable property '{part}'");
            type = property!.PropertyType;
        }
    }

    private static Dictionary<string, Type> OptionsTypes()
    {
        var result = new Dictionary<string, Type>(StringComparer.Ordinal);
        // Analytics first: where the web application binds a section of its own too (Reports), its class wins.
        foreach (var assembly in new[] { typeof(global::Analytics.AnalyticsOptions).Assembly, typeof(MarketplaceDbContext).Assembly, typeof(global::Search.Indexer.SearchOptions).Assembly })
            foreach (var type in assembly.GetTypes())
                if (type.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() is string section && !section.Contains(':', StringComparison.Ordinal))
                    result[section] = type;
        return result;
    }

    [GeneratedRegex("^(ASPNETCORE_[A-Z_]+|DOTNET_[A-Z_]+|PATENT_DATA_DIR)$")]
    private static partial Regex HostVariable();
}
