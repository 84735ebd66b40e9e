using System.Runtime.CompilerServices;

// The BouncyCastle provider package ships with the core at the same version and needs the raw key bytes of a content
// key and the private key of an in-memory key-encryption key; nothing else outside the core does, so they stay internal.
[assembly: InternalsVisibleTo("IAmSmart.Sdk.BouncyCastle")]
