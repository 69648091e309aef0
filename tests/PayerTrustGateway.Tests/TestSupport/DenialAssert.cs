using System.Net;
using Hl7.Fhir.Model;

namespace PayerTrustGateway.Tests.TestSupport;

/// <summary>The full assertion of a refusal: status, challenge scheme and error, OperationOutcome reason, nothing leaked, nothing forwarded.</summary>
public static class DenialAssert
{
    public static async System.Threading.Tasks.Task RefusedAsync(
        HttpResponseMessage response,
        GatewayTestHost host,
        string testCase,
        HttpStatusCode status,
        string reasonCode,
        string? challengeScheme,
        string? challengeError,
        OperationOutcome.IssueType issueType = OperationOutcome.IssueType.Login)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(host);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(status, response.StatusCode);
        if (challengeScheme is null)
        {
            Assert.Empty(response.Headers.WwwAuthenticate);
        }
        else
        {
            var challenge = Assert.Single(response.Headers.WwwAuthenticate);
            Assert.Equal(challengeScheme, challenge.Scheme);
            if (challengeError is null)
            {
                Assert.DoesNotContain("error=", challenge.Parameter ?? string.Empty, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains($"error=\"{challengeError}\"", challenge.Parameter, StringComparison.Ordinal);
            }
        }

        OperationOutcomeAssert.HasIssue(body, issueType, reasonCode);
        OperationOutcomeAssert.LeaksNothing(body);
        Assert.DoesNotContain("eyJ", body, StringComparison.Ordinal);
        Assert.Empty(host.Backend.ReceivedFor(testCase));
        AuditAssert.Denied(host, response, reasonCode);
    }
}
