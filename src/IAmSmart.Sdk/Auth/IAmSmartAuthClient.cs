using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Auth;

/// <summary>Login with iAM Smart: exchange the authorisation code for an access token.</summary>
public class IAmSmartAuthClient
{
    private readonly IAmSmartTransport _transport;

    internal IAmSmartAuthClient(IAmSmartTransport transport) => _transport = transport;

    /// <summary>For mocking frameworks only.</summary>
    protected IAmSmartAuthClient() => _transport = null!;

    /// <summary>
    /// Exchanges an authorisation code (from the login redirect) for an access token (<c>auth/getToken</c>). The code is
    /// single-use and expires about 30 s after issue, so call this at once; it is never retried automatically.
    /// </summary>
    /// <param name="code">The <c>code</c> query value exactly as received: not decoded twice, <c>+</c> kept.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="IAmSmartExpiredException">The code was used already or expired (D40004).</exception>
    public virtual async Task<AccessToken> GetTokenAsync(string code, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        var content = await _transport.SendAsync(
            ApiOperations.GetToken,
            new GetTokenRequest { Code = code },
            AuthJsonContext.Default.GetTokenRequest,
            AuthJsonContext.Default.TokenContent,
            cancellationToken).ConfigureAwait(false);
        return content.ToAccessToken(txId: null);
    }
}
