using IAmSmart.Sdk.Auth;

namespace IAmSmart.Sdk.Consent;

/// <summary>
/// Consent: which scopes a token carries, the pre-flight check that a function's scope is there before any call, and
/// the receipts that record each request for personal data (<see cref="ConsentReceipt"/>).
/// </summary>
public class IAmSmartConsentClient
{
    internal IAmSmartConsentClient(IConsentReceiptSink receiptSink) => ReceiptSink = receiptSink;

    /// <summary>For mocking frameworks only.</summary>
    protected IAmSmartConsentClient() => ReceiptSink = null!;

    /// <summary>Where this client's receipts go.</summary>
    public virtual IConsentReceiptSink ReceiptSink { get; }

    /// <summary>The scopes <paramref name="token"/> carries (the <c>scope</c> getToken returned).</summary>
    /// <param name="token">The user's access token.</param>
    public virtual IAmSmartScopeSet GrantedScopes(AccessToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.Scopes;
    }

    /// <summary>Whether <paramref name="token"/> carries the scope <paramref name="apiFunction"/> needs.</summary>
    /// <param name="token">The user's access token.</param>
    /// <param name="apiFunction">The function to call, for example <see cref="IAmSmartFunctions.EMe"/>.</param>
    public virtual bool IsGranted(AccessToken token, IAmSmartFunction apiFunction) => ConsentPreflight.IsGranted(token, apiFunction);

    /// <summary>Throws unless <paramref name="token"/> carries the scope <paramref name="apiFunction"/> needs; see <see cref="ConsentPreflight.EnsureGranted"/>.</summary>
    /// <param name="token">The user's access token.</param>
    /// <param name="apiFunction">The function to call.</param>
    /// <exception cref="IAmSmartConfigurationException">The scope is missing (code D20012); no call was made.</exception>
    public virtual void EnsureGranted(AccessToken token, IAmSmartFunction apiFunction) => ConsentPreflight.EnsureGranted(token, apiFunction);

    /// <summary>Hands a receipt to <see cref="ReceiptSink"/>; for features and flows that build their own.</summary>
    /// <param name="receipt">The receipt.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public virtual Task RecordAsync(ConsentReceipt receipt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return ReceiptSink.WriteAsync(receipt, cancellationToken);
    }
}
