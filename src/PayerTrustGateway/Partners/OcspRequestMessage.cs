using Org.BouncyCastle.Ocsp;

namespace PayerTrustGateway.Partners;

/// <summary>One OCSP request as sent, and what its response must echo.</summary>
/// <param name="Der">The DER-encoded OCSPRequest (the POST body, RFC 6960 Appendix A.1).</param>
/// <param name="CertificateId">The CertID asked about; the response must answer for exactly it.</param>
/// <param name="NonceValue">The nonce extension's extnValue (DER OCTET STRING of the nonce), to compare with the echo.</param>
internal sealed record OcspRequestMessage(byte[] Der, CertificateID CertificateId, byte[] NonceValue);
