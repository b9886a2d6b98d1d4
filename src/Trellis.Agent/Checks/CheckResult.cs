namespace Trellis.Agent.Checks;

/// <summary>The outcome of one run of an interval check.</summary>
internal readonly record struct CheckResult(string Status, string Output);
