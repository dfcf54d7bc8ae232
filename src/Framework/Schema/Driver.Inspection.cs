namespace Framework;

// Each driver adapter hands over its catalog queries; the member is declared here, in Schema, so that Engine's part of
// the driver does not know the inspector's types.
internal abstract partial class Driver
{
    /// <summary>The catalog queries behind <see cref="Inspector"/> for this database.</summary>
    public abstract InspectorQueries InspectorQueries { get; }
}
