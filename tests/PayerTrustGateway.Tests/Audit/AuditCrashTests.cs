using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using PayerTrustGateway.Audit;
using PayerTrustGateway.Tests.TestSupport;

namespace PayerTrustGateway.Tests.Audit;

/// <summary>
/// Durability in sync mode against a real crash: a gateway process under load is killed with SIGKILL; every
/// response a client received has its record in the store afterwards, and the trail still verifies. Both
/// durability levels must survive a killed process (Normal only gives up power-loss safety).
/// </summary>
public sealed class AuditCrashTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("Full")]
    [InlineData("Normal")]
    public async Task KilledUnderLoad_EveryResponseSent_HasItsRecord_AndTheTrailVerifies(string durability)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ptg-crash-tests", Guid.NewGuid().ToString("N"));
        await using var backend = await FakeBackend.StartAsync();
        var partnerPort = LoopbackTestServer.UnusedPort();
        var adminPort = LoopbackTestServer.UnusedPort();
        var (prepared, preparation) = await GatewayProcess.RunAsync(Patience, "sandbox", "--dir", folder, "--pki-only",
            "--partner-port", partnerPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--admin-port", adminPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--backend-port", backend.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(prepared == 0, preparation);
        var config = Path.Combine(folder, "gateway.json");
        using var client = Client(folder, partnerPort);
        var received = new ConcurrentBag<string>();

        using (var gateway = await GatewayProcess.ServeAsync(config, Patience, new Dictionary<string, string> { ["TrustGateway__Audit__Durability"] = durability }))
        {
            await AssertAdminAccessAsync(folder, adminPort);
            var token = JsonDocument.Parse(await (await client.PostAsync(new Uri("/token", UriKind.Relative), new FormUrlEncodedContent([KeyValuePair.Create("grant_type", "client_credentials")]))).Content.ReadAsStringAsync())
                .RootElement.GetProperty("access_token").GetString();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using var stop = new CancellationTokenSource();
            var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var workers = Enumerable.Range(0, 6).Select(_ => LoadAsync(client, received, enough, stop.Token)).ToList();
            await Task.WhenAny(enough.Task, Task.WhenAll(workers)).WaitAsync(Patience);

            await gateway.KillAsync(Patience);
            await stop.CancelAsync();
            await Task.WhenAll(workers);
        }

        var store = new SqliteAuditStore(Path.Combine(folder, "data", SqliteAuditStore.FileName), TimeSpan.FromSeconds(5));
        Assert.True(received.Count >= 300, $"only {received.Count} responses before the kill");
        var missing = received.Where(id => store.Query(new AuditQuery { RequestId = id }).Records.Count != 1).ToList();
        Assert.Empty(missing);
        var (verified, report) = await GatewayProcess.RunAsync(Patience, "audit", "verify", "--config", config);
        Assert.True(verified == 0, report);
        Assert.Contains("trail intact", report, StringComparison.Ordinal);

        // The partner's whole history from the command line: one FHIR AuditEvent per line.
        var (queried, history) = await GatewayProcess.RunAsync(Patience, "audit", "query", "--config", config, "--partner", "plan-a", "--format", "fhir");
        Assert.True(queried == 0, history);
        var events = history.Split('\n').Where(line => line.StartsWith('{')).ToList();
        Assert.True(events.Count >= received.Count, $"{events.Count} events for {received.Count} responses");
        Assert.All(events, line => Assert.Contains("\"resourceType\":\"AuditEvent\"", line, StringComparison.Ordinal));

        // The same command names the first bad record once someone edits the store.
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder, "data", SqliteAuditStore.FileName)};Pooling=False"))
        {
            connection.Open();
            using var edit = connection.CreateCommand();
            edit.CommandText = "UPDATE audit_record SET status = 204 WHERE seq = 42";
            Assert.Equal(1, edit.ExecuteNonQuery());
        }

        var (broken, brokenReport) = await GatewayProcess.RunAsync(Patience, "audit", "verify", "--config", config);
        Assert.True(broken == 1, brokenReport);
        Assert.Contains("BROKEN at record 42: content does not match its hash (edited)", brokenReport, StringComparison.Ordinal);
    }

    // `sandbox --pki-only` also configures admin access and writes a token per role: the admin API wants one.
    private static async Task AssertAdminAccessAsync(string folder, int adminPort)
    {
        using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}/") };
        using (var anonymous = await admin.GetAsync(new Uri("/config/status", UriKind.Relative)))
        {
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        var token = (await File.ReadAllTextAsync(Path.Combine(folder, "admin", "auditor.jwt"))).Trim();
        admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var status = await admin.GetAsync(new Uri("/config/status", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, status.StatusCode);
    }

    // Closed loop: send, read the whole response, note its request id; stop at cancellation or when the gateway dies.
    private static async Task LoadAsync(HttpClient client, ConcurrentBag<string> received, TaskCompletionSource enough, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/fhir/Patient/member-1001", UriKind.Relative), cancellationToken);
                await response.Content.ReadAsByteArrayAsync(cancellationToken);
                if (response.Headers.TryGetValues("X-Request-Id", out var ids))
                {
                    received.Add(ids.Single());
                }

                if (received.Count >= 300)
                {
                    enough.TrySetResult(); // the kill comes while the others are still mid-request
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or IOException)
            {
                return;
            }
        }
    }

    private static HttpClient Client(string folder, int partnerPort)
    {
        var pki = Path.Combine(folder, "pki");
        var certificate = X509Certificate2.CreateFromPemFile(Path.Combine(pki, "plan-a-claims-sync.crt"), Path.Combine(pki, "plan-a-claims-sync.key"));
        var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(pki, "gateway-ca.crt"));
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [certificate],
                LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate,
                RemoteCertificateValidationCallback = (_, presented, _, _) => ServerCertificateValidator.IsTrusted(presented, ca),
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"https://localhost:{partnerPort}/") };
    }
}
