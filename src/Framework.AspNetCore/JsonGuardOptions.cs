namespace Framework.AspNetCore;

/// <summary>
/// The JSON guard, installed by <c>AddAsyncEngine</c> in the JSON options of minimal APIs and of MVC: serializing a mapped
/// entity checks each attribute before reading it, so that serialization never loads anything (no I/O) and never sends
/// a truncated body.
/// </summary>
public sealed class JsonGuardOptions
{
    /// <summary>Whether the guard is installed (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>What serialization does with an attribute that is not loaded, unless the endpoint says otherwise (default <see cref="JsonGuardPolicy.Raise"/>).</summary>
    public JsonGuardPolicy Policy { get; set; } = JsonGuardPolicy.Raise;

    /// <summary>
    /// While the guard is on, a JSON response is held whole until the endpoint returns, so that a failure anywhere in it
    /// leaves nothing sent; past this many bytes the held body is kept in a temporary file
    /// (default 1 MiB).
    /// </summary>
    public int HeldBodyMemoryThreshold { get; set; } = 1024 * 1024;
}
