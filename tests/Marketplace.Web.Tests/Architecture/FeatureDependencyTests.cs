using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Marketplace.Web.Tests.Architecture;

/// <summary>
/// Feature folders of Marketplace.Web point one way: read from the compiled assembly's IL (signatures,
/// method bodies, attributes and the compiled Razor views), so a reference no using directive shows
/// (a var, a fully qualified name, a view) still counts.
/// </summary>
public sealed class FeatureDependencyTests
{
    /// <summary>
    /// Composition roots reference every feature by design: the host registers and maps them, the DbContext
    /// holds a set of each feature's entities, the demo seeds them all, and the shared layout and component
    /// views render each feature's parts. They are left out; every other folder takes part.
    /// </summary>
    private static readonly HashSet<string> CompositionRoots = ["Hosting", "Data", "Demo", "Shared"];

    private static readonly Lazy<Dictionary<string, Dictionary<string, string>>> Graph = new(ReadGraph);

    [Fact]
    public void No_two_feature_folders_depend_on_each_other_directly_or_through_others()
    {
        var cycles = Cycles(Graph.Value.ToDictionary(kv => kv.Key, kv => (IReadOnlyCollection<string>)kv.Value.Keys));

        Assert.True(cycles.Count == 0, "Feature folders in a cycle:\n" + string.Join("\n", cycles.Select(c =>
            string.Join(" → ", c.Append(c[0])) + "\n  " + string.Join("\n  ", c.Select((from, i) => $"{from} → {c[(i + 1) % c.Count]}: {Graph.Value[from][c[(i + 1) % c.Count]]}")))));
    }

    [Fact]
    public void The_graph_sees_what_the_features_really_use()
    {
        var graph = Graph.Value;

        // Known edges, each through a different kind of reference: a constructor parameter, a view's model, a method body.
        Assert.Contains("Accounts", graph["Organizations"].Keys);
        Assert.Contains("Licensing", graph["Needs"].Keys);
        Assert.Contains("Patents", graph["Saved"].Keys);
        Assert.DoesNotContain("Organizations", graph["Accounts"].Keys);
    }

