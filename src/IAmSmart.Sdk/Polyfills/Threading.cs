// netstandard2.0 only: System.Threading.Lock on Monitor, so `lock (_gate)` reads the same on both builds.
namespace System.Threading;

internal sealed class Lock
{
    private readonly object _monitor = new();

    public Scope EnterScope()
    {
        Monitor.Enter(_monitor);
        return new Scope(_monitor);
    }

    public ref struct Scope
    {
        private readonly object _monitor;

        internal Scope(object monitor) => _monitor = monitor;

        public readonly void Dispose() => Monitor.Exit(_monitor);
    }
}
