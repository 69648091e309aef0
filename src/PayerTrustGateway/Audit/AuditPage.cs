namespace PayerTrustGateway.Audit;

/// <summary>One page of query results and the cursor for the next page (null on the last).</summary>
internal sealed record AuditPage(IReadOnlyList<AuditRecord> Records, AuditCursor? NextCursor);
