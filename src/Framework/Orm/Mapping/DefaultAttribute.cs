namespace Framework.Orm;

/// <summary>A value the INSERT sends when the property was never set (a client-side default).</summary>
/// <param name="value">The value.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DefaultAttribute(object? value) : Attribute
{
    /// <summary>The value.</summary>
    public object? Value { get; } = value;
}
