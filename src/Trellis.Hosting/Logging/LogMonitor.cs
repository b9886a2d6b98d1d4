using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Trellis.Agent.Logging;

namespace Trellis.Hosting.Logging;

/// <summary>
/// A logger provider that hands every log line to the monitors reading it (Consul's <c>consul monitor</c>): each
/// reader has its own bounded buffer and level, so a slow reader loses lines instead of slowing the agent, and a
/// reader may ask for levels below the agent's own <c>log_level</c>. Formats lines only while someone reads.
/// </summary>
/// <remarks>
/// Thread-safe: loggers write from any thread; readers come and go concurrently. Text lines look like the agent's
/// console ("2026-12-06T01:02:03.456Z [INFO]  Trellis.Agent: message"); JSON lines use hclog's fields
/// (<c>@level</c>, <c>@message</c>, <c>@module</c>, <c>@timestamp</c>) as Consul's <c>-log-json</c> does.
/// </remarks>
public sealed class LogMonitor(TimeProvider time) : ILoggerProvider, ILogStream
{
    /// <summary>Lines one reader may fall behind by before it loses lines.</summary>
    public const int ReaderBuffer = 4096;

    private readonly Lock _gate = new();
    private Reader[] _readers = [];
    private volatile int _minimum = (int)LogLevel.None;

    public LogMonitor()
        : this(TimeProvider.System)
    {
    }

    /// <summary>How many readers are attached (for tests and diagnostics).</summary>
    public int ReaderCount => Volatile.Read(ref _readers).Length;

    public ILogger CreateLogger(string categoryName) => new MonitorLogger(this, categoryName);

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var reader in _readers)
            {
                reader.Lines.Writer.TryComplete();
            }

            _readers = [];
            _minimum = (int)LogLevel.None;
        }
    }

    /// <remarks>
    /// The reader is attached when this is called, not when enumeration starts, so a caller that answers "the stream
    /// is open" before reading the first line misses nothing. It is detached when the enumeration ends or when
    /// <paramref name="cancellationToken"/> is cancelled, whichever comes first.
    /// </remarks>
    public IAsyncEnumerable<string> ReadAsync(LogLevel minimum, bool json, CancellationToken cancellationToken)
    {
        var reader = new Reader(minimum, json);
        Attach(reader);
        var detach = cancellationToken.Register(() => Detach(reader));
        return ReadAttachedAsync(reader, json, detach, cancellationToken);
    }

    private async IAsyncEnumerable<string> ReadAttachedAsync(
        Reader reader, bool json, CancellationTokenRegistration detach, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                string line;
                try
                {
                    if (!await reader.Lines.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        yield break;
                    }

                    line = await reader.Lines.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }
                catch (ChannelClosedException)
                {
                    yield break;
                }

                yield return line;

                // Lines are lost only while the buffer is full, so the gap is after the last buffered line: say so there.
                if (reader.Lines.Reader.Count == 0 && Interlocked.Exchange(ref reader.Dropped, 0) is var dropped and > 0)
                {
                    yield return Format(json, LogLevel.Warning, "Trellis.Agent.Monitor",
                        string.Create(CultureInfo.InvariantCulture, $"Monitor dropped {dropped} logs during monitor request"), null);
                }
            }
        }
        finally
        {
            await detach.DisposeAsync().ConfigureAwait(false);
            Detach(reader);
        }
    }

    private void Attach(Reader reader)
    {
        lock (_gate)
        {
            _readers = [.. _readers, reader];
            _minimum = _readers.Min(r => (int)r.Minimum);
        }
    }

    private void Detach(Reader reader)
    {
        lock (_gate)
        {
            _readers = [.. _readers.Where(r => r != reader)];
            _minimum = _readers.Length == 0 ? (int)LogLevel.None : _readers.Min(r => (int)r.Minimum);
        }
    }

    private bool IsEnabled(LogLevel level) => level != LogLevel.None && (int)level >= _minimum;

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        string? text = null;
        string? json = null;
        foreach (var reader in Volatile.Read(ref _readers))
        {
            if (level < reader.Minimum)
            {
                continue;
            }

            var line = reader.Json
                ? json ??= Format(true, level, category, message, exception)
                : text ??= Format(false, level, category, message, exception);
            if (!reader.Lines.Writer.TryWrite(line))
            {
                Interlocked.Increment(ref reader.Dropped);
            }
        }
    }

    private string Format(bool json, LogLevel level, string category, string message, Exception? exception)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var full = exception is null ? message : message + ": " + exception.Message;
        if (!json)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{now:yyyy-MM-ddTHH:mm:ss.fffZ} [{Name(level).ToUpperInvariant()}] {(Name(level).Length < 5 ? " " : "")}{category}: {full}");
        }

        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("@level", Name(level));
            w.WriteString("@message", full);
            w.WriteString("@module", category);
            w.WriteString("@timestamp", now.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Name(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        _ => "error",
    };

    private sealed class Reader(LogLevel minimum, bool json)
    {
        public long Dropped;

        public LogLevel Minimum { get; } = minimum;

        public bool Json { get; } = json;

        // Written with TryWrite only: a full buffer refuses the line and it is counted as dropped.
        public Channel<string> Lines { get; } = Channel.CreateBounded<string>(new BoundedChannelOptions(ReaderBuffer)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    private sealed class MonitorLogger(LogMonitor monitor, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => monitor.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (monitor.IsEnabled(logLevel))
            {
                monitor.Write(logLevel, category, formatter(state, exception), exception);
            }
        }
    }
}
