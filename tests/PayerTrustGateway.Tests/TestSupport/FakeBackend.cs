using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        FakeBackend? self = null;
        app.Run(async context =>
        {
            self!.Record(context.Request);
            if (context.Request.Path.StartsWithSegments(HangPath, StringComparison.Ordinal))
            {
                // Never answers: waits until the gateway gives up and aborts the request.
                await WaitUntilCancelledAsync(context.RequestAborted);
                return;
            }

            context.Response.ContentType = "application/fhir+json";
            await context.Response.WriteAsync("{\"resourceType\":\"Patient\",\"id\":\"member-1001\"}", context.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        self = new FakeBackend(app, new Uri(address.EndsWith('/') ? address : address + "/"));
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
