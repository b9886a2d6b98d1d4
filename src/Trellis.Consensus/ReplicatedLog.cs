using System.Net;
using DotNext.Net.Cluster;
using DotNext.Net.Cluster.Consensus.Raft;
using DotNext.Net.Cluster.Consensus.Raft.Membership;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Trellis.Consensus.Log;
using Trellis.Core.Operator;
using DotNextNotLeader = DotNext.Net.Cluster.Consensus.Raft.NotLeaderException;

namespace Trellis.Consensus;

/// <summary>
/// A Raft-replicated log of opaque entries over DotNext's <see cref="RaftCluster"/> and <see cref="WriteAheadLog"/>,
/// applied in order to an <see cref="ICommandApplier"/>. A single server goes through the same
/// propose → append → commit (fsync) → apply path as a cluster. Knows nothing about the store's content.
/// </summary>
/// <remarks>
/// All public members are thread-safe. <see cref="StartAsync"/> and <see cref="DisposeAsync"/> must not race each
/// other. The applier is only called from the WAL's apply loop. <see cref="LeadershipAcquired"/> handlers run on a
/// thread-pool thread.
/// </remarks>
public sealed partial class ReplicatedLog : IAsyncDisposable
{
    private readonly RaftNodeOptions options;
    private readonly ICommandApplier applier;
    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger logger;
    private readonly string? memoryDir;
    private RaftCluster? cluster;
    private WriteAheadLog? wal;
    private ApplierStateMachine? stateMachine;
    private ProposalBatcher? batcher;
    private int disposed;

    public ReplicatedLog(RaftNodeOptions options, ICommandApplier applier, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(applier);
        options.Validate();
        this.options = options;
        this.applier = applier;
        this.loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        logger = this.loggerFactory.CreateLogger<ReplicatedLog>();
        if (options.DataDir is null)
        {
            // In-memory mode: same WAL code path, but on a private tmpfs directory (when available) that is
            // never fsynced and is deleted on dispose.
            var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
            memoryDir = Path.Combine(root, "trellis-raft-" + Guid.NewGuid().ToString("N"));
        }
    }

    /// <summary>Whether the log lives in memory only (no data dir).</summary>
    public bool InMemory => options.DataDir is null;

    /// <summary>Index of the last applied entry.</summary>
    /// <remarks>The WAL skips entries without payload (the bootstrap entry) without calling the applier; they count as applied.</remarks>
    public ulong AppliedIndex => (ulong)Math.Max(stateMachine?.LastAppliedIndex ?? 0, wal?.LastAppliedIndex ?? 0);

    /// <summary>Index of the last committed entry.</summary>
    public ulong CommitIndex => (ulong)(wal?.LastCommittedEntryIndex ?? 0);

    /// <summary>Index of the last entry in the log.</summary>
    public ulong LastIndex => (ulong)(wal?.LastEntryIndex ?? 0);

    /// <summary>Number of snapshots this instance has written (for tests and metrics).</summary>
    public int SnapshotsTaken => stateMachine?.SnapshotsTaken ?? 0;

    /// <summary>The directory holding the WAL and snapshots (under DataDir, or a private tmpfs dir in memory mode).</summary>
    public string StorageDirectory => Path.Combine(options.DataDir ?? memoryDir!, "raft");

    private string RaftDir => StorageDirectory;

    /// <summary>Opens the log, restores the latest snapshot, replays committed entries into the applier, then starts the Raft member.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        if (cluster is not null)
            throw new InvalidOperationException("Already started");

        var snapshots = new DirectoryInfo(Path.Combine(RaftDir, "snapshots"));
        stateMachine = new ApplierStateMachine(snapshots, applier, options.SnapshotThreshold, logger);
        await stateMachine.RestoreAsync(cancellationToken);

        wal = new WriteAheadLog(
            new WriteAheadLog.Options
            {
                Location = Path.Combine(RaftDir, "wal"),
                ChunkSize = options.ChunkSize,
                // DotNext 6.12 checkpoints (fsyncs) on every commit: a commit returns only after the committed entries are
                // on disk. Concurrent proposals are committed by one replication round and share one flush (group commit).
                HashAlgorithm = WriteAheadLog.IntegrityHashAlgorithm.Crc32,
            },
            stateMachine);

        // Replays the committed suffix of the log (after the snapshot) into the applier before serving.
        await wal.InitializeAsync(cancellationToken);

        // A fresh log (no entry, no snapshot) of a bootstrapping server gets the bootstrap entry first (see below).
        var fresh = options.Bootstrap && wal.LastEntryIndex == 0;

