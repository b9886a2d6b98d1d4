namespace Trellis.Hosting.Configuration;

/// <summary>
/// Builds the agent's <see cref="AgentConfig"/> the way Consul's agent/config/builder.go does: defaults, then the
/// dev-mode source when <c>-dev</c>, then each <c>-config-file</c>/<c>-config-dir</c> in the order given, then the
/// command-line flags, then <c>-hcl</c> fragments. Each source is type-checked on its own (so errors name its file and
/// line), the sources are merged (later scalars win, lists append) and the result is validated once.
/// </summary>
/// <remarks>Stateless; safe to call from any thread. Reads files synchronously (config is small and read once at start).</remarks>
public static class ConfigLoader
{
    /// <summary>Consul's dev-mode source (agent/config/default.go DevSource), limited to the keys Trellis knows.</summary>
    public const string DevSource = """
        bind_addr = "127.0.0.1"
        client_addr = "127.0.0.1"
        bootstrap = true
        server = true
        log_level = "DEBUG"
        ui_config {
          enabled = true
        }
        """;

    /// <summary>Name used in error messages for the command-line flags source.</summary>
    public const string FlagsSourceName = "command-line flags";

    public static AgentConfig Load(ConfigLoadOptions options)
    {
        var sources = new List<ConfigSource>();
        if (options.DevMode)
        {
            sources.Add(ConfigSource.Hcl("dev", DevSource));
        }

        foreach (var path in options.ConfigPaths)
        {
            sources.AddRange(ReadPath(path));
        }

        if (options.Flags is not null)
        {
            sources.Add(ConfigSource.FromTree(FlagsSourceName, options.Flags));
        }

        for (var i = 0; i < options.HclFragments.Count; i++)
        {
            sources.Add(ConfigSource.Hcl($"flags-{i}.hcl", options.HclFragments[i]));
        }

        return Build(sources, options.DevMode) with { LoadOptions = options };
    }

    /// <summary>Merges already gathered sources onto the defaults and validates the result.</summary>
    public static AgentConfig Build(IEnumerable<ConfigSource> sources, bool devMode)
    {
        var merged = new ConfigFragment();
        foreach (var source in sources)
        {
            merged = merged.MergeWith(ConfigDecoder.Decode(source));
        }

        var config = Apply(new AgentConfig { DevMode = devMode }, merged);
        Validate(config);
        return config;
    }

    /// <summary>
    /// For <c>trellis validate</c>: loads the given files and directories as the agent would, without flags. Like
    /// <c>consul validate</c> it checks the files' content, so a missing <c>data_dir</c> is not an error here.
    /// </summary>
    public static AgentConfig ValidateConfig(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
        {
            throw new ConfigException("Must specify at least one config file or directory");
        }

        var sources = paths.SelectMany(ReadPath).ToList();
        if (sources.Count == 0)
        {
            throw new ConfigException($"No config files found in {string.Join(", ", paths)}");
        }

        var merged = new ConfigFragment();
        foreach (var source in sources)
        {
            merged = merged.MergeWith(ConfigDecoder.Decode(source));
        }

        var config = Apply(new AgentConfig(), merged);
        Validate(config with { DataDir = config.DataDir ?? "validate" });
        return config;
    }

    /// <summary>
    /// The sources one <c>-config-file</c>/<c>-config-dir</c> path contributes: a file by its extension, or a
    /// directory's <c>.hcl</c> and <c>.json</c> files in lexical order (subdirectories and other files skipped).
    /// </summary>
    public static IReadOnlyList<ConfigSource> ReadPath(string path)
    {
        if (Directory.Exists(path))
        {
            return Directory.EnumerateFiles(path)
                .Where(f => FormatOf(f) is not null)
                .Order(StringComparer.Ordinal)
                .Select(f => ReadFile(f, FormatOf(f)!))
                .ToList();
        }

        if (!File.Exists(path))
        {
            throw new ConfigException($"config: Open failed on {path}: no such file or directory", path, 0, null);
        }

        var format = FormatOf(path)
            ?? throw new ConfigException($"config: Encountered config file {path} without a format (.hcl or .json)", path, 0, null);
        return [ReadFile(path, format)];
    }

    private static string? FormatOf(string path) => Path.GetExtension(path) switch
    {
        ".hcl" => "hcl",
        ".json" => "json",
        _ => null,
    };

