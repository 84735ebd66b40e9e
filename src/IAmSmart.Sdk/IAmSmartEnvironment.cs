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

    /// <summary>The API path below the host; the browser leg (<c>auth/getQR</c>) lives under it too.</summary>
    public const string ApiPath = "api/v1/";
}
