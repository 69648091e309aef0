using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.X509;

namespace PayerTrustGateway.Partners;

/// <summary>
/// Asks a certificate's OCSP responder (RFC 6960, RFC 5019 profile) whether it is revoked: one POST of
/// <c>application/ocsp-request</c> with a nonce, through the named <see cref="HttpClientName"/> client (no
/// redirects, cookies or proxy), bounded by the partner's timeout on the injected clock, and the response
/// accepted only as <see cref="OcspResponseEvaluator"/> says. Definitive answers are cached
/// (<see cref="OcspResponseCache"/>); concurrent checks of one certificate share one request. Any failure is
/// <see cref="RevocationCheck.Unknown"/> with its reason, never an exception.
/// </summary>
internal sealed class OcspClient
{
    public const string HttpClientName = "ocsp";

    /// <summary>The largest response body read (a response for one certificate is a few KB at most).</summary>
    public const int MaxResponseBytes = 64 * 1024;

    private const string RequestMediaType = "application/ocsp-request";
    private const string ResponseMediaType = "application/ocsp-response";

    private readonly IHttpClientFactory _http;
    private readonly TimeProvider _time;
    private readonly ILogger<OcspClient> _logger;
    private readonly OcspResponseCache _cache;
    private readonly ConcurrentDictionary<(OcspCacheKey Certificate, OcspPolicy Policy), Lazy<Task<OcspAnswer>>> _inFlight = new();

    public OcspClient(IHttpClientFactory http, TimeProvider time, ILogger<OcspClient> logger)
        : this(http, time, logger, new OcspResponseCache())
    {
    }

    public OcspClient(IHttpClientFactory http, TimeProvider time, ILogger<OcspClient> logger, OcspResponseCache cache)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(cache);
        _http = http;
        _time = time;
        _logger = logger;
        _cache = cache;
    }

    /// <param name="certificate">The certificate to check (the workload's leaf).</param>
    /// <param name="issuer">The CA certificate that issued it (from the partner's configured trust material), or null when unknown.</param>
    /// <param name="policy">The partner's OCSP settings.</param>
    /// <param name="cancellationToken">Stops waiting (the request went away); a shared responder request still runs to its own timeout.</param>
    public async ValueTask<OcspAnswer> CheckAsync(X509Certificate2 certificate, X509Certificate2? issuer, OcspPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(policy);
        if (issuer is null)
        {
            return OcspAnswer.Unknown(OcspFailure.NoIssuer);
        }

        var key = new OcspCacheKey(issuer.GetCertHashString(HashAlgorithmName.SHA256), LoadedCrl.NormalizeSerial(certificate.SerialNumber));
        if (_cache.Get(key, _time.GetUtcNow(), policy.MaxResponseAge) is { } cached)
        {
            return cached;
        }

        var flight = _inFlight.GetOrAdd(
            (key, policy),
            static (flightKey, state) => new Lazy<Task<OcspAnswer>>(() => state.Client.FetchAsync(flightKey, state.Certificate, state.Issuer)),
            (Client: this, Certificate: certificate, Issuer: issuer));
        return await flight.Value.WaitAsync(cancellationToken);
    }

    private async Task<OcspAnswer> FetchAsync((OcspCacheKey Certificate, OcspPolicy Policy) flight, X509Certificate2 certificate, X509Certificate2 issuer)
    {
        try
        {
            var policy = flight.Policy;
            var responder = policy.ResponderUrl ?? ResponderFromAia(certificate);
            if (responder is null)
            {
                return Unknown(OcspFailure.NoResponder, "none");
            }

            var issuerCertificate = new X509CertificateParser().ReadCertificate(issuer.RawData);
            var request = OcspRequestBuilder.Build(certificate, issuerCertificate);
            var (body, failure) = await PostAsync(responder, request.Der, policy.Timeout);
            if (body is null)
            {
                return Unknown(failure, responder.GetLeftPart(UriPartial.Path));
            }

            var now = _time.GetUtcNow();
            var answer = OcspResponseEvaluator.Evaluate(body, request, issuerCertificate, now, policy.MaxResponseAge);
            if (answer.Status == RevocationCheck.Unknown)
            {
                return Unknown(answer.Failure, responder.GetLeftPart(UriPartial.Path));
            }

            _cache.Set(flight.Certificate, answer, now, policy.MaxResponseAge);
            return answer;
        }
        finally
        {
            // While this flight is registered no other can be for its key, so removing by key removes this one.
            _inFlight.TryRemove(flight, out _);
        }
    }

    private async Task<(byte[]? Body, OcspFailure Failure)> PostAsync(Uri responder, byte[] der, TimeSpan timeout)
    {
        // The timeout runs on the injected clock; it is not linked to the caller's request, whose abort would
        // otherwise cancel a check other requests share.
        using var deadline = new CancellationTokenSource(timeout, _time);
        try
        {
            using var content = new ByteArrayContent(der);
            content.Headers.ContentType = new MediaTypeHeaderValue(RequestMediaType);
            using var message = new HttpRequestMessage(HttpMethod.Post, responder) { Content = content };
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(ResponseMediaType));
            using var response = await _http.CreateClient(HttpClientName).SendAsync(message, deadline.Token);
            if (response.StatusCode != HttpStatusCode.OK
                || !string.Equals(response.Content.Headers.ContentType?.MediaType, ResponseMediaType, StringComparison.OrdinalIgnoreCase))
            {
                return (null, OcspFailure.Unreachable);
            }

            return (await response.Content.ReadAsByteArrayAsync(deadline.Token), OcspFailure.None);
        }
        catch (OperationCanceledException)
        {
            // Our deadline, or the client's own hard ceiling (OcspOptions.MaxTimeout on the real clock).
            return (null, OcspFailure.Timeout);
        }
        catch (HttpRequestException)
        {
            // Connection refused or reset, TLS failure, or a body over MaxResponseBytes.
            return (null, OcspFailure.Unreachable);
        }
    }

    private OcspAnswer Unknown(OcspFailure failure, string responder)
    {
        _logger.OcspNoDefinitiveAnswer(responder, failure);
        return OcspAnswer.Unknown(failure);
    }

    // RFC 5280 §4.2.2.1: the Authority Information Access extension's id-ad-ocsp entries; only http(s) is used.
    private static Uri? ResponderFromAia(X509Certificate2 certificate)
    {
        try
        {
            foreach (var extension in certificate.Extensions)
            {
                if (extension is not X509AuthorityInformationAccessExtension aia)
                {
                    continue;
                }

                foreach (var location in aia.EnumerateOcspUris())
                {
                    if (Uri.TryCreate(location, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                    {
                        return uri;
                    }
                }
            }
        }
        catch (CryptographicException)
        {
            // A malformed AIA extension names no responder.
        }

        return null;
    }
}
