using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using PayerTrustGateway.Hygiene;
using PayerTrustGateway.Partners;
using PayerTrustGateway.Tokens;

namespace PayerTrustGateway.Hosting;

/// <summary>
/// Binds the partner listener (TLS 1.2/1.3, client certificate requested in the handshake) and the
/// admin listener, and tags each connection with the listener it came in on.
/// TLS asks for a client certificate and accepts any: rejecting at the handshake would leave partners
/// with a bare TLS alert, while the certificate handler can answer every refusal in FHIR with what to
/// fix. No trust is placed in the certificate until that handler has validated it.
/// </summary>
internal static class KestrelListenerConfigurator
{
    public static void Configure(KestrelServerOptions kestrel, ListenersOptions listeners, RequestHygieneOptions hygiene, ListenerEndpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        ArgumentNullException.ThrowIfNull(listeners);
        ArgumentNullException.ThrowIfNull(hygiene);
        ArgumentNullException.ThrowIfNull(endpoints);

        kestrel.AddServerHeader = false;
        if (!new ListenersOptionsValidator().Validate(null, listeners).Succeeded
            || !new RequestHygieneOptionsValidator().Validate(null, hygiene).Succeeded)
        {
            // Start-up validation will refuse to start and list every problem; bind nothing meanwhile.
            return;
        }

        // Kestrel's own limits stay above the hygiene limits, so the gateway answers in FHIR first.
        kestrel.Limits.MaxRequestLineSize = Math.Max(kestrel.Limits.MaxRequestLineSize, hygiene.MaxRequestTargetLength + 1024);
        kestrel.Limits.MaxRequestHeadersTotalSize = Math.Max(kestrel.Limits.MaxRequestHeadersTotalSize, hygiene.MaxRequestHeadersTotalBytes + 4096);

        var partner = listeners.Partner;

        // Validated just above, so the paths are set and load.
        var serverCertificates = new X509Certificate2Collection();
        serverCertificates.ImportFromPemFile(partner.CertificatePath!);
        // Lives as long as the listener, that is, the process.
#pragma warning disable CA2000
        var serverCertificate = X509Certificate2.CreateFromPemFile(partner.CertificatePath!, partner.KeyPath);
#pragma warning restore CA2000

        kestrel.Listen(IPAddress.Parse(partner.Address), partner.Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.Use(Tag(ListenerFeature.Partner));
            listen.Use(next => connection =>
            {
                // One client certificate per TLS connection: its chain verdict, and the last validated
                // access token, are reused across the connection's requests (revocation, status, expiry
                // and binding are still checked on each one).
                connection.Features.Set(new ChainVerdictCache());
                connection.Features.Set(new TokenValidationCache());
                return next(connection);
            });
            listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = serverCertificate,
                ServerCertificateChain = [.. serverCertificates.Skip(1)],
                SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                ClientCertificateValidation = static (_, _, _) => true,
                CheckCertificateRevocation = false,
                HandshakeTimeout = TimeSpan.FromSeconds(10),
            });
            endpoints.Register(GatewayListener.Partner, listen);
        });

        kestrel.Listen(IPAddress.Parse(listeners.Admin.Address), listeners.Admin.Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            listen.Use(Tag(ListenerFeature.Admin));
            endpoints.Register(GatewayListener.Admin, listen);
        });
    }

    private static Func<ConnectionDelegate, ConnectionDelegate> Tag(ListenerFeature feature) =>
        next => connection =>
        {
            connection.Features.Set(feature);
            return next(connection);
        };
}
