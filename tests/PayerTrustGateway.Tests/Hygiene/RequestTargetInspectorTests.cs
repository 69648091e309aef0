using CsCheck;
using PayerTrustGateway.Hygiene;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Tests.Hygiene;

public sealed class RequestTargetInspectorTests
{
    [Theory]
    [InlineData("/fhir/Patient/123")]
    [InlineData("/fhir/Patient?name=O%27Brien&birthdate=ge1970-01-01")]
    [InlineData("/fhir/Observation?code=http%3A%2F%2Floinc.org%7C1234-5")]
    [InlineData("/fhir/Patient/")]
    [InlineData("/fhir/Patient/123/_history/2")]
    [InlineData("/fhir/Patient?name=100%25")]
    [InlineData("/fhir/Patient/$everything")]
    [InlineData("/")]
    public void Inspect_CanonicalTarget_Accepts(string target)
    {
        Assert.Equal(DenyReason.None, RequestTargetInspector.Inspect(target, 4096));
    }

    [Theory]
    [InlineData("/fhir/Patient%2F1", nameof(DenyReason.PathNotCanonical))]
    [InlineData("/fhir/Patient%2f1", nameof(DenyReason.PathNotCanonical))]
    [InlineData("/fhir/%2e%2e/admin", nameof(DenyReason.PathNotCanonical))]
    [InlineData("/fhir/%2E", nameof(DenyReason.PathNotCanonical))]
    [InlineData("/fhir/Patient%5C1", nameof(DenyReason.PathNotCanonical))]
    [InlineData("/fhir/Patient\\1", nameof(DenyReason.PathNotCanonical))]
    [InlineData("/fhir/%252F", nameof(DenyReason.PathNotCanonical))]
    [InlineData("/fhir/../admin", nameof(DenyReason.PathNotCanonical))]
    [InlineData("/fhir/./Patient", nameof(DenyReason.PathNotCanonical))]
    [InlineData("/fhir/..", nameof(DenyReason.PathNotCanonical))]
    [InlineData("/..", nameof(DenyReason.PathNotCanonical))]
    [InlineData("/fhir//Patient", nameof(DenyReason.PathNotCanonical))]
    [InlineData("//fhir/Patient", nameof(DenyReason.PathNotCanonical))]
    [InlineData("/fhir/Patient/1%00", nameof(DenyReason.ControlCharacter))]
    [InlineData("/fhir/Patient/1\0", nameof(DenyReason.ControlCharacter))]
    [InlineData("/fhir/Patient?x=%0A", nameof(DenyReason.ControlCharacter))]
    [InlineData("/fhir/Patient?x=%7f", nameof(DenyReason.ControlCharacter))]
    [InlineData("/fhir/Patient?x=\t", nameof(DenyReason.ControlCharacter))]
    [InlineData("/fhir/Patient?x=%g1", nameof(DenyReason.RequestTargetMalformed))]
    [InlineData("/fhir/Patient%", nameof(DenyReason.RequestTargetMalformed))]
    [InlineData("/fhir/Patient%4", nameof(DenyReason.RequestTargetMalformed))]
    [InlineData("/fhir/Patient#frag", nameof(DenyReason.RequestTargetMalformed))]
    [InlineData("http://evil/fhir/Patient", nameof(DenyReason.RequestTargetMalformed))]
    [InlineData("*", nameof(DenyReason.RequestTargetMalformed))]
    [InlineData("", nameof(DenyReason.RequestTargetMalformed))]
    public void Inspect_AmbiguousTarget_Refuses(string target, string expected)
    {
        Assert.Equal(Enum.Parse<DenyReason>(expected), RequestTargetInspector.Inspect(target, 4096));
    }

    [Fact]
    public void Inspect_TargetOverLimit_RefusesAsTooLong()
    {
        var target = "/fhir/Patient?name=" + new string('a', 300);

        Assert.Equal(DenyReason.RequestTargetTooLong, RequestTargetInspector.Inspect(target, 256));
    }

    [Fact]
    public void Inspect_ArbitraryInput_AnswersWithADefinedVerdict()
    {
        Gen.String[Gen.Char, 0, 300].Sample(target =>
            Assert.True(Enum.IsDefined(RequestTargetInspector.Inspect(target, 256))));
    }

    [Fact]
    public void Inspect_AcceptedTarget_HasNoDotSegmentOrEncodedSeparator()
    {
        var pathChars = Gen.Char["/.%2eEfF5cC\\ab"];
        Gen.String[pathChars, 1, 40].Select(s => "/" + s).Sample(target =>
        {
            if (RequestTargetInspector.Inspect(target, 4096) != DenyReason.None)
            {
                return;
            }

            var segments = target.Split('/');
            Assert.DoesNotContain("..", segments);
            Assert.DoesNotContain(".", segments);
            Assert.DoesNotContain("%2f", target, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("%2e", target, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("%5c", target, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("\\", target, StringComparison.Ordinal);
        });
    }
}
