// The one place where the two builds name a public type differently. netstandard2.0 has no IReadOnlySet<T> and no
// DateOnly: there a scope set is an IReadOnlyCollection<T> (a HashSet<T> underneath) and a date is a DateTime at midnight.
#if NET
global using IAmSmartScopeSet = System.Collections.Generic.IReadOnlySet<IAmSmart.Sdk.Auth.IAmSmartScope>;
#else
global using IAmSmartScopeSet = System.Collections.Generic.IReadOnlyCollection<IAmSmart.Sdk.Auth.IAmSmartScope>;
global using DateOnly = System.DateTime;
global using IAmSmart.Sdk.Polyfills;
#endif
