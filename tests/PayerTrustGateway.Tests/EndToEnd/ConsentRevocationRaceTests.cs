using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using PayerTrustGateway.Tests.TestSupport;

namespace PayerTrustGateway.Tests.EndToEnd;

/// <summary>Revocation while requests are in flight: no request started after the revocation committed is allowed.</summary>
public sealed class ConsentRevocationRaceTests
{
    [Fact]
    public async Task RequestsStartedAfterRevocationCommitted_AreAllRefused()
    {
        using var pki = new TestPki();
        var now = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        await using var host = await ConsentTestHost.StartAsync(pki, new FakeTimeProvider(now));
        var consentId = await host.CaptureAsync(TestConsents.Hrex("member-1001", ConsentTestHost.PlanAOrganization, now.AddDays(-1), now.AddDays(30)));
        var clients = new List<HttpClient>();
        for (var i = 0; i < 4; i++)
        {
            clients.Add(await host.CreateAuthorizedClientAsync(pki.PlanAValid));
        }

        var revoked = 0; // set once the revoke call has returned (the revocation is committed)
        var outcomes = new ConcurrentBag<(bool StartedAfterRevocation, HttpStatusCode Status, string TestCase)>();
        using var enoughBefore = new CountdownEvent(40);
        var workers = clients.Select(client => Task.Run(async () =>
        {
            for (var i = 0; i < 60; i++)
            {
                var testCase = Guid.NewGuid().ToString("N");
                var startedAfter = Volatile.Read(ref revoked) == 1;
                using var response = await client.SendAsync(ConsentTestHost.Get("Patient/member-1001", testCase));
                outcomes.Add((startedAfter, response.StatusCode, testCase));
                if (!startedAfter && enoughBefore.CurrentCount > 0)
                {
                    enoughBefore.Signal();
                }
            }
        })).ToList();

        await Task.Run(() => enoughBefore.Wait(TimeSpan.FromSeconds(30)));
        await host.RevokeAsync(consentId);
        Volatile.Write(ref revoked, 1);
        await Task.WhenAll(workers);
        clients.ForEach(client => client.Dispose());

        var after = outcomes.Where(outcome => outcome.StartedAfterRevocation).ToList();
        Assert.NotEmpty(after);
        Assert.Contains(outcomes, outcome => !outcome.StartedAfterRevocation && outcome.Status == HttpStatusCode.OK);
        Assert.All(after, outcome =>
        {
            Assert.Equal(HttpStatusCode.Forbidden, outcome.Status);
            Assert.Empty(host.Backend.ReceivedFor(outcome.TestCase));
        });
    }
}
