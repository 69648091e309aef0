using System.Buffers;
using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Exchange;

/// <summary>
/// Mints the downstream token with the gateway's signing key (S6.8, RFC 9068): <c>typ</c> at+jwt, <c>iss</c>
/// the gateway, <c>aud</c> the cluster, <c>sub</c> the member (member-scoped requests) or the workload,
/// <c>client_id</c> the workload, <c>act</c> the workload with any earlier actor nested (RFC 8693 §4.1),
/// narrowed <c>scope</c>, <c>purpose_of_use</c>, <c>consent_id</c>, <c>decision_id</c>, a fresh <c>jti</c>, and
/// an <c>exp</c> within the configured lifetime and never after the partner token's (or the consent's) end.
/// </summary>
internal sealed class DownstreamTokenMinter
{
    private static readonly FrozenDictionary<string, object> Header = new Dictionary<string, object> { ["typ"] = "at+jwt" }.ToFrozenDictionary();

    private readonly SigningKeyRing _keys;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public DownstreamTokenMinter(SigningKeyRing keys, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(time);
        _keys = keys;
        _time = time;
    }

    public DownstreamTokenOutcome Mint(DownstreamTokenRequest request, string issuer, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(issuer);
        var issuedAt = _time.GetUtcNow().ToUnixTimeSeconds();
        var expires = Math.Min(issuedAt + (long)lifetime.TotalSeconds, request.NotAfter.ToUnixTimeSeconds());
        if (expires <= issuedAt)
        {
            return DownstreamTokenOutcome.Refused(DenyReason.TokenExpired, "the partner token expires now");
        }

        var jti = Guid.NewGuid().ToString("N");
        var payload = Payload(request, issuer, issuedAt, expires, jti);
        var token = _handler.CreateToken(payload, _keys.Signing.Credentials, Header);
        return DownstreamTokenOutcome.Issued(new DownstreamToken(token, jti, DateTimeOffset.FromUnixTimeSeconds(expires), issuer), "minted");
    }

    private static string Payload(DownstreamTokenRequest request, string issuer, long issuedAt, long expires, string jti)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("iss", issuer);
            writer.WriteString("sub", request.Member ?? request.ClientId);
            writer.WriteString("aud", request.Audience);
            writer.WriteNumber("iat", issuedAt);
            writer.WriteNumber("nbf", issuedAt);
            writer.WriteNumber("exp", expires);
            writer.WriteString("jti", jti);
            writer.WriteString("client_id", request.ClientId);
            if (!request.Scopes.IsDefaultOrEmpty)
            {
                writer.WriteString("scope", string.Join(' ', request.Scopes));
            }

            // RFC 8693 §4.1: the acting party on top, earlier actors nested inside it.
            writer.WriteStartObject("act");
            writer.WriteString("sub", request.ClientId);
            if (request.InboundActor is { } earlier)
            {
                writer.WritePropertyName("act");
                writer.WriteRawValue(earlier, skipInputValidation: false);
            }

            writer.WriteEndObject();
            if (request.Member is { } member)
            {
                writer.WriteString("patient", member);
            }

            if (!request.PurposesOfUse.IsDefaultOrEmpty)
            {
                writer.WriteStartArray("purpose_of_use");
                foreach (var purpose in request.PurposesOfUse)
                {
                    writer.WriteStringValue(purpose);
                }

                writer.WriteEndArray();
            }

            if (request.ConsentId is { } consent)
            {
                writer.WriteString("consent_id", consent);
            }

            writer.WriteString("decision_id", request.DecisionId);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
