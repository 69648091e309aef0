using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PayerTrustGateway.Tests.TestSupport;

/// <summary>Calls to the governance admin API as a named person in one role, asserting the status.</summary>
public static class GovernanceApi
{
    public const string SecurityAdmin = "security-admin";
    public const string PlatformOperator = "platform-operator";
    public const string Auditor = "auditor";
    public const string Reviewer = "reviewer";

    public static async Task<JsonElement> SendAsync(
        GatewayTestHost host, HttpMethod method, string path, object? body, string person, string role, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(host);
        using var admin = host.CreateAdminClient(person, role);
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await admin.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{method} {path} as {role}: expected {(int)expected}, got {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<JsonElement> PostAsync(GatewayTestHost host, string path, object? body, string person, string role, HttpStatusCode expected = HttpStatusCode.OK) =>
        SendAsync(host, HttpMethod.Post, path, body ?? new { }, person, role, expected);

    public static Task<JsonElement> GetAsync(GatewayTestHost host, string path, string role = Auditor) =>
        SendAsync(host, HttpMethod.Get, path, null, "auditor-ann", role, HttpStatusCode.OK);
}
