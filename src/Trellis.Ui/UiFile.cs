namespace Trellis.Ui;

/// <summary>One static asset of the UI: its bytes, MIME type and a strong ETag.</summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed record UiFile(ReadOnlyMemory<byte> Content, string ContentType, string ETag);
