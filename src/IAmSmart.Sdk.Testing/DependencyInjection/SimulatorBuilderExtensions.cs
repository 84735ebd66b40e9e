using IAmSmart.Sdk.Testing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Wires the SDK to an <see cref="IAmSmartSimulator"/> in one call.</summary>
public static class SimulatorBuilderExtensions
{
    /// <summary>
    /// Calls <paramref name="simulator"/> in-process: sets <see cref="IAmSmart.Sdk.IAmSmartEnvironment.Simulator"/>, its
    /// base URL, the client credentials it accepts and its test KEK, and makes its handler the primary HTTP handler.
    /// For a shared clock, register the simulator's <see cref="TimeProvider"/> before <c>AddIAmSmart</c>.
    /// </summary>
    /// <param name="builder">The SDK builder.</param>
    /// <param name="simulator">The simulator.</param>
    public static IAmSmartBuilder UseSimulator(this IAmSmartBuilder builder, IAmSmartSimulator simulator)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(simulator);
        builder.Configure(options => simulator.ConfigureClientOptions(options));
        builder.HttpClient.ConfigurePrimaryHttpMessageHandler(simulator.CreateHandler);
        return builder;
    }
}
