namespace Framework.Orm;

/// <summary>
/// A column left out of the entity's SELECT: it is loaded on first access inside <c>RunSyncAsync</c>, with
/// <c>await entity.AwaitableAttrs.Name</c>, or with the <c>Undefer</c> loader option; elsewhere reading it throws
/// <see cref="LazyLoadException"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DeferredAttribute : Attribute;
