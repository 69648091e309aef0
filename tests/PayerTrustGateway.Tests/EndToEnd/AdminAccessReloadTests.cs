using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PayerTrustGateway.Admin;
using PayerTrustGateway.Hosting;
using PayerTrustGateway.Tests.TestSupport;
using PayerTrustGateway.Tokens;
using Task = System.Threading.Tasks.Task;

namespace PayerTrustGateway.Tests.EndToEnd;

/// <summary>
/// Admin access follows configuration reloads: new keys apply to the next request, an invalid change keeps
/// the last good keys, and an issuer the gateway comes to trust for partners is never an admin issuer.
/// </summary>
public sealed class AdminAccessReloadTests
{
    private const string KeyFilesKey = "TrustGateway:AdminAccess:KeyFiles:0";

    [Fact]
    public async Task Reload_NewKeyFile_NextRequestUsesIt_AndAnInvalidChangeKeepsTheLastGood()
    {
        using var pki = new TestPki();
        using var first = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var second = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var file = Path.Combine(pki.Directory, "admin-access.json");
        await File.WriteAllTextAsync(file, KeyFiles(WriteKey(pki, "first.pub", first)));
        // The admin keys come from the file only (not from the host's own generated key).
        await using var host = await GatewayTestHost.StartAsync(pki, settings => settings.Remove(KeyFilesKey), configFile: file);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, first));

        await ReloadAsync<AdminAccessOptions>(host, file, KeyFiles(WriteKey(pki, "second.pub", second)), accepted: true);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(host, first));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, second));

        await ReloadAsync<AdminAccessOptions>(host, file, KeyFiles(Path.Combine(pki.Directory, "missing.pub")), accepted: false);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, second));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(host, first));
    }

    [Fact]
    public async Task Reload_PartnerIssuerNamedLikeTheAdminIssuer_AdminTokensAreRefused()
    {
        using var pki = new TestPki();
        var file = Path.Combine(pki.Directory, "issuers.json");
        await File.WriteAllTextAsync(file, "{}");
        await using var host = await GatewayTestHost.StartAsync(pki, configFile: file);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, host.AdminIssuerKey));

        // The admin options reject this change (and keep serving); the partner issuers accept it.
        var clash = new JsonObject
        {
            ["TrustGateway"] = new JsonObject
            {
                ["Issuers"] = new JsonObject
                {
                    ["clash"] = new JsonObject
                    {
                        ["Issuer"] = TestGatewayConfiguration.AdminIssuer,
                        ["KeyFiles"] = new JsonArray(pki.IssuerKeyPath),
                        ["Audiences"] = new JsonArray(TestGatewayConfiguration.AdminAudience),
                    },
                },
            },
        };
        using (var issuers = new ReloadWatch<IssuersOptions>(host))
        using (var adminAccess = new ReloadWatch<AdminAccessOptions>(host))
        {
            await File.WriteAllTextAsync(file, clash.ToJsonString());

            Assert.True(await issuers.AcceptedAsync());
            Assert.False(await adminAccess.AcceptedAsync());
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(host, host.AdminIssuerKey));
    }

    private static string WriteKey(TestPki pki, string name, ECDsa key) =>
        pki.WriteBytes(name, System.Text.Encoding.ASCII.GetBytes(key.ExportSubjectPublicKeyInfoPem()));

    private static string KeyFiles(string path) =>
        new JsonObject { ["TrustGateway"] = new JsonObject { ["AdminAccess"] = new JsonObject { ["KeyFiles"] = new JsonArray(path) } } }.ToJsonString();

    private static async Task<HttpStatusCode> StatusAsync(GatewayTestHost host, ECDsa key)
    {
        using var admin = host.CreateAnonymousAdminClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/config/status");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", host.MintAdminToken("alice", [AdminRoles.Reviewer], key: key));
        using var response = await admin.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task ReloadAsync<TOptions>(GatewayTestHost host, string file, string json, bool accepted)
        where TOptions : class
    {
        using var watch = new ReloadWatch<TOptions>(host);

        await File.WriteAllTextAsync(file, json);

        Assert.Equal(accepted, await watch.AcceptedAsync());
    }

    // The outcome of the next reload of one section: accepted (true) or rejected (false).
    private sealed class ReloadWatch<TOptions> : IDisposable
        where TOptions : class
    {
        private readonly TaskCompletionSource<bool> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly IDisposable _accepted;
        private readonly IDisposable _rejected;

        public ReloadWatch(GatewayTestHost host)
        {
            var options = host.Services.GetRequiredService<LastGoodOptions<TOptions>>();
            _accepted = options.OnChange(_ => _done.TrySetResult(true));
            _rejected = options.OnRejected(_ => _done.TrySetResult(false));
        }

        public Task<bool> AcceptedAsync() => _done.Task.WaitAsync(TimeSpan.FromSeconds(30));

        public void Dispose()
        {
            _accepted.Dispose();
            _rejected.Dispose();
        }
    }
}