    [Fact]
    public void The_cycle_finder_reports_a_cycle_through_three_folders_and_none_in_a_chain()
    {
        Assert.Equal([["A", "B", "C"]], Cycles(new Dictionary<string, IReadOnlyCollection<string>> { ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"] }));
        Assert.Empty(Cycles(new Dictionary<string, IReadOnlyCollection<string>> { ["A"] = ["B"], ["B"] = ["C"], ["D"] = ["A", "C"] }));
    }

    /// <summary>From feature to feature, with one example of a reference that makes the edge.</summary>
    private static Dictionary<string, Dictionary<string, string>> ReadGraph()
    {
        var module = ModuleDefinition.ReadModule(typeof(Program).Assembly.Location);
        var graph = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var type in module.GetTypes())
        {
            if (FeatureOf(type) is not { } from || CompositionRoots.Contains(from)) continue;
            foreach (var (used, where) in References(type))
            {
                if (used.Scope != module && used.Module != module) continue;
                if (FeatureOf(used) is not { } to || to == from || CompositionRoots.Contains(to)) continue;
                var edges = graph.TryGetValue(from, out var e) ? e : graph[from] = new(StringComparer.Ordinal);
                edges.TryAdd(to, $"{Outermost(type).FullName} uses {used.FullName} ({where})");
            }
        }
        return graph;
    }

    /// <summary>
    /// The feature folder a type lives in: <c>Marketplace.Web.X…</c> and <c>Marketplace.Web.Pages.X…</c> are X,
    /// a compiled view <c>AspNetCoreGeneratedDocument.Pages_X_…</c> is X; anything else (Program, libraries) none.
    /// </summary>
    private static string? FeatureOf(TypeReference type)
    {
        var outer = Outermost(type);
        var parts = outer.Namespace.Split('.');
        if (outer.Namespace == "AspNetCoreGeneratedDocument" && outer.Name.StartsWith("Pages_", StringComparison.Ordinal))
            return outer.Name.Split('_', StringSplitOptions.RemoveEmptyEntries)[1];
        if (parts is ["Marketplace", "Web", "Pages", var page, ..]) return page;
        if (parts is ["Marketplace", "Web", var feature, ..]) return feature;
        return null;
    }

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }

    private static IEnumerable<(TypeReference Type, string Where)> References(TypeDefinition type)
    {
        IEnumerable<TypeReference> Expand(TypeReference? t)
        {
            switch (t)
            {
                case null: yield break;
                case GenericInstanceType g:
                    foreach (var x in Expand(g.ElementType)) yield return x;
                    foreach (var a in g.GenericArguments) foreach (var x in Expand(a)) yield return x;
                    break;
                case TypeSpecification s:
                    foreach (var x in Expand(s.ElementType)) yield return x;
                    break;
                case GenericParameter: yield break;
                default: yield return t; break;
            }
        }
        IEnumerable<TypeReference> OfMember(MemberReference m) => m switch
        {
            MethodReference method => Expand(method.DeclaringType).Concat(Expand(method.ReturnType)).Concat(method.Parameters.SelectMany(p => Expand(p.ParameterType)))
                .Concat(method is GenericInstanceMethod gm ? gm.GenericArguments.SelectMany(Expand) : []),
            FieldReference field => Expand(field.DeclaringType).Concat(Expand(field.FieldType)),
            TypeReference t => Expand(t),
            _ => [],
        };
        IEnumerable<TypeReference> OfAttributes(ICustomAttributeProvider p) =>
            p.HasCustomAttributes ? p.CustomAttributes.SelectMany(a => Expand(a.AttributeType)) : [];

        foreach (var t in Expand(type.BaseType)) yield return (t, "base type");
        foreach (var i in type.Interfaces) foreach (var t in Expand(i.InterfaceType)) yield return (t, "interface");
        foreach (var t in OfAttributes(type)) yield return (t, "attribute");
        foreach (var f in type.Fields) foreach (var t in Expand(f.FieldType).Concat(OfAttributes(f))) yield return (t, "field " + f.Name);
        foreach (var p in type.Properties) foreach (var t in Expand(p.PropertyType).Concat(OfAttributes(p))) yield return (t, "property " + p.Name);
        foreach (var m in type.Methods)
        {
            foreach (var t in Expand(m.ReturnType).Concat(m.Parameters.SelectMany(p => Expand(p.ParameterType))).Concat(OfAttributes(m)))
                yield return (t, "signature of " + m.Name);
            if (!m.HasBody) continue;
            foreach (var v in m.Body.Variables) foreach (var t in Expand(v.VariableType)) yield return (t, "local in " + m.Name);
            foreach (var instruction in m.Body.Instructions)
                if (instruction.Operand is MemberReference member)
                    foreach (var t in OfMember(member)) yield return (t, $"{instruction.OpCode.Name} in {m.Name}");
        }
    }

    /// <summary>Every strongly connected group of two or more folders, each as one cycle through its members (Tarjan).</summary>
    private static List<List<string>> Cycles(IReadOnlyDictionary<string, IReadOnlyCollection<string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var found = new List<List<string>>();
        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            foreach (var w in graph.GetValueOrDefault(v) ?? [])
            {
                if (!index.TryGetValue(w, out var seen)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (stack.Contains(w)) low[v] = Math.Min(low[v], seen);
            }
            if (low[v] != index[v]) return;
            var group = new List<string>();
            string x;
            do { x = stack.Pop(); group.Add(x); } while (x != v);
            if (group.Count > 1) found.Add(CycleThrough(group.ToHashSet(), graph));
        }
        foreach (var v in graph.Keys.Order(StringComparer.Ordinal))
            if (!index.ContainsKey(v)) Visit(v);
        return found;
    }

    /// <summary>A closed path inside one strongly connected group, starting at its first folder by name.</summary>
    private static List<string> CycleThrough(HashSet<string> group, IReadOnlyDictionary<string, IReadOnlyCollection<string>> graph)
    {
        var start = group.Order(StringComparer.Ordinal).First();
        // Breadth-first from start back to start, inside the group.
        var previous = new Dictionary<string, string>();
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var v = queue.Dequeue();
            foreach (var w in (graph.GetValueOrDefault(v) ?? []).Where(group.Contains).Order(StringComparer.Ordinal))
            {
                if (w == start)
                {
                    var path = new List<string> { v };
                    while (path[^1] != start) path.Add(previous[path[^1]]);
                    path.Reverse();
                    return path;
                }
                if (previous.TryAdd(w, v)) queue.Enqueue(w);
            }
        }
        return [.. group.Order(StringComparer.Ordinal)];
    }
}
