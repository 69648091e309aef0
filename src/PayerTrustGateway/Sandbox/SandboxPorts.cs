namespace PayerTrustGateway.Sandbox;

/// <summary>The loopback ports the sandbox uses.</summary>
internal sealed record SandboxPorts(int Partner, int Admin, int Backend);
