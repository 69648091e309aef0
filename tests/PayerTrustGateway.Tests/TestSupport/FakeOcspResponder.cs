using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.Security;
using BcExtension = Org.BouncyCastle.Asn1.X509.X509Extension;

namespace PayerTrustGateway.Tests.TestSupport;

/// <summary>
/// An OCSP responder (RFC 6960, POST) on loopback for one CA, answering with BouncyCastle's
/// <see cref="BasicOcspRespGenerator"/> as <see cref="Mode"/> says, on the clock it is given, and counting requests.
/// Signs with the CA's key, or with <see cref="DelegatedSigner"/> (sent along in the response) when set.
/// </summary>
public sealed class FakeOcspResponder : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2 _ca;
    private readonly TimeProvider _time;
    private readonly TaskCompletionSource _hanging = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _requests;
    private volatile OcspResponderMode _mode;

    private FakeOcspResponder(WebApplication app, Uri url, X509Certificate2 ca, TimeProvider time)
    {
        _app = app;
        Url = url;
        _ca = ca;
        _time = time;
    }

    /// <summary>Where to POST (put it in a leaf's AIA or a partner's <c>ResponderUrl</c>).</summary>
    public Uri Url { get; }

    /// <summary>OCSP requests received, whatever the answer.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public OcspResponderMode Mode
    {
        get => _mode;
        set => _mode = value;
    }

    /// <summary>A responder certificate (with its private key) that signs instead of the CA; null: the CA signs.</summary>
    public X509Certificate2? DelegatedSigner { get; set; }

    /// <summary>nextUpdate − thisUpdate. Default one hour.</summary>
    public TimeSpan Validity { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Completes when a request is being held in <see cref="OcspResponderMode.Hang"/>.</summary>
    public Task Hanging => _hanging.Task;

    /// <param name="ca">The CA the responder answers for, with its private key.</param>
    /// <param name="time">The responder's clock (thisUpdate, producedAt).</param>
    public static async Task<FakeOcspResponder> StartAsync(X509Certificate2 ca, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(ca);
        ArgumentNullException.ThrowIfNull(time);
        FakeOcspResponder? self = null;
        var (app, address) = await LoopbackTestServer.StartAsync(app => app.MapPost("/ocsp", context => self!.AnswerAsync(context)));
        self = new FakeOcspResponder(app, new Uri(address, "ocsp"), ca, time);
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var mode = Mode;
        if (mode == OcspResponderMode.Hang)
        {
            _hanging.TrySetResult();
            try
            {
                await _release.Task.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up: that is what a hang test waits for.
            }

            return;
        }

        if (mode == OcspResponderMode.ServerError)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = mode == OcspResponderMode.Garbage ? "not an OCSPResponse"u8.ToArray() : Respond(new OcspReq(buffer.ToArray()), mode);
        context.Response.ContentType = "application/ocsp-response";
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private byte[] Respond(OcspReq request, OcspResponderMode mode)
    {
        if (mode == OcspResponderMode.TryLater)
        {
            return new OCSPRespGenerator().Generate(OcspRespStatus.TryLater, null).GetEncoded();
        }

        var signer = DelegatedSigner ?? _ca;
        using var key = mode == OcspResponderMode.WrongKey ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : signer.GetECDsaPrivateKey()!;
        var keyPair = DotNetUtilities.GetECDsaKeyPair(key);
        var generator = new BasicOcspRespGenerator(new RespID(keyPair.Public));
        var now = _time.GetUtcNow();
        var thisUpdate = mode switch
        {
            OcspResponderMode.Stale => now.AddDays(-2),
            OcspResponderMode.FromTheFuture => now.AddHours(1),
            _ => now,
        };
        foreach (var single in request.GetRequestList())
        {
            var id = single.GetCertID();
            if (mode == OcspResponderMode.OtherCertificate)
            {
                id = CertificateID.DeriveCertificateID(id, id.SerialNumber.Add(Org.BouncyCastle.Math.BigInteger.One));
            }

            CertificateStatus status = mode switch
            {
                OcspResponderMode.Revoked => new RevokedStatus(now.AddHours(-1).UtcDateTime, CrlReason.KeyCompromise),
                OcspResponderMode.Unknown => new UnknownStatus(),
                _ => CertificateStatus.Good,
            };
            generator.AddResponse(id, status, thisUpdate.UtcDateTime, (thisUpdate + Validity).UtcDateTime, null);
        }

        var nonce = request.RequestExtensions?.GetExtension(OcspObjectIdentifiers.PkixOcspNonce);
        if (nonce is not null && mode != OcspResponderMode.NoNonce)
        {
            var echoed = mode == OcspResponderMode.NonceMismatch
                ? new BcExtension(false, new DerOctetString(new DerOctetString(RandomNumberGenerator.GetBytes(16)).GetEncoded()))
                : nonce;
            generator.SetResponseExtensions(new X509Extensions(new Dictionary<DerObjectIdentifier, BcExtension> { [OcspObjectIdentifiers.PkixOcspNonce] = echoed }));
        }

        var chain = DelegatedSigner is null ? null : new[] { DotNetUtilities.FromX509Certificate(DelegatedSigner) };
        var basic = generator.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", keyPair.Private), chain, now.UtcDateTime);
        return new OCSPRespGenerator().Generate(OcspRespStatus.Successful, basic).GetEncoded();
    }
}