    private static ConfigSource ReadFile(string path, string format)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"config: Error reading {path}: {ex.Message}", path, 0, null, ex);
        }

        return format == "hcl" ? ConfigSource.Hcl(path, text) : ConfigSource.Json(path, text);
    }

    private static AgentConfig Apply(AgentConfig c, ConfigFragment f) => c with
    {
        Datacenter = f.Datacenter ?? c.Datacenter,
        NodeName = f.NodeName ?? c.NodeName,
        NodeId = f.NodeId ?? c.NodeId,
        DataDir = f.DataDir ?? c.DataDir,
        Server = f.Server ?? c.Server,
        Bootstrap = f.Bootstrap ?? c.Bootstrap,
        BindAddr = f.BindAddr ?? c.BindAddr,
        ClientAddr = f.ClientAddr ?? c.ClientAddr,
        AdvertiseAddr = f.AdvertiseAddr ?? c.AdvertiseAddr,
        HttpPort = f.HttpPort ?? c.HttpPort,
        DnsPort = f.DnsPort ?? c.DnsPort,
        ServerPort = f.ServerPort ?? c.ServerPort,
        LogLevel = f.LogLevel ?? c.LogLevel,
        LogJson = f.LogJson ?? c.LogJson,
        PidFile = f.PidFile ?? c.PidFile,
        // Consul compat: ui_config.enabled wins over the older top-level ui.
        EnableUi = f.UiConfigEnabled ?? f.Ui ?? c.EnableUi,
        // Consul compat: the content path is normalized to start and end with a slash.
        UiContentPath = f.UiContentPath is null ? c.UiContentPath : Trellis.Ui.UiOptions.NormalizeContentPath(f.UiContentPath),
        UiDir = f.UiDir ?? c.UiDir,
        KvMaxValueSize = f.KvMaxValueSize ?? c.KvMaxValueSize,
        TxnMaxRequestLength = f.TxnMaxReqLen ?? c.TxnMaxRequestLength,
        SessionTtlMin = f.SessionTtlMin ?? c.SessionTtlMin,
        RetryJoin = f.RetryJoin,
        Services = f.Services,
        Checks = f.Checks,
        EnableScriptChecks = f.EnableScriptChecks ?? c.EnableScriptChecks,
        EnableLocalScriptChecks = f.EnableLocalScriptChecks ?? c.EnableLocalScriptChecks,
        CheckUpdateInterval = f.CheckUpdateInterval ?? c.CheckUpdateInterval,
        CheckOutputMaxSize = f.CheckOutputMaxSize ?? c.CheckOutputMaxSize,
        AeInterval = f.AeInterval ?? c.AeInterval,
        DnsAddr = f.DnsAddr ?? c.DnsAddr,
        Dns = ConfigDecoder.ApplyDns(c.Dns, f),
        Autopilot = f.Autopilot.Aggregate(c.Autopilot, (settings, edit) => edit(settings)),
    };

    private static string Quote(string? s) => $"\"{s}\"";

    private static void Validate(AgentConfig c)
    {
        if (string.IsNullOrEmpty(c.DataDir) && !c.DevMode)
        {
            throw new ConfigException("data_dir cannot be empty", null, 0, "data_dir");
        }

        if (c.Bootstrap && !c.Server)
        {
            throw new ConfigException("'bootstrap = true' requires 'server = true'", null, 0, "bootstrap");
        }

        if (string.IsNullOrWhiteSpace(c.NodeName))
        {
            throw new ConfigException("node_name cannot be empty", null, 0, "node_name");
        }

        if (c.AdvertiseAddr is "0.0.0.0" or "::" or "[::]")
        {
            throw new ConfigException("Advertise address cannot be 0.0.0.0, :: or [::]", null, 0, "advertise_addr");
        }

        foreach (var service in c.Services)
        {
            var error = Trellis.Agent.Local.ServiceDefinitionValidator.ValidateService(service);
            if (error is not null)
            {
                throw new ConfigException($"service {Quote(service.Name)}: {error}", null, 0, "service");
            }
        }

        foreach (var check in c.Checks)
        {
            var error = Trellis.Agent.Local.ServiceDefinitionValidator.ValidateCheck(check);
            if (error is not null)
            {
                throw new ConfigException($"check {Quote(check.Name)}: {error}", null, 0, "check");
            }
        }
    }
}
