namespace Framework.Orm;

/// <summary>The operations that cascade along a relationship.</summary>
[Flags]
internal enum Cascades
{
    None = 0,
    SaveUpdate = 1,
    Merge = 2,
    Delete = 4,
    DeleteOrphan = 8,
    Expunge = 16,
    RefreshExpire = 32,
}
