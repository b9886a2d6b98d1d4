using System.Globalization;
using System.Text.RegularExpressions;
using Trellis.TestKit;

namespace Trellis.IntegrationTests.Dns;

/// <summary>Debian's <c>dig</c> (dnsutils) against an agent's DNS port: a real resolver parses our packets.</summary>
public static partial class Dig
{
    public static async Task<DigResult> QueryAsync(TrellisAgent agent, string name, string type, params string[] options)
    {
        string[] args =
        [
            "@" + agent.Address, "-p", agent.DnsPort.ToString(CultureInfo.InvariantCulture), name, type,
            "+tries=1", "+time=5", "+nocookie", .. options,
        ];
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync("dig", args, TimeSpan.FromSeconds(30));
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("dig is missing: run scripts/install-test-deps.sh (Debian package dnsutils)", ex);
        }

        return new DigResult(result.StdOut, result.ExitCode);
    }

    /// <summary>What dig printed, with the header fields and answer lines picked out.</summary>
    public sealed partial record DigResult(string Output, int ExitCode)
    {
        public string Status => StatusPattern().Match(Output) is { Success: true } m ? m.Groups[1].Value : "";

        public IReadOnlyList<string> Flags => FlagsPattern().Match(Output) is { Success: true } m
            ? m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : [];

        /// <summary>Record lines of a section (<c>ANSWER</c>, <c>AUTHORITY</c>, <c>ADDITIONAL</c>), split on whitespace.</summary>
        public IReadOnlyList<string[]> Section(string section)
        {
            var lines = Output.Split('\n');
            var start = Array.FindIndex(lines, l => l.StartsWith($";; {section} SECTION:", StringComparison.Ordinal));
            if (start < 0)
            {
                return [];
            }

            return lines.Skip(start + 1)
                .TakeWhile(l => l.Trim().Length > 0)
                .Select(l => l.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
                .ToList();
        }

        public override string ToString() => Output;

        [GeneratedRegex(@"status: (\w+)")]
        private static partial Regex StatusPattern();

        [GeneratedRegex(@";; flags: ([a-z ]+);")]
        private static partial Regex FlagsPattern();
    }
}
