using Microsoft.AspNetCore.Http;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Tests.Trust;

public sealed class DenialCatalogTests
{
    public static TheoryData<string> AllDenials()
    {
        var data = new TheoryData<string>();
        foreach (var reason in Enum.GetValues<DenyReason>().Where(r => r != DenyReason.None))
        {
            data.Add(reason.ToString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllDenials))]
    public void Descriptors_EveryReason_HasOneDescriptor(string reason)
    {
        Assert.True(DenialCatalog.Descriptors.ContainsKey(Enum.Parse<DenyReason>(reason)));
    }

    [Theory]
    [MemberData(nameof(AllDenials))]
    public void Descriptors_Challenged_TextIsValidChallengeDescription(string reason)
    {
        var descriptor = DenialCatalog.Descriptors[Enum.Parse<DenyReason>(reason)];
        if (descriptor.StatusCode != StatusCodes.Status401Unauthorized && descriptor.ChallengeError is null)
        {
            return;
        }

        // RFC 6750 §3: error_description is %x20-21 / %x23-5B / %x5D-7E.
        Assert.All(descriptor.Message, c => Assert.True(c is >= ' ' and <= '~' and not '"' and not '\\', $"'{c}' is not allowed"));
    }

    [Fact]
    public void Descriptors_Codes_AreUnique_ExceptConsentOfAnotherPartner()
    {
        var codes = DenialCatalog.Descriptors.Where(d => d.Key != DenyReason.ConsentPartnerMismatch).Select(d => d.Value.Code).ToList();

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void ConsentOfAnotherPartner_IsAnsweredExactlyLikeNoConsent()
    {
        // S0.3: a partner must not learn that the member consented to someone else.
        Assert.Same(DenialCatalog.Descriptors[DenyReason.ConsentMissing], DenialCatalog.Descriptors[DenyReason.ConsentPartnerMismatch]);
    }
}
