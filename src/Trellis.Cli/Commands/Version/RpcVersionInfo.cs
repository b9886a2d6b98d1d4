namespace Trellis.Cli.Commands.Version;

/// <summary>The gossip protocol versions spoken, as <c>version -format=json</c> prints them under "RPC".</summary>
public sealed record RpcVersionInfo(int Default, int Min, int Max);
