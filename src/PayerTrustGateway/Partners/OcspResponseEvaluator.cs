using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Ocsp;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace PayerTrustGateway.Partners;

/// <summary>
/// Decides what one OCSP response says about the certificate that was asked about, accepting it only as
/// RFC 6960 §3.2 requires: successful status, a BasicOCSPResponse signed by the issuing CA or by a responder
/// certificate that CA issued directly with id-kp-OCSPSigning (§4.2.2.2), the same CertID, the nonce echoed if
/// one is returned (§4.4.1), thisUpdate not in the future, recent enough, and nextUpdate not passed.
/// Pure: the caller supplies the bytes, the request and the time. Anything else is Unknown, with the reason.
/// </summary>
internal static class OcspResponseEvaluator
{
    private static readonly string OcspSigning = KeyPurposeID.id_kp_OCSPSigning.Id;

    public static OcspAnswer Evaluate(byte[] body, OcspRequestMessage request, BcCertificate issuer, DateTimeOffset now, TimeSpan maxAge)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(issuer);
        try
        {
            return EvaluateParsed(new OcspResp(body), request, issuer, now, maxAge);
        }
        catch (Exception exception) when (exception is IOException
            or ArgumentException
            or InvalidCastException
            or InvalidOperationException
            or FormatException
            or OcspException
            or Org.BouncyCastle.Security.SecurityUtilityException
            or Org.BouncyCastle.Security.Certificates.CertificateException)
        {
            return OcspAnswer.Unknown(OcspFailure.Malformed);
        }
    }

    private static OcspAnswer EvaluateParsed(OcspResp response, OcspRequestMessage request, BcCertificate issuer, DateTimeOffset now, TimeSpan maxAge)
    {
        if (response.Status != OcspRespStatus.Successful)
        {
            return OcspAnswer.Unknown(OcspFailure.Unsuccessful);
        }

        // RFC 6960 §4.2.1: id-pkix-ocsp-basic is the one response type a client must understand; we accept no other.
        if (response.GetResponseObject() is not BasicOcspResp basic)
        {
            return OcspAnswer.Unknown(OcspFailure.Malformed);
        }

        var signer = CheckSigner(basic, issuer, now);
        if (signer != OcspFailure.None)
        {
            return OcspAnswer.Unknown(signer);
        }

        // RFC 5019 responders may pre-produce responses and return no nonce; one that is returned must be ours.
        var echoed = basic.ResponseExtensions?.GetExtension(OcspObjectIdentifiers.PkixOcspNonce);
        if (echoed is not null && !CryptographicOperations.FixedTimeEquals(echoed.Value.GetOctets(), request.NonceValue))
        {
            return OcspAnswer.Unknown(OcspFailure.NonceMismatch);
        }

        if (HasUnknownCriticalExtension(basic.ResponseExtensions))
        {
            return OcspAnswer.Unknown(OcspFailure.Malformed);
        }

        var single = Array.Find(basic.Responses, candidate => SameCertificate(request.CertificateId, candidate.GetCertID()));
        if (single is null)
        {
            return OcspAnswer.Unknown(OcspFailure.CertificateIdMismatch);
        }

        return Judge(single, now, maxAge);
    }

    private static OcspAnswer Judge(SingleResp single, DateTimeOffset now, TimeSpan maxAge)
    {
        if (HasUnknownCriticalExtension(single.SingleExtensions))
        {
            return OcspAnswer.Unknown(OcspFailure.Malformed);
        }

        var thisUpdate = Utc(single.ThisUpdate);
        DateTimeOffset? nextUpdate = single.NextUpdate is { } next ? Utc(next) : null;
        if (nextUpdate < thisUpdate)
        {
            return OcspAnswer.Unknown(OcspFailure.Malformed);
        }

        if (thisUpdate > now + OcspPolicy.ClockSkew)
        {
            return OcspAnswer.Unknown(OcspFailure.NotYetValid);
        }

        // CertificateStatus.Good is null in BouncyCastle's model.
        var status = single.GetCertStatus() switch
        {
            null => RevocationCheck.Good,
            RevokedStatus => RevocationCheck.Revoked,
            _ => RevocationCheck.Unknown,
        };
        if (status == RevocationCheck.Unknown)
        {
            return OcspAnswer.Unknown(OcspFailure.StatusUnknown);
        }

        // RFC 6960 §3.2 (5)(6): thisUpdate sufficiently recent, nextUpdate (when given) not yet passed.
        var answer = new OcspAnswer(status, OcspFailure.None, thisUpdate, nextUpdate);
        return answer.IsCurrentAt(now, maxAge) ? answer : OcspAnswer.Unknown(OcspFailure.Stale);
    }

    // RFC 6960 §4.2.2.2: the issuing CA itself, or a delegate whose certificate that CA issued directly and marked
    // with id-kp-OCSPSigning, valid now. The ResponderID must name the signer (by name or by key hash).
    private static OcspFailure CheckSigner(BasicOcspResp basic, BcCertificate issuer, DateTimeOffset now)
    {
        if (basic.IsSignatureValidFor(issuer))
        {
            return Names(basic.ResponderId, issuer) ? OcspFailure.None : OcspFailure.UnauthorizedSigner;
        }

        var failure = OcspFailure.SignatureInvalid;
        foreach (var candidate in basic.GetCerts())
        {
            if (!basic.IsSignatureValidFor(candidate))
            {
                continue;
            }

            if (IsDelegateOf(candidate, issuer, now) && Names(basic.ResponderId, candidate))
            {
                return OcspFailure.None;
            }

            failure = OcspFailure.UnauthorizedSigner;
        }

        return failure;
    }

    private static bool IsSignatureValidFor(this BasicOcspResp basic, BcCertificate signer)
    {
        try
        {
            return basic.Verify(signer.GetPublicKey());
        }
        catch (OcspException)
        {
            // The key does not fit the signature algorithm (an EC key against an RSA signature): not this signer.
            return false;
        }
    }

    private static bool IsDelegateOf(BcCertificate candidate, BcCertificate issuer, DateTimeOffset now) =>
        candidate.IssuerDN.Equivalent(issuer.SubjectDN)
        && candidate.IsSignatureValid(issuer.GetPublicKey())
        && candidate.IsValid(now.UtcDateTime)
        && candidate.GetExtendedKeyUsage() is { } usages
        && usages.Any(usage => string.Equals(usage.Id, OcspSigning, StringComparison.Ordinal));

    private static bool Names(RespID responderId, BcCertificate signer)
    {
        var id = responderId.ToAsn1Object();
        if (id.Name is { } name)
        {
            return name.Equivalent(signer.SubjectDN);
        }

        // RFC 6960 §4.2.1: byKey is the SHA-1 of the subjectPublicKey BIT STRING's value.
        var keyHash = SHA1.HashData(signer.SubjectPublicKeyInfo.PublicKey.GetOctets());
        return id.GetKeyHash() is { } hash && CryptographicOperations.FixedTimeEquals(hash, keyHash);
    }

    // Compared field by field: responders differ in whether the SHA-1 AlgorithmIdentifier carries NULL parameters.
    private static bool SameCertificate(CertificateID expected, CertificateID actual) =>
        string.Equals(expected.HashAlgOid, actual.HashAlgOid, StringComparison.Ordinal)
        && expected.SerialNumber.Equals(actual.SerialNumber)
        && expected.GetIssuerNameHash().AsSpan().SequenceEqual(actual.GetIssuerNameHash())
        && expected.GetIssuerKeyHash().AsSpan().SequenceEqual(actual.GetIssuerKeyHash());

    // RFC 6960 §4.4: an extension the client does not understand may be ignored unless it is critical.
    private static bool HasUnknownCriticalExtension(X509Extensions? extensions) =>
        extensions is not null
        && extensions.GetCriticalExtensionOids().Any(oid => !oid.Equals(OcspObjectIdentifiers.PkixOcspNonce));

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
