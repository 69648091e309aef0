using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace PayerTrustGateway.Sandbox;

/// <summary>
/// An embedded, plain-HTTP FHIR R4 server with deterministic sample content, for sandbox mode, tests and
/// the load harness. It runs its own <see cref="WebApplication"/> on loopback only, without TLS; in the
/// sandbox it accepts only the gateway's downstream tokens, elsewhere it may run without authentication,
/// so it must never be reachable from another host.
/// </summary>
internal sealed class SampleFhirBackend : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private int _disposed;

    private SampleFhirBackend(WebApplication app, Uri baseAddress, SampleFhirData data)
    {
        _app = app;
        BaseAddress = baseAddress;
        Data = data;
    }

    /// <summary>The server root, e.g. <c>http://127.0.0.1:8090/</c>; the FHIR base is this plus <c>fhir/</c>.</summary>
    public Uri BaseAddress { get; }

    public SampleFhirData Data { get; }

    /// <summary>Starts the server on <paramref name="address"/> (loopback only) and <paramref name="port"/> (0 = ephemeral).</summary>
    /// <remarks>With <paramref name="tokenCheck"/>, every request must carry the gateway's downstream token (see <see cref="SampleTokenCheck"/>).</remarks>
    public static async Task<SampleFhirBackend> StartAsync(IPAddress address, int port, CancellationToken cancellationToken, SampleTokenCheck? tokenCheck = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!IPAddress.IsLoopback(address))
        {
            throw new ArgumentException(
                "The sample FHIR backend serves unauthenticated plain HTTP; bind it to a loopback address " +
                "such as 127.0.0.1 or ::1.",
                nameof(address));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        cancellationToken.ThrowIfCancellationRequested();

        var json = new SampleFhirJson();
        var data = SampleFhirData.Create();
        var outcomes = SampleOperationOutcomes.Create(json);
        var endpoint = new SampleFhirEndpoint(outcomes.NotReady);
        var app = Build(address, port, endpoint, tokenCheck);
        try
        {
            await app.StartAsync(cancellationToken);
            var baseAddress = GetBaseAddress(app, address);
            var responses = SampleFhirResponses.Create(data, new Uri(baseAddress, "fhir/"), outcomes, json);
            endpoint.Activate(new SampleFhirResponder(responses, new SampleSearchEvaluator(data)));
            return new SampleFhirBackend(app, baseAddress, data);
        }
        catch
        {
            await StopAndDisposeAsync(app);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await StopAndDisposeAsync(_app);
        }
    }

    private static WebApplication Build(IPAddress address, int port, SampleFhirEndpoint endpoint, SampleTokenCheck? tokenCheck)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // The host process (the gateway, a test, the load harness) has its own appsettings, environment
        // variables and URLs; none of them may configure this server, e.g. Kestrel:Endpoints or ASPNETCORE_URLS.
        builder.Configuration.Sources.Clear();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownTimeout);
        builder.Services.AddSingleton<IHostLifetime, SampleFhirHostLifetime>();
        builder.WebHost.ConfigureKestrel(options =>
            options.Listen(address, port, listen => listen.Protocols = HttpProtocols.Http1));

        tokenCheck?.Register(builder.Services);
        var app = builder.Build();
        if (tokenCheck is not null)
        {
            app.Use(SampleTokenCheck.RequireGatewayTokenAsync);
        }

        app.Run(endpoint.InvokeAsync);
        return app;
    }

    private static Uri GetBaseAddress(WebApplication app, IPAddress address)
    {
        // With port 0 the bound port is only known from the server's address feature after start.
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        var bound = addresses?.Addresses.SingleOrDefault()
            ?? throw new InvalidOperationException("Kestrel did not report the sample backend's address.");
        var port = new Uri(bound).Port;
        return new UriBuilder(Uri.UriSchemeHttp, address.ToString(), port, "/").Uri;
    }

    private static async Task StopAndDisposeAsync(WebApplication app)
    {
        try
        {
            // Bounded by HostOptions.ShutdownTimeout.
            await app.StopAsync(CancellationToken.None);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
