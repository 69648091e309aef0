namespace PayerTrustGateway.Storage;

/// <summary>Where the gateway keeps its state (<c>TrustGateway:Storage</c>). Read once at start; changes need a restart.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "TrustGateway:Storage";

    /// <summary>Store implementation. <c>Sqlite</c> (default, embedded): one WAL-mode database file per registry under <see cref="DataDirectory"/>.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Folder for the embedded stores (created if missing; relative paths are taken from the working directory). Default <c>data</c>.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>How long a store call waits for a lock held by another writer before failing (closed). Default 5 seconds.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The database file for one registry, e.g. <c>consents.db</c>.</summary>
    public string DatabasePath(string fileName) => Path.Combine(Path.GetFullPath(DataDirectory), fileName);
}
