using PayerTrustGateway.Policy;

namespace PayerTrustGateway.Tests.Policy;

public sealed class SmartScopeTests
{
    [Theory]
    [InlineData("system/Patient.rs", "Patient", "rs")]
    [InlineData("system/Patient.read", "Patient", "rs")]
    [InlineData("system/*.write", "*", "cud")]
    [InlineData("system/*.*", "*", "cruds")]
    [InlineData("system/Observation.cruds", "Observation", "cruds")]
    [InlineData("system/Observation.s", "Observation", "s")]
    public void TryParse_SystemScope_NormalisesToV2(string scope, string type, string permissions)
    {
        Assert.True(SmartScope.TryParse(scope, out var parsed));

        Assert.Equal(type, parsed.ResourceType);
        Assert.Equal(Letters(permissions), parsed.Permissions);
    }

    private static SmartPermissions Letters(string letters) => letters.Aggregate(SmartPermissions.None, (all, letter) => all | letter switch
    {
        'c' => SmartPermissions.Create,
        'r' => SmartPermissions.Read,
        'u' => SmartPermissions.Update,
        'd' => SmartPermissions.Delete,
        _ => SmartPermissions.Search,
    });

    [Theory]
    [InlineData("patient/Patient.rs")]
    [InlineData("user/*.read")]
    [InlineData("system/Patient.sr")]
    [InlineData("system/Patient.rr")]
    [InlineData("system/Patient.x")]
    [InlineData("system/NotAType.rs")]
    [InlineData("system/Patient")]
    [InlineData("openid")]
    public void TryParse_NotASystemScope_IsRejected(string scope)
    {
        Assert.False(SmartScope.TryParse(scope, out _));
    }
}