        var config = new RaftCluster.TcpConfiguration(options.BindEndpoint ?? options.Endpoint)
        {
            PublicEndPoint = options.Endpoint,
            ColdStart = options.Bootstrap,
            ConfigurationStorage = null, // in-memory member list; a single server cold-starts it (see Bootstrap)
            LowerElectionTimeout = (int)options.ElectionTimeoutMin.TotalMilliseconds,
            UpperElectionTimeout = (int)options.ElectionTimeoutMax.TotalMilliseconds,
            RequestTimeout = options.RequestTimeout,
            LoggerFactory = loggerFactory,
            Metadata = { ["id"] = options.NodeId, ["node"] = options.NodeName },
        };

        var raft = new RaftCluster(config) { AuditTrail = wal };
        raft.LeaderChanged += OnLeaderChanged;
        batcher = new ProposalBatcher(AppendProposalAsync, CommitBatchAsync, options.MaxBatchEntries, logger);
        cluster = raft;
        await raft.StartAsync(cancellationToken);
        if (fresh)
            await CommitBootstrapEntryAsync(raft, cancellationToken);

        // Proposals queued while the bootstrap entry committed go next, so no client entry ever gets index 1.
        batcher.Start();
        leadershipLoop = Task.Run(() => RunLeadershipLoopAsync(raft, lifetimeCts.Token), CancellationToken.None);
    }

    /// <summary>
    /// Commits an empty entry at index 1 of a freshly bootstrapped log. In Consul (hashicorp/raft) the bootstrap
    /// configuration occupies index 1, so the first client write lands at index 2 or later; clients rely on that,
    /// e.g. a blocking query on a missing key holds the placeholder index 1 and must see the first write as newer.
    /// The applier never sees the entry (empty entries are skipped), so the store's indexes start at 0 as in Consul.
    /// </summary>
    private async Task CommitBootstrapEntryAsync(RaftCluster raft, CancellationToken cancellationToken)
    {
        // A cold-started single server elects itself within an election timeout; bound the wait generously.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ElectionTimeoutMax * 20 + TimeSpan.FromSeconds(10));
        try
        {
            await raft.WaitForLeadershipAsync(timeout.Token);
            await raft.ReplicateAsync(new BinaryLogEntry { Content = ReadOnlyMemory<byte>.Empty, Term = ((IPersistentState)wal!).Term }, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("The bootstrapping server did not become leader to commit the bootstrap entry");
        }

        logger.LogDebug("Committed the bootstrap entry at index {Index}", wal!.LastCommittedEntryIndex);
    }

    /// <summary>
    /// Queues <paramref name="entry"/> for the next batch, waits until it is committed (durable with a data dir) and
    /// applied, and returns the applier's result. Throws <see cref="NotLeaderException"/> on a follower or when
    /// leadership is lost before the entry is applied (it may still commit).
    /// </summary>
    /// <remarks>
    /// Concurrent proposals are grouped: one appender appends everything queued (at most
    /// <see cref="RaftNodeOptions.MaxBatchEntries"/>) and commits it with one replication round, so many writes share
    /// one WAL flush. Each entry keeps its own log index, and its caller gets the applier's result for that index.
    /// </remarks>
    public async Task<object?> ProposeAsync(ReadOnlyMemory<byte> entry, CancellationToken cancellationToken)
    {
        var raft = RequireStarted();
        var leadership = raft.LeadershipToken;
        if (leadership.IsCancellationRequested)
            throw new NotLeaderException(LeaderAddress);

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, leadership);
        try
        {
            return await batcher!.ProposeAsync(entry, linked.Token);
        }
        catch (OperationCanceledException) when (leadership.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new NotLeaderException(LeaderAddress);
        }
        catch (Exception e) when (e is DotNextNotLeader or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            throw new NotLeaderException(LeaderAddress);
        }
    }

    /// <summary>Batcher step: appends one queued entry in the leader's term, with its proposal as in-memory context.</summary>
    private async ValueTask AppendProposalAsync(PendingProposal pending, CancellationToken token)
    {
        var raft = cluster!;
        var leadership = raft.LeadershipToken;
        if (leadership.IsCancellationRequested)
            throw new NotLeaderException(LeaderAddress);

        // The append lock is uncontended (this loop is the only appender while leading), so the token rarely matters.
        var term = ((IPersistentState)wal!).Term;
        await wal.AppendAsync(new BinaryLogEntry { Content = pending.Entry, Term = term, Context = pending.Proposal }, token);
    }

    /// <summary>
    /// Batcher step: starts a replication round for everything appended so far and returns at once, so the next batch
    /// is appended while this one flushes; DotNext coalesces the triggers and starts the next round right after.
    /// Callers complete when the apply loop reaches their entry (or with <see cref="NotLeaderException"/> when
    /// leadership ends first).
    /// </summary>
    private ValueTask CommitBatchAsync(int count, CancellationToken token)
    {
        var round = cluster!.ForceReplicationAsync(token);
        if (round.IsCompleted)
            return round.IsCompletedSuccessfully ? ValueTask.CompletedTask : MapNotLeaderAsync(round);
        _ = ObserveAsync(round.AsTask());
        return ValueTask.CompletedTask;

        async Task ObserveAsync(Task pending)
        {
            try
            {
                await pending;
            }
            catch (Exception e)
            {
                logger.LogDebug(e, "Replication round for a batch of {Count} ended without commit", count);
            }
        }
    }

    private async ValueTask MapNotLeaderAsync(ValueTask round)
    {
        try
        {
            await round;
        }
        catch (DotNextNotLeader)
        {
            throw new NotLeaderException(LeaderAddress);
        }
    }

    /// <summary>Whether this node is the leader right now.</summary>
    public bool IsLeader => cluster is { } raft && !raft.LeadershipToken.IsCancellationRequested;

    /// <summary>
    /// This node's current Raft term in Consul's numbering (0 before the member starts). hashicorp/raft writes the
    /// bootstrap configuration in term 1 and elects from there, while DotNext cold-starts the bootstrap server as
    /// leader of term 0; the DotNext term is shifted by one so a bootstrapped cluster reports term 1 or later.
    /// </summary>
    public long Term => cluster is { } raft ? raft.Term + 1 : 0;

    /// <summary>The leader's Raft address ("host:port"), or null when none is known.</summary>
    public string? LeaderAddress => cluster?.Leader is { } leader ? RaftNodeOptions.FormatAddress(leader.EndPoint) : null;

    /// <summary>The current voters, with this node's ID and name; remote members report theirs through metadata.</summary>
    public RaftConfiguration Configuration
    {
        get
        {
            var raft = cluster;
            if (raft is null)
                return new RaftConfiguration([], 0);

            var servers = new List<RaftServerInfo>();
            foreach (var member in raft.Members)
            {
                var address = RaftNodeOptions.FormatAddress(member.EndPoint);
                var local = !member.IsRemote;
                var metadata = local ? null : member.TryGetMetadata();
                servers.Add(new RaftServerInfo
                {
                    ID = local ? options.NodeId : metadata?.GetValueOrDefault("id") ?? address,
                    Node = local ? options.NodeName : metadata?.GetValueOrDefault("node") ?? address,
                    Address = address,
                    Leader = member.IsLeader,
                    Voter = true,
                    LastIndex = local ? LastIndex : 0,
                });
            }

            // Consul compat: the configuration's Index is the log index it was committed at, at least 1 in a
            // bootstrapped cluster (hashicorp/raft's bootstrap entry). DotNext keeps the member list outside the log,
            // so the commit index stands in for it, floored at 1 once there are members.
            return new RaftConfiguration(servers, servers.Count == 0 ? 0 : Math.Max(CommitIndex, 1));
        }
    }

    private RaftCluster RequireStarted()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        return cluster ?? throw new InvalidOperationException("Not started");
    }

    /// <summary>Stops the Raft member, closes the listener, the log and the snapshot files. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
            return;

        await lifetimeCts.CancelAsync(); // ends leadership tokens handed out to leader loops
        if (batcher is not null)
            await batcher.DisposeAsync(); // fails proposals still queued
        if (cluster is { } raft)
        {
            raft.LeaderChanged -= OnLeaderChanged;
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await raft.StopAsync(timeout.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                logger.LogWarning(e, "Raft member did not stop cleanly");
            }

            await raft.DisposeAsync();
        }

        await leadershipLoop;
        lifetimeCts.Dispose();

        if (wal is not null)
            await wal.DisposeAsync();
        if (stateMachine is not null)
            await stateMachine.DisposeAsync();

        if (memoryDir is not null)
        {
            try
            {
                Directory.Delete(memoryDir, recursive: true);
            }
            catch (IOException e)
            {
                logger.LogDebug(e, "Could not delete in-memory raft dir {Dir}", memoryDir);
            }
        }
    }
}
