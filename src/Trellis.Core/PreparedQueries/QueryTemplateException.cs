namespace Trellis.Core.PreparedQueries;

/// <summary>A template that does not compile or render; the message is Consul's text.</summary>
public sealed class QueryTemplateException(string message) : Exception(message);
