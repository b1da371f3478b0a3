namespace ProSaaS.Infrastructure.EventStore;

/// <summary>
/// PostgreSQL advisory lock keys (two-int form: namespace, key). They appear in pg_locks as
/// classid = namespace, objid = key, objsubid = 2.
/// </summary>
internal static class AdvisoryLockKeys
{
    /// <summary>"PRSS": keeps our keys apart from any other application's on the same server.</summary>
    public const int Namespace = 0x50525353;

    /// <summary>Held shared by every append transaction before it draws sequence numbers.</summary>
    public const int Appenders = 1;

    public const int Migrations = 2;

    public const int HighWaterMark = 3;

    /// <summary>
    /// "CALL": the namespace of the per-business call slot locks (key: <c>hashtext(tenant_id)</c>). Apart from
    /// <see cref="Namespace"/>, whose projection leader keys are spread over every int and would collide.
    /// </summary>
    public const int CallSlotsNamespace = 0x43414C4C;

    /// <summary>Leader key of an async projection: stable for a given name across processes and versions.</summary>
    public static int ForProjection(string projectionName)
    {
        // FNV-1a over UTF-16 code units: deterministic, unlike string.GetHashCode.
        unchecked
        {
            var hash = 2166136261u;
            foreach (var c in projectionName)
            {
                hash = (hash ^ c) * 16777619u;
            }

            return (int)(hash | 0x1000u); // never collides with the small fixed keys above
        }
    }
}
