using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Tests.Transport;

/// <summary>The one table of iAM Smart functions is consistent with itself and with the table of return codes.</summary>
public sealed class FunctionTableTests
{
    public static TheoryData<string> Functions() => [.. IAmSmartFunctions.All.Select(f => f.Name)];

    private static IAmSmartFunction Named(string name) => IAmSmartFunctions.All.Single(f => f.Name == name);

    [Theory]
    [MemberData(nameof(Functions))]
    public void Every_code_a_function_lists_is_in_the_return_code_table(string name)
    {
        var unknown = Named(name).Codes.Where(code => !ReturnCodes.TryGet(code, out _)).ToList();

        Assert.Empty(unknown);
    }

    [Fact]
    public void Every_common_code_is_in_the_return_code_table()
        => Assert.DoesNotContain(IAmSmartFunctions.CommonCodes, code => !ReturnCodes.TryGet(code, out _));

    [Fact]
    public void All_lists_every_function_of_the_table()
    {
        var declared = typeof(IAmSmartFunctions).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(p => p.PropertyType == typeof(IAmSmartFunction))
            .Select(p => (IAmSmartFunction)p.GetValue(null)!);

        Assert.Equal(declared.Select(f => f.Name).Order(StringComparer.Ordinal), IAmSmartFunctions.All.Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Names_routes_and_kinds_are_unique()
    {
        var all = IAmSmartFunctions.All;

        Assert.Equal(all.Count, all.Select(f => f.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(all.Count, all.Select(f => f.Route).Distinct(StringComparer.Ordinal).Count());

        // An app variant shares its web function's kind on purpose (one operation, one callback); no other row does.
        var kinds = all.Where(f => f.Kind is not null && f.WebVariant is null).Select(f => f.Kind).ToList();
        Assert.Equal(kinds.Count, kinds.Distinct(StringComparer.Ordinal).Count());
        Assert.All(all.Where(f => f.WebVariant is not null), f => Assert.Equal(f.WebVariant!.Kind, f.Kind));
    }

    [Fact]
    public void Only_the_app_variants_live_outside_v1()
        => Assert.All(IAmSmartFunctions.All, f => Assert.Equal(f.WebVariant is null ? "v1" : "appv1", f.ApiVersion));

    [Theory]
    [MemberData(nameof(Functions))]
    public void A_function_answered_by_callback_has_a_kind_that_finds_it_again(string name)
    {
        var function = Named(name);

        if (function.IsAnsweredByCallback)
        {
            Assert.NotNull(function.Kind);
            Assert.Same(function.WebVariant ?? function, IAmSmartFunctions.FindByKind(function.Kind));
        }
        else
        {
            Assert.True(function.Kind is null || IAmSmartFunctions.FindByKind(function.Kind) is null);
        }
    }

    [Fact]
    public void Only_key_management_and_result_or_status_look_ups_are_retried()
    {
        var retrySafe = IAmSmartFunctions.All.Where(f => f.IsRetrySafe).Select(f => f.Path).Order(StringComparer.Ordinal);

        Assert.Equal(
            ["anonymous/eme/getResult", "anonymous/pdfsigning/getResult", "anonymous/signing/getResult", "bdss/enquireStatus", "security/getKey", "security/revokeKey"],
            retrySafe);
    }

    [Fact]
    public void The_browser_leg_of_login_is_the_only_function_not_called_server_to_server()
        => Assert.Same(IAmSmartFunctions.GetQr, Assert.Single(IAmSmartFunctions.All, f => !f.IsServerToServer));

    [Fact]
    public void A_scope_requirement_is_satisfied_only_by_that_scope_and_always_without_one()
    {
        var sign = new HashSet<IAmSmartScope> { IAmSmartScope.Sign };

        Assert.True(IAmSmartFunctions.HashSigning.IsSatisfiedBy(sign));
        Assert.False(IAmSmartFunctions.EMe.IsSatisfiedBy(sign));
        Assert.True(IAmSmartFunctions.GetToken.IsSatisfiedBy(new HashSet<IAmSmartScope>()));
    }

    [Fact]
    public async Task Beginning_an_operation_for_a_function_not_answered_by_callback_is_refused()
    {
        using var client = Support.VectorClient.Create(new Support.FakeIAmSmartHandler());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.Operations.BeginAsync(IAmSmartFunctions.GetToken, TestContext.Current.CancellationToken));

        Assert.Equal("apiFunction", error.ParamName);
    }
}
