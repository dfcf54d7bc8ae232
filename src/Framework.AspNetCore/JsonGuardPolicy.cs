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
    /// The attribute is left out of the JSON. On one endpoint this covers relationships and deferred columns; app-wide, every
    /// column too (an expired one, say), at the cost of a check per column of each instance.
    /// </summary>
    Omit,
}
