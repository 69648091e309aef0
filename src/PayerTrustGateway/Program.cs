using PayerTrustGateway.Hosting;

return await GatewayCommandLine.Create().Parse(args).InvokeAsync();

/// <summary>Entry point; public so that test hosts can reference the assembly by it.</summary>
public partial class Program;
