namespace Trellis.Core.Hcl;

/// <summary>One lexical token; <see cref="Text"/> is the decoded value for strings and heredocs.</summary>
internal readonly record struct HclToken(HclTokenKind Kind, string Text, int Line, int Column);
