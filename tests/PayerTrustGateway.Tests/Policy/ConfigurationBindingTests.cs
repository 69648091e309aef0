using Microsoft.Extensions.Configuration;
using PayerTrustGateway.Exchange;
using PayerTrustGateway.Fhir;
using PayerTrustGateway.Policy;
using PayerTrustGateway.Tokens;

namespace PayerTrustGateway.Tests.Policy;

/// <summary>
/// The configuration binder appends to pre-filled lists; configured security lists must mean exactly
/// what they say (a policy listing only "read" must not also admit the defaults).
/// </summary>
public sealed class ConfigurationBindingTests
{
    [Fact]
    public void Bind_PolicyListingOneInteraction_AdmitsOnlyThat()
    {
        var options = Bind<PoliciesOptions>("TrustGateway", new() { ["TrustGateway:Policies:p:Interactions:0"] = "read", ["TrustGateway:Policies:p:ResourceTypes:0"] = "Patient" });

        var policy = TrustPolicy.From("p", options.Policies["p"]);

        Assert.Equal([FhirInteraction.Read], policy.Interactions.ToArray());
        Assert.Equal([ActorKind.System], policy.ActorKinds.ToArray());
    }

    [Fact]
    public void Bind_PolicyListingNoInteractions_GetsTheReadDefaults()
    {
        var options = Bind<PoliciesOptions>("TrustGateway", new() { ["TrustGateway:Policies:p:ResourceTypes:0"] = "Patient" });

        var policy = TrustPolicy.From("p", options.Policies["p"]);

        Assert.Equal(TrustPolicy.DefaultInteractions.Count, policy.Interactions.Count);
        Assert.DoesNotContain(FhirInteraction.Delete, (IReadOnlySet<FhirInteraction>)policy.Interactions);
    }

    [Fact]
    public void Bind_IssuerListingOneAlgorithm_AcceptsOnlyThat()
    {
        var options = Bind<IssuersOptions>("TrustGateway", new() { ["TrustGateway:Issuers:a:Algorithms:0"] = "ES256" });

        Assert.Equal(["ES256"], options.Issuers["a"].EffectiveAlgorithms);
    }

    [Fact]
    public void Bind_TokenServiceListingOneAssertionAlgorithm_AcceptsOnlyThat()
    {
        var options = Bind<TokenServiceOptions>("TrustGateway:TokenService", new() { ["TrustGateway:TokenService:AssertionAlgorithms:0"] = "ES384" });

        Assert.Equal(["ES384"], options.EffectiveAssertionAlgorithms);
    }

    private static T Bind<T>(string section, Dictionary<string, string?> values)
        where T : new()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var options = new T();
        configuration.GetSection(section).Bind(options);
        return options;
    }
}
