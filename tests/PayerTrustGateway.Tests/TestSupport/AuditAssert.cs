using Microsoft.Extensions.DependencyInjection;
using PayerTrustGateway.Audit;

namespace PayerTrustGateway.Tests.TestSupport;

/// <summary>The audit side of a security test: exactly one record for the request, with the expected decision.</summary>
internal static class AuditAssert
{
    /// <summary>The one record of the request <paramref name="response"/> answered (by its X-Request-Id).</summary>
    public static AuditRecord Single(GatewayTestHost host, HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.True(response.Headers.TryGetValues("X-Request-Id", out var ids), "the response carries no X-Request-Id");
        return Single(host, Assert.Single(ids));
    }

    /// <summary>Asserts one deny record for a raw response (by its X-Request-Id header).</summary>
    public static AuditRecord Denied(GatewayTestHost host, RawResponse response, string reasonCode)
    {
        ArgumentNullException.ThrowIfNull(response);
        var id = response.Headers.FirstOrDefault(header => header.Key.Equals("X-Request-Id", StringComparison.OrdinalIgnoreCase)).Value;
        Assert.False(string.IsNullOrEmpty(id), "the response carries no X-Request-Id");
        var record = Single(host, id);
        Assert.Equal(AuditDecisions.Deny, record.Decision);
        Assert.Equal(reasonCode, record.Reason);
        Assert.Equal(response.StatusCode, record.Status);
        return record;
    }

    public static AuditRecord Single(GatewayTestHost host, string requestId)
    {
        ArgumentNullException.ThrowIfNull(host);
        var store = host.Services.GetRequiredService<IAuditStore>();
        var records = store.Query(new AuditQuery { RequestId = requestId, Limit = 10 }).Records;
        return Assert.Single(records);
    }

    /// <summary>Asserts one deny record with the reason code and status the caller saw.</summary>
    public static AuditRecord Denied(GatewayTestHost host, HttpResponseMessage response, string reasonCode)
    {
        var record = Single(host, response);
        Assert.Equal(AuditDecisions.Deny, record.Decision);
        Assert.Equal(reasonCode, record.Reason);
        Assert.Equal((int)response.StatusCode, record.Status);
        return record;
    }

    /// <summary>Asserts one allow record for a forwarded request, naming the workload and the token.</summary>
    public static AuditRecord Allowed(GatewayTestHost host, string requestId)
    {
        var record = Single(host, requestId);
        Assert.Equal(AuditDecisions.Allow, record.Decision);
        Assert.Null(record.Reason);
        Assert.NotNull(record.Workload);
        Assert.NotNull(record.CertificateThumbprint);
        Assert.NotNull(record.TokenId);
        Assert.NotNull(record.Policy);
        Assert.NotNull(record.Rule);
        return record;
    }

    /// <summary>The records of admin changes with <paramref name="action"/>, oldest first.</summary>
    public static IReadOnlyList<AuditRecord> Changes(GatewayTestHost host, string action)
    {
        ArgumentNullException.ThrowIfNull(host);
        var store = host.Services.GetRequiredService<IAuditStore>();
        return [.. store.Query(new AuditQuery { Limit = 1000 }).Records.Where(record => record.Action == action)];
    }
}
