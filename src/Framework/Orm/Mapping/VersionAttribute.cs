namespace Framework.Orm;

/// <summary>
/// An integer version counter for optimistic concurrency: each UPDATE and DELETE requires the version it read and an
/// UPDATE increments it, so a row changed by someone else raises <see cref="StaleDataException"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class VersionAttribute : Attribute;
