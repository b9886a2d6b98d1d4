using System.Reflection;

namespace Trellis.ArchitectureTests;

/// <summary>
/// The dependency rules of shared/design/ARCHITECTURE.md, checked on the compiled assemblies'
/// references (transitively, among Trellis assemblies only).
/// </summary>
public sealed class DependencyRulesTests
{
    private static readonly string[] AllParts =
    [
        "Trellis.Core", "Trellis.State", "Trellis.Consensus", "Trellis.Server", "Trellis.Agent",
        "Trellis.Http", "Trellis.Ui", "Trellis.Hosting", "Trellis.Api", "trellis", "Trellis.Dns",
    ];

    public static TheoryData<string, string> ForbiddenEdges => new()
    {
        { "Trellis.Core", "Trellis.State" },
        { "Trellis.Core", "Trellis.Consensus" },
        { "Trellis.Core", "Trellis.Server" },
        { "Trellis.Core", "Trellis.Agent" },
        { "Trellis.Core", "Trellis.Http" },
        { "Trellis.State", "Trellis.Consensus" },
        { "Trellis.State", "Trellis.Server" },
        { "Trellis.State", "Trellis.Agent" },
        { "Trellis.State", "Trellis.Http" },
        { "Trellis.Consensus", "Trellis.Server" },
        { "Trellis.Consensus", "Trellis.Agent" },
        { "Trellis.Consensus", "Trellis.Http" },
        { "Trellis.Server", "Trellis.Agent" },
        { "Trellis.Server", "Trellis.Http" },
        { "Trellis.Server", "Trellis.Hosting" },
        { "Trellis.Agent", "Trellis.Server" },
        { "Trellis.Agent", "Trellis.Consensus" },
        { "Trellis.Agent", "Trellis.State" },
        { "Trellis.Agent", "Trellis.Http" },
        { "Trellis.Http", "Trellis.Server" },
        { "Trellis.Http", "Trellis.Consensus" },
        { "Trellis.Http", "Trellis.State" },
        { "Trellis.Api", "Trellis.State" },
        { "Trellis.Api", "Trellis.Server" },
        { "Trellis.Api", "Trellis.Agent" },
        { "Trellis.Api", "Trellis.Hosting" },
        // The web UI is static assets plus the code that serves them: it talks to the agent only over HTTP.
        { "Trellis.Ui", "Trellis.Core" },
        { "Trellis.Ui", "Trellis.State" },
        { "Trellis.Ui", "Trellis.Consensus" },
        { "Trellis.Ui", "Trellis.Server" },
        { "Trellis.Ui", "Trellis.Agent" },
        { "Trellis.Ui", "Trellis.Http" },
        { "Trellis.Ui", "Trellis.Hosting" },
        { "Trellis.Core", "Trellis.Ui" },
        { "Trellis.State", "Trellis.Ui" },
        { "Trellis.Consensus", "Trellis.Ui" },
        { "Trellis.Server", "Trellis.Ui" },
        { "Trellis.Agent", "Trellis.Ui" },
        { "Trellis.Http", "Trellis.Ui" },
        { "Trellis.Api", "Trellis.Ui" },
        // DNS reads through the agent's IServerRpc, like HTTP: never the server, Raft or the store directly.
        { "Trellis.Dns", "Trellis.Server" },
        { "Trellis.Dns", "Trellis.Consensus" },
        { "Trellis.Dns", "Trellis.State" },
        { "Trellis.Dns", "Trellis.Http" },
        { "Trellis.Dns", "Trellis.Hosting" },
        { "Trellis.Dns", "Trellis.Ui" },
        { "Trellis.Core", "Trellis.Dns" },
        { "Trellis.State", "Trellis.Dns" },
        { "Trellis.Consensus", "Trellis.Dns" },
        { "Trellis.Server", "Trellis.Dns" },
        { "Trellis.Agent", "Trellis.Dns" },
        { "Trellis.Http", "Trellis.Dns" },
        { "Trellis.Api", "Trellis.Dns" },
    };

    [Fact]
    public void Dns_DependsOnlyOnAgentAndCore()
    {
        var closure = TrellisClosure("Trellis.Dns");

        Assert.Contains("Trellis.Core", closure);
        Assert.Subset(new HashSet<string>(["Trellis.Core", "Trellis.Agent"], StringComparer.Ordinal), closure);
    }

    [Fact]
    public void OnlyDns_ReferencesTheDnsLibrary()
    {
        foreach (var part in AllParts.Where(p => p != "Trellis.Dns"))
        {
            Assert.DoesNotContain(Load(part).GetReferencedAssemblies(), a => a.Name!.StartsWith("ARSoft", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(ForbiddenEdges))]
    public void Assembly_DoesNotDependOn_ForbiddenPart(string from, string to)
    {
        var closure = TrellisClosure(from);

        Assert.DoesNotContain(to, closure);
    }

    [Fact]
    public void State_ReferencesNoWebRaftOrDnsLibrary()
    {
        var references = Load("Trellis.State").GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, name =>
            name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            || name.StartsWith("DotNext", StringComparison.Ordinal)
            || name.StartsWith("ARSoft", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryPart_IsLoadable()
    {
        foreach (var part in AllParts)
        {
            Assert.Equal(part, Load(part).GetName().Name);
        }
    }

    private static HashSet<string> TrellisClosure(string root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([root]);
        while (pending.TryPop(out var name))
        {
            foreach (var reference in Load(name).GetReferencedAssemblies())
            {
                var referenced = reference.Name!;
                if (IsTrellis(referenced) && seen.Add(referenced))
                {
                    pending.Push(referenced);
                }
            }
        }

        return seen;
    }

    private static bool IsTrellis(string name) =>
        name.StartsWith("Trellis.", StringComparison.Ordinal) || name == "trellis";

    private static Assembly Load(string name) => Assembly.Load(new AssemblyName(name));
}
