using System.Net;
using System.Net.Http.Json;
using Trellis.Api.Http;
using Trellis.Api.Serialization;
using Trellis.Core.Txn;

namespace Trellis.Api.Txn;

/// <summary><c>/v1/txn</c>: applies a list of operations atomically.</summary>
/// <remarks>Thread-safe; obtain it from <see cref="TrellisClient.Txn"/>.</remarks>
public sealed class TxnClient
{
    private readonly ApiTransport _transport;

    internal TxnClient(ApiTransport transport) => _transport = transport;

    /// <summary>
    /// Sends the operations. A rolled-back transaction (409) is not an exception: the response carries
    /// <see cref="TxnResponse.Errors"/> instead of <see cref="TxnResponse.Results"/>, as Consul's client reports it.
    /// </summary>
    public async Task<TxnResponse> ExecuteAsync(IReadOnlyList<TxnOp> operations, WriteOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var content = JsonContent.Create(operations.ToList(), ApiJsonContext.Default.ListTxnOp);
        HttpResponseMessage response;
        try
        {
            response = await _transport.SendAsync(HttpMethod.Put, "/v1/txn", null, null, options, content,
                cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            return System.Text.Json.JsonSerializer.Deserialize(ex.Body, ApiJsonContext.Default.TxnResponse)
                   ?? new TxnResponse { Errors = [] };
        }

        using (response)
        {
            return await response.Content.ReadFromJsonAsync(ApiJsonContext.Default.TxnResponse, cancellationToken)
                       .ConfigureAwait(false)
                   ?? new TxnResponse { Results = [] };
        }
    }
}
