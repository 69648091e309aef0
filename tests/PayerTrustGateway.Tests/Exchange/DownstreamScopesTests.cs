using PayerTrustGateway.Exchange;
using PayerTrustGateway.Policy;

namespace PayerTrustGateway.Tests.Exchange;

/// <summary>The downstream token's scopes: the partner's scopes within what the route policy admits, never more.</summary>
public sealed class DownstreamScopesTests
{
    [Theory]
    [InlineData("system/Patient.rs system/Claim.rs", "Patient,Coverage", "", "system/Patient.rs")]
    [InlineData("system/Patient.cruds", "Patient", "read", "system/Patient.r")]
    [InlineData("system/Patient.cruds", "Patient", "search-type", "system/Patient.rs")]
    [InlineData("system/Patient.read", "Patient", "", "system/Patient.rs")]
    [InlineData("system/*.rs", "Patient,Coverage", "", "system/Coverage.rs system/Patient.rs")]
    [InlineData("system/*.rs", "*", "", "system/*.rs")]
    [InlineData("system/Patient.rs", "*", "", "system/Patient.rs")]
    [InlineData("system/Patient.c", "Patient", "", "")]
    [InlineData("system/Observation.rs?category=laboratory", "Observation", "", "system/Observation.rs?category=laboratory")]
    [InlineData("patient/Patient.rs user/Patient.rs openid", "Patient", "", "")]
    [InlineData("system/Patient.rs system/Patient.read", "Patient", "", "system/Patient.rs")]
    [InlineData("", "Patient", "", "")]
    public void Narrow_KeepsOnlyWhatBothAdmit(string inbound, string types, string interactions, string expected)
    {
        var options = new TrustPolicyOptions();
        options.ResourceTypes.AddRange(types.Split(','));
        options.Interactions.AddRange(interactions.Split(',', StringSplitOptions.RemoveEmptyEntries));
        var policy = TrustPolicy.From("p", options);

        var narrowed = DownstreamScopes.Narrow([.. inbound.Split(' ', StringSplitOptions.RemoveEmptyEntries)], policy);

        Assert.Equal(expected, string.Join(' ', narrowed));
    }

    [Fact]
    public void Narrow_NonSmartScope_PassesOnlyWhenThePolicyRequiresIt()
    {
        var options = new TrustPolicyOptions();
        options.ResourceTypes.Add("Patient");
        options.RequiredScopes.Add("payer-to-payer");
        var policy = TrustPolicy.From("p", options);

        var narrowed = DownstreamScopes.Narrow(["payer-to-payer", "admin", "system/Patient.rs"], policy);

        Assert.Equal(["payer-to-payer", "system/Patient.rs"], narrowed.ToArray());
    }

    [Fact]
    public void PolicyVersion_ChangesWithThePolicy_AndOnlyThen()
    {
        var options = new TrustPolicyOptions();
        options.ResourceTypes.Add("Patient");
        var first = TrustPolicy.From("p", options);
        var same = TrustPolicy.From("p", options);
        options.ResourceTypes.Add("Coverage");
        var changed = TrustPolicy.From("p", options);

        Assert.Equal(first.Version, same.Version);
        Assert.NotEqual(first.Version, changed.Version);
    }
}
