using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PayerTrustGateway.Tests.TestSupport;

/// <summary>
/// A plain-HTTP backend on loopback that records every request it receives. Each test marks its
/// requests with a unique <see cref="CaseHeader"/>, so "the backend saw nothing" is asserted per test.
/// Paths under <c>/hang</c> never answer (until the gateway gives up), for timeout tests.
/// </summary>
public sealed class FakeBackend : IAsyncDisposable
{
    public const string CaseHeader = "X-Test-Case";
    public const string HangPath = "/fhir/Patient/hang";

    /// <summary>A test names the answer body (base64 of FHIR JSON) in this request header; default a Patient member-1001.</summary>
    public const string ResponseBodyHeader = "X-Test-Response-Body";

    private readonly ConcurrentQueue<RecordedRequest> _received = new();
    private readonly WebApplication _app;

    private FakeBackend(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<FakeBackend> StartAsync()
    {
        FakeBackend? self = null;
        var (app, address) = await LoopbackTestServer.StartAsync(app => app.Run(async context =>
        {
            self!.Record(context.Request);
            if (context.Request.Path.StartsWithSegments(HangPath, StringComparison.Ordinal))
            {
                // Never answers: waits until the gateway gives up and aborts the request.
                await WaitUntilCancelledAsync(context.RequestAborted);
                return;
            }

            context.Response.ContentType = "application/fhir+json";
            var body = context.Request.Headers[ResponseBodyHeader] is { Count: 1 } named
                ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(named[0]!))
                : "{\"resourceType\":\"Patient\",\"id\":\"member-1001\"}";
            await context.Response.WriteAsync(body, context.RequestAborted);
        }));
        self = new FakeBackend(app, address);
        return self;
    }

    /// <summary>The requests this test case sent that reached the backend.</summary>
    public IReadOnlyList<RecordedRequest> ReceivedFor(string testCase) =>
        [.. _received.Where(r => r.Header(CaseHeader) == testCase)];

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static async Task WaitUntilCancelledAsync(CancellationToken cancellationToken)
    {
        try
        {
            await new TaskCompletionSource().Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Record(HttpRequest request)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.Select(v => v ?? string.Empty).ToArray(), StringComparer.OrdinalIgnoreCase);
        _received.Enqueue(new RecordedRequest(request.Method, request.Path + request.QueryString, headers));
    }
}
