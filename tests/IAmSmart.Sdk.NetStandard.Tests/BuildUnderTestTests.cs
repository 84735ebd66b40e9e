using System.Reflection;
using System.Runtime.Versioning;
using Microsoft.Extensions.DependencyInjection;

namespace IAmSmart.Sdk.Tests;

/// <summary>This project is only worth its run if the assemblies under test are the netstandard2.0 builds.</summary>
public sealed class BuildUnderTestTests
{
    [Theory]
    [InlineData(typeof(IAmSmartClient))]
    [InlineData(typeof(IAmSmartBuilderBouncyCastleExtensions))]
    public void TheSdkUnderTestIsTheNetStandard20Build(Type type)
    {
        var framework = type.Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName;
        Assert.Equal(".NETStandard,Version=v2.0", framework);
    }

    [Fact]
    public void AesGcmComesFromBouncyCastleOnNetStandard20()
    {
        var polyfill = typeof(IAmSmartClient).Assembly.GetType("System.Security.Cryptography.AesGcm", throwOnError: false);
        Assert.NotNull(polyfill);
        Assert.Contains(
            polyfill.GetFields(BindingFlags.Instance | BindingFlags.NonPublic),
            f => f.FieldType.FullName == "Org.BouncyCastle.Crypto.Modes.GcmBlockCipher");
    }
}
