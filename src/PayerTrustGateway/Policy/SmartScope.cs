namespace PayerTrustGateway.Policy;

/// <summary>
/// One SMART <c>system/</c> scope, normalised to v2 (STANDARDS S7.3): <c>system/Patient.rs</c>,
/// <c>system/*.cruds</c>; v1 <c>read</c> → <c>rs</c>, <c>write</c> → <c>cud</c>, <c>*</c> → <c>cruds</c>.
/// <c>patient/</c> and <c>user/</c> scopes never parse (they never satisfy payer-to-payer routes, S7.4);
/// a scope with a query restriction parses as restricted and grants nothing here, because the gateway
/// cannot enforce the restriction.
/// </summary>
internal readonly record struct SmartScope(string ResourceType, SmartPermissions Permissions, bool Restricted)
{
    public static bool TryParse(string scope, out SmartScope parsed)
    {
        parsed = default;
        if (!scope.StartsWith("system/", StringComparison.Ordinal))
        {
            return false;
        }

        var body = scope["system/".Length..];
        var question = body.IndexOf('?', StringComparison.Ordinal);
        var restricted = question >= 0;
        if (restricted)
        {
            body = body[..question];
        }

        var dot = body.LastIndexOf('.');
        if (dot <= 0 || dot == body.Length - 1)
        {
            return false;
        }

        var type = body[..dot];
        var permissions = ParsePermissions(body[(dot + 1)..]);
        if (permissions == SmartPermissions.None || (type != "*" && !Fhir.FhirSearchParameters.IsResourceType(type)))
        {
            return false;
        }

        parsed = new SmartScope(type, permissions, restricted);
        return true;
    }

    private static SmartPermissions ParsePermissions(string text) => text switch
    {
        "read" => SmartPermissions.Read | SmartPermissions.Search,
        "write" => SmartPermissions.Create | SmartPermissions.Update | SmartPermissions.Delete,
        "*" => SmartPermissions.Create | SmartPermissions.Read | SmartPermissions.Update | SmartPermissions.Delete | SmartPermissions.Search,
        _ => ParseV2(text),
    };

    // v2: letters from "cruds", each at most once, in that order.
    private static SmartPermissions ParseV2(string text)
    {
        const string Order = "cruds";
        var result = SmartPermissions.None;
        var position = 0;
        foreach (var letter in text)
        {
            var index = Order.IndexOf(letter, position);
            if (index < 0)
            {
                return SmartPermissions.None;
            }

            result |= (SmartPermissions)(1 << index);
            position = index + 1;
        }

        return result;
    }
}
