namespace IAmSmart.Sdk;

/// <summary>Which iAM Smart the client talks to.</summary>
public enum IAmSmartEnvironment
{
    /// <summary>The Integration Testing Environment (ITE), the sandbox for enrolled e-services: <c>https://apigw-isit.staging-eid.gov.hk</c>.</summary>
    Sandbox,

    /// <summary>Production: <c>https://apigw.iamsmart.gov.hk</c>.</summary>
    Production,

    /// <summary>Any other base URL, set in <see cref="IAmSmartOptions.BaseUrl"/> (a proxy, a WireMock server, a simulator host).</summary>
    Custom,

    /// <summary>The simulator of the IAmSmart.Sdk.Testing package, set up by its <c>UseSimulator()</c>.</summary>
    Simulator,
}

/// <summary>The base URLs of the public environments (contract §1).</summary>
public static class IAmSmartEndpoints
{
    /// <summary>The production host.</summary>
    public static readonly Uri Production = new("https://apigw.iamsmart.gov.hk/");

    /// <summary>The ITE (sandbox) host.</summary>
    public static readonly Uri Sandbox = new("https://apigw-isit.staging-eid.gov.hk/");

    /// <summary>The API root below the host; each function lives below it at its <see cref="IAmSmartFunction.Route"/>.</summary>
    public const string ApiRoot = "api/";

    /// <summary>The API version segment of every function but the app variants.</summary>
    public const string ApiVersion = "v1";

    /// <summary>
    /// The API version segment of the app variants of the initiate calls (<c>…/api/appv1/…</c>, addendum §A5.3): documented
    /// for CorpID, [I] for iAM Smart (<see cref="IAmSmartFunctions.AppHashSigning"/>).
    /// </summary>
    public const string AppApiVersion = "appv1";

    /// <summary>The API path below the host; the browser leg (<c>auth/getQR</c>) lives under it too.</summary>
    public const string ApiPath = ApiRoot + ApiVersion + "/";
}
