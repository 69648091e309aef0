namespace PayerTrustGateway.Audit;

/// <summary>
/// What an endpoint adds to its request's audit record (a feature on <c>HttpContext.Features</c>): the
/// control-plane change it made, or the token it issued. Set once by the endpoint, read by the audit stage.
/// </summary>
internal sealed class AuditAnnotations
{
    /// <summary>What was changed, e.g. <c>consent.revoke</c> (see <see cref="AuditRecord.Action"/>).</summary>
    public string? Action { get; set; }

    public string? Target { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }

    /// <summary>The operator who made the change.</summary>
    public string? Actor { get; set; }

    /// <summary>An endpoint's own refusal code (e.g. an OAuth error of <c>/token</c>), recorded as the reason.</summary>
    public string? Refusal { get; set; }

    /// <summary>The consent a change concerned.</summary>
    public string? ConsentId { get; set; }

    public int? ConsentVersion { get; set; }

    /// <summary>The member a change concerned (the gateway's member key).</summary>
    public string? Member { get; set; }

    /// <summary>The jti of a token issued by <c>/token</c>.</summary>
    public string? IssuedTokenId { get; set; }

    /// <summary>The client of a token issued by <c>/token</c>.</summary>
    public string? IssuedTokenClient { get; set; }

    /// <summary>How a token issued by <c>/token</c> is bound (<see cref="AuditRecordBuilder.Binding"/>).</summary>
    public string? IssuedTokenBinding { get; set; }

    /// <summary>The lifetime of a token issued by <c>/token</c>.</summary>
    public TimeSpan? IssuedTokenLifetime { get; set; }

    /// <summary>The annotations of <paramref name="context"/>'s request, created on first use.</summary>
    public static AuditAnnotations For(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var annotations = context.Features.Get<AuditAnnotations>();
        if (annotations is null)
        {
            annotations = new AuditAnnotations();
            context.Features.Set(annotations);
        }

        return annotations;
    }

    /// <summary>Records a change made by <paramref name="actor"/>.</summary>
    public static void Change(HttpContext context, string actor, string action, string target, string? before, string? after)
    {
        var annotations = For(context);
        annotations.Actor = actor;
        annotations.Action = action;
        annotations.Target = target;
        annotations.Before = before;
        annotations.After = after;
    }
}
