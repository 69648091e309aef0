using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace PayerTrustGateway.Audit;

/// <summary>A position in query order: the record's time (Unix ms) and its store row id. Opaque to callers.</summary>
internal readonly record struct AuditCursor(long TimeMilliseconds, long RowId)
{
    public override string ToString() =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{TimeMilliseconds}.{RowId}")));

    public static bool TryParse(string? text, out AuditCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length > 64 || !Base64Url.IsValid(text))
        {
            return false;
        }

        var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(text)).Split('.');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var time)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var row))
        {
            return false;
        }

        cursor = new AuditCursor(time, row);
        return true;
    }
}
