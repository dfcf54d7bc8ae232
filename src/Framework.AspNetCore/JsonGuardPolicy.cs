namespace Framework.AspNetCore;

/// <summary>What the JSON guard does when serialization reaches an entity's attribute that is not loaded.</summary>
public enum JsonGuardPolicy
{
    /// <summary>
    /// The response becomes a 500 problem naming the endpoint, the entity, the attribute and the eager-load that fixes it
    /// (in Development; a log entry says the same everywhere). No byte of the JSON is sent.
    /// </summary>
    Raise,

    /// <summary>
    /// The attribute is left out of the JSON. On one endpoint this covers relationships and deferred or reference-typed
    /// columns (an expired value-typed column still raises); app-wide, every column, at the cost of boxing each value-typed
    /// column's value as it is checked.
    /// </summary>
    Omit,
}
