namespace Trellis.Cli.Tests.TestSupport;

public sealed record RecordedRequest(string Method, string PathAndQuery, byte[] Body, string Token);
