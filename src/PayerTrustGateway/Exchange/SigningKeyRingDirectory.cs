using System.Text.Json;
using System.Text.Json.Serialization;

namespace PayerTrustGateway.Exchange;

/// <summary>
/// The generated key ring on disk: <c>keyring.json</c> (kid, algorithm, created, retired; no key
/// material) and one owner-only <c>&lt;kid&gt;.pem</c> per key, in an owner-only folder. Files are
/// replaced by rename, so a reader never sees half a ring; changes by several instances sharing the
/// folder are serialised by an exclusive lock file.
/// </summary>
internal sealed class SigningKeyRingDirectory
{
    private const string RingFile = "keyring.json";
    private const string LockFile = "keyring.lock";

    public SigningKeyRingDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
    }

    public string Path { get; }

    /// <summary>When the ring file last changed (<see cref="DateTime.MinValue"/> when there is none).</summary>
    public DateTime Stamp()
    {
        var file = new FileInfo(System.IO.Path.Combine(Path, RingFile));
        return file.Exists ? file.LastWriteTimeUtc : DateTime.MinValue;
    }

    /// <summary>The ring's entries, oldest first (empty when there is no ring yet).</summary>
    public IReadOnlyList<KeyRingEntry> ReadEntries()
    {
        var file = System.IO.Path.Combine(Path, RingFile);
        if (!File.Exists(file))
        {
            return [];
        }

        var document = JsonSerializer.Deserialize(File.ReadAllBytes(file), KeyRingJson.Default.KeyRingDocument)
            ?? throw new InvalidDataException($"{file} is empty.");
        return document.Keys ?? [];
    }

    /// <summary>Loads the private key of one entry.</summary>
    public SigningKey LoadKey(KeyRingEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var file = KeyFile(entry.KeyId);
        if (!SigningKey.TryLoad(file, entry.KeyId, out var key, out var problem))
        {
            throw new InvalidDataException($"Key ring entry {entry.KeyId}: {problem}");
        }

        return key!;
    }

    /// <summary>Writes a new key's private key file (owner-only).</summary>
    public void WriteKey(SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        EnsureDirectory();
        WriteReplacing(KeyFile(key.KeyId), key.ExportPrivateKeyPem() + "\n");
    }

    /// <summary>Replaces the ring file, then deletes the key files of entries no longer in it.</summary>
    public void WriteEntries(IReadOnlyList<KeyRingEntry> entries, IEnumerable<string> removedKeyIds)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(removedKeyIds);
        EnsureDirectory();
        WriteReplacing(System.IO.Path.Combine(Path, RingFile), JsonSerializer.Serialize(new KeyRingDocument(1, [.. entries]), KeyRingJson.Default.KeyRingDocument));
        foreach (var keyId in removedKeyIds)
        {
            File.Delete(KeyFile(keyId));
        }
    }

    /// <summary>Holds the ring's exclusive lock (across processes) until disposed.</summary>
    public IDisposable Lock()
    {
        EnsureDirectory();
        var file = System.IO.Path.Combine(Path, LockFile);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 100)
            {
                // Another instance is changing the ring: rotation is rare and takes milliseconds.
                Thread.Sleep(20);
            }
        }
    }

    // kids of generated keys are RFC 7638 thumbprints (base64url), safe as file names.
    private string KeyFile(string keyId) => System.IO.Path.Combine(Path, keyId + ".pem");

    private void EnsureDirectory()
    {
        if (Directory.Exists(Path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Path);
        }
        else
        {
            Directory.CreateDirectory(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static void WriteReplacing(string path, string content)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(stream.SafeFileHandle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            using var writer = new StreamWriter(stream);
            writer.Write(content);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>One key of the generated ring (no key material).</summary>
/// <param name="KeyId">The kid (RFC 7638 thumbprint).</param>
/// <param name="Algorithm">ES256 or RS256.</param>
/// <param name="Created">When it was generated (and started signing).</param>
/// <param name="Retired">When it stopped signing; published until this plus the overlap.</param>
internal sealed record KeyRingEntry(string KeyId, string Algorithm, DateTimeOffset Created, DateTimeOffset? Retired);

internal sealed record KeyRingDocument(int Version, List<KeyRingEntry>? Keys);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(KeyRingDocument))]
internal sealed partial class KeyRingJson : JsonSerializerContext;
