namespace PayerTrustGateway.Policy;

/// <summary>SMART v2 permission letters (<c>cruds</c>).</summary>
[Flags]
internal enum SmartPermissions
{
    None = 0,
    Create = 1,
    Read = 2,
    Update = 4,
    Delete = 8,
    Search = 16,
}
