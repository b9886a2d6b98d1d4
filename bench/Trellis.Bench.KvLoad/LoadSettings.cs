namespace Trellis.Bench.KvLoad;

/// <summary>Load shape shared by every target of one run, so their numbers compare.</summary>
public sealed record LoadSettings(int Clients, TimeSpan Duration, int ValueSize, int KeySpace);
