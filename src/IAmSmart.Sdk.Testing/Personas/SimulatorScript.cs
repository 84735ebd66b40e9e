namespace IAmSmart.Sdk.Testing.Personas;

/// <summary>
/// Overrides what simulated users do. The most specific rule wins: a behaviour for a <c>businessID</c>, then the next
/// queued behaviour, then a behaviour set for the persona, then the persona's own <see cref="SimulatorPersona.Behaviour"/>.
/// Applies to consent requests (profile, e-ME, signing, re-authentication) and to <see cref="IAmSmartSimulator.Authorize"/>
/// without an explicit action; on the login page the tester's button decides.
/// </summary>
public sealed class SimulatorScript
{
    private readonly Lock _gate = new();
    private readonly Queue<UserBehaviour> _next = new();
    private readonly Dictionary<string, UserBehaviour> _byBusinessId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UserBehaviour> _byPersona = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Queues a behaviour for the next request that asks a user, whoever it is.</summary>
    /// <param name="behaviour">What the user does.</param>
    public void Next(UserBehaviour behaviour)
    {
        ArgumentNullException.ThrowIfNull(behaviour);
        lock (_gate)
        {
            _next.Enqueue(behaviour);
        }
    }

    /// <summary>Sets what happens to the request with this <c>businessID</c>.</summary>
    /// <param name="businessId">The e-service's businessID.</param>
    /// <param name="behaviour">What the user does.</param>
    public void ForBusinessId(string businessId, UserBehaviour behaviour)
    {
        ArgumentException.ThrowIfNullOrEmpty(businessId);
        ArgumentNullException.ThrowIfNull(behaviour);
        lock (_gate)
        {
            _byBusinessId[businessId] = behaviour;
        }
    }

    /// <summary>Sets what a persona does from now on, instead of its default.</summary>
    /// <param name="personaId">The persona's id.</param>
    /// <param name="behaviour">What the user does.</param>
    public void ForPersona(string personaId, UserBehaviour behaviour)
    {
        ArgumentException.ThrowIfNullOrEmpty(personaId);
        ArgumentNullException.ThrowIfNull(behaviour);
        lock (_gate)
        {
            _byPersona[personaId] = behaviour;
        }
    }

    /// <summary>Removes every override.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _next.Clear();
            _byBusinessId.Clear();
            _byPersona.Clear();
        }
    }

    internal UserBehaviour Resolve(SimulatorPersona persona, string? businessId)
    {
        lock (_gate)
        {
            if (businessId is not null && _byBusinessId.Remove(businessId, out var forRequest))
            {
                return forRequest;
            }

            if (_next.TryDequeue(out var next))
            {
                return next;
            }

            return _byPersona.TryGetValue(persona.Id, out var forPersona) ? forPersona : persona.Behaviour;
        }
    }
}
