namespace Trellis.Consensus.Log;

/// <summary>
/// Travels with one proposed entry as the WAL's in-memory context so the apply loop can hand the
/// applier's result back to exactly the caller that proposed it.
/// </summary>
/// <remarks>Completed once by the apply loop; awaited by the proposer. Continuations run asynchronously.</remarks>
internal sealed class Proposal() : TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
