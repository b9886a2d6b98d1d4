namespace Trellis.Ui.Tests;

/// <summary>One browser test's outcome as ui/tests/run.mjs reported it.</summary>
public sealed record BrowserResult(string Name, bool Passed, string? Error, string AgentLog);
