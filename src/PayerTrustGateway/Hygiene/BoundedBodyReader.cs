using System.Buffers;

namespace PayerTrustGateway.Hygiene;

/// <summary>Reads a body into memory, refusing (rather than truncating) one larger than the limit.</summary>
internal static class BoundedBodyReader
{
    /// <returns>The body, or null when it is larger than <paramref name="limit"/> bytes.</returns>
    public static async ValueTask<ReadOnlyMemory<byte>?> ReadAsync(Stream body, long? declaredLength, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (declaredLength > limit)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(declaredLength ?? 16 * 1024, limit) + 1);
        int read;
        while ((read = await body.ReadAsync(buffer.GetMemory(16 * 1024), cancellationToken)) > 0)
        {
            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                return null;
            }
        }

        return buffer.WrittenMemory;
    }
}
