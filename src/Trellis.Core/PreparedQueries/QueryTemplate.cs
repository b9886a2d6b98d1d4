using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Trellis.Core.PreparedQueries;

/// <summary>
/// A compiled prepared query template (Consul's <c>prepared_query.CompiledTemplate</c>): every string field of the
/// <c>Service</c> section parsed as HIL, plus the optional regular expression. <see cref="Render"/> fills in
/// <c>${name.full}</c>, <c>${name.prefix}</c>, <c>${name.suffix}</c>, <c>${agent.segment}</c> and <c>${match(N)}</c>.
/// </summary>
/// <remarks>
/// Immutable after compilation; safe from any thread. <see cref="For"/> caches one compiled template per stored
/// (immutable) query instance.
/// </remarks>
public sealed class QueryTemplate
{
    private static readonly ConditionalWeakTable<PreparedQuery, QueryTemplate> Cache = new();
    private static readonly Regex NamedGroup = new(@"\(\?P?<[A-Za-z_][A-Za-z0-9_]*>", RegexOptions.CultureInvariant);

    private readonly PreparedQuery _query;
    private readonly Dictionary<string, HilString> _fields;
    private readonly Regex? _regex;

    private QueryTemplate(PreparedQuery query, Dictionary<string, HilString> fields, Regex? regex)
    {
        _query = query;
        _fields = fields;
        _regex = regex;
    }

    /// <summary>
    /// Compiles <paramref name="query"/> and test-renders it with its own name, as Consul does; throws
    /// <see cref="QueryTemplateException"/> with Consul's text ("Bad Template.Type …", "Bad format …", "Bad Regexp: …").
    /// </summary>
    public static QueryTemplate Compile(PreparedQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Template?.Type != QueryTemplateOptions.NamePrefixMatch)
        {
            throw new QueryTemplateException($"Bad Template.Type '{query.Template?.Type}'");
        }

        var fields = new Dictionary<string, HilString>(StringComparer.Ordinal);
        foreach (var (path, value) in Walk(query.Service ?? new ServiceQuery()))
        {
            try
            {
                fields[path] = HilString.Parse(value);
            }
            catch (FormatException ex)
            {
                throw new QueryTemplateException($"Bad format '{value}' in Service{path}: {ex.Message}");
            }
        }

        Regex? regex = null;
        if (!string.IsNullOrEmpty(query.Template.Regexp))
        {
            try
            {
                // Consul compat: Go numbers groups by position, named or not; drop the names so .NET does the same.
                var pattern = NamedGroup.Replace(query.Template.Regexp, "(");
                regex = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
            {
                throw new QueryTemplateException($"Bad Regexp: {ex.Message}");
            }
        }

        var compiled = new QueryTemplate(query, fields, regex);
        compiled.Render(query.Name, "");
        return compiled;
    }

    /// <summary>The compiled template of a stored template query (compiled once per instance).</summary>
    public static QueryTemplate For(PreparedQuery query) => Cache.GetValue(query, static q => Compile(q));

    /// <summary>Renders the template for the looked-up <paramref name="name"/> (Consul's <c>Render</c>).</summary>
    public PreparedQuery Render(string name, string agentSegment)
    {
        var matches = new List<string>();
        if (_regex is not null)
        {
            var match = _regex.Match(name);
            if (match.Success)
            {
                for (var g = 0; g < match.Groups.Count; g++)
                {
                    matches.Add(match.Groups[g].Success ? match.Groups[g].Value : "");
                }
            }
        }

        var prefix = _query.Name;
        var scope = new HilString.Scope(
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["name.full"] = name,
                ["name.prefix"] = prefix,
                ["name.suffix"] = name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name,
                ["agent.segment"] = agentSegment,
            },
            matches);

        string Eval(string path, string value)
        {
            if (!_fields.TryGetValue(path, out var tree))
            {
                return value;
            }

            try
            {
                return tree.Evaluate(scope);
            }
            catch (InvalidOperationException ex) when (ex.Message == "int")
            {
                throw new QueryTemplateException($"Expected Service{path} field to be a string, got int");
            }
            catch (InvalidOperationException ex)
            {
                throw new QueryTemplateException($"Bad evaluation for '{value}' in Service{path}: {ex.Message}");
            }
        }

        var s = _query.Service ?? new ServiceQuery();
        var failover = s.Failover ?? new QueryFailoverOptions();
        IReadOnlyList<string>? tags = s.Tags?.Select((t, i) => Eval($".Tags[{i}]", t)).ToList();
        if (_query.Template.RemoveEmptyTags)
        {
            tags = tags?.Where(t => t.Length > 0).ToList() ?? [];
        }

        var service = s with
        {
            Service = Eval(".Service", s.Service),
            SamenessGroup = Eval(".SamenessGroup", s.SamenessGroup),
            Failover = failover with
            {
                Datacenters = failover.Datacenters?.Select((d, i) => Eval($".Failover.Datacenters[{i}]", d)).ToList(),
                Targets = failover.Targets?.Select((t, i) => t with
                {
                    Peer = Eval($".Failover.Targets[{i}].Peer", t.Peer),
                    Datacenter = Eval($".Failover.Targets[{i}].Datacenter", t.Datacenter),
                }).ToList(),
            },
            IgnoreCheckIDs = s.IgnoreCheckIDs?.Select((c, i) => Eval($".IgnoreCheckIDs[{i}]", c)).ToList(),
            Near = Eval(".Near", s.Near),
            Tags = tags,
            NodeMeta = s.NodeMeta?.ToDictionary(kv => kv.Key, kv => Eval($".NodeMeta[{kv.Key}]", kv.Value), StringComparer.Ordinal),
            ServiceMeta = s.ServiceMeta?.ToDictionary(kv => kv.Key, kv => Eval($".ServiceMeta[{kv.Key}]", kv.Value), StringComparer.Ordinal),
            Peer = Eval(".Peer", s.Peer),
        };
        return _query with { Service = service };
    }

    /// <summary>Every string field of the Service section with its path, in field order.</summary>
    private static IEnumerable<(string Path, string Value)> Walk(ServiceQuery s)
    {
        yield return (".Service", s.Service ?? "");
        yield return (".SamenessGroup", s.SamenessGroup ?? "");
        var failover = s.Failover ?? new QueryFailoverOptions();
        foreach (var (d, i) in (failover.Datacenters ?? []).Select((d, i) => (d, i)))
        {
            yield return ($".Failover.Datacenters[{i}]", d ?? "");
        }

        foreach (var (t, i) in (failover.Targets ?? []).Select((t, i) => (t, i)))
        {
            yield return ($".Failover.Targets[{i}].Peer", t?.Peer ?? "");
            yield return ($".Failover.Targets[{i}].Datacenter", t?.Datacenter ?? "");
        }

        foreach (var (c, i) in (s.IgnoreCheckIDs ?? []).Select((c, i) => (c, i)))
        {
            yield return ($".IgnoreCheckIDs[{i}]", c ?? "");
        }

        yield return (".Near", s.Near ?? "");
        foreach (var (t, i) in (s.Tags ?? []).Select((t, i) => (t, i)))
        {
            yield return ($".Tags[{i}]", t ?? "");
        }

        foreach (var kv in (s.NodeMeta ?? new Dictionary<string, string>()).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            yield return ($".NodeMeta[{kv.Key}]", kv.Value ?? "");
        }

        foreach (var kv in (s.ServiceMeta ?? new Dictionary<string, string>()).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            yield return ($".ServiceMeta[{kv.Key}]", kv.Value ?? "");
        }

        yield return (".Peer", s.Peer ?? "");
    }
}
