namespace Trellis.Agent.Local;

/// <summary>Where a local service or check was defined: config files (reloaded, never persisted) or the HTTP API (persisted).</summary>
public enum LocalSource
{
    Config = 0,
    Api = 1,
}
