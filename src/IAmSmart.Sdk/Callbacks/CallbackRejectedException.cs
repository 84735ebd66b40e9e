namespace IAmSmart.Sdk.Callbacks;

/// <summary>Why a callback was not accepted.</summary>
public enum CallbackRejection
{
    /// <summary>The body is not a JSON callback envelope.</summary>
    Malformed,

    /// <summary>The content key or the content could not be decrypted, or the content is not JSON: wrong KEK, or tampered.</summary>
    Undecryptable,

    /// <summary>The callback names no <c>businessID</c>, so it cannot be tied to an operation.</summary>
    Uncorrelated,

    /// <summary>No pending operation has this <c>businessID</c> and <c>state</c>: unknown, expired, or forged.</summary>
    UnknownOperation,

    /// <summary>The operation was already completed by a different callback: a possible forgery, logged as a security event.</summary>
    Conflict,

    /// <summary>
    /// The body, or one part of a multipart body, is larger than accepted (the endpoint answers 413); nothing of it was
    /// kept, and reading stopped at the limit.
    /// </summary>
    TooLarge,
}

/// <summary>A callback could not be read or correlated. The message names the reason, never a value from the callback.</summary>
public sealed class CallbackRejectedException : IAmSmartException
{
    /// <summary>Creates an exception.</summary>
    /// <param name="message">A message free of personal data.</param>
    /// <param name="rejection">Why the callback was rejected.</param>
    /// <param name="txId">The transaction id of the callback, if it could be read.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    public CallbackRejectedException(string message, CallbackRejection rejection, string? txId = null, Exception? innerException = null)
        : base(message, IAmSmartErrorCategory.Service, txId: txId, innerException: innerException)
    {
        Rejection = rejection;
    }

    /// <summary>Why the callback was rejected.</summary>
    public CallbackRejection Rejection { get; }
}
