using System.Data.Common;
using System.Diagnostics;
using System.Globalization;

namespace Framework.Diagnostics;

/// <summary>
/// What every span and measurement of one engine says about the database it talks to (OpenTelemetry's
/// <c>db.system.name</c>, <c>db.namespace</c>, <c>server.address</c>, <c>server.port</c>), worked out once per engine.
/// </summary>
internal sealed class DatabaseTarget
{
    private readonly Func<DbException, string?> _errorCode;

    public DatabaseTarget(string system, string? @namespace, string? serverAddress, int? serverPort, Func<DbException, string?> errorCode)
    {
        _errorCode = errorCode;
        System = system;
        Namespace = string.IsNullOrEmpty(@namespace) ? null : @namespace;
        ServerAddress = serverAddress;
        // Boxed once: a measurement's tags are objects, and boxing per statement would allocate on the hot path.
        ServerPort = serverAddress is null ? null : serverPort;
        // The span name of an operation whose name is unknown (SQL text): its target, else the database system.
        SpanName = Namespace
            ?? (serverAddress is null ? null : serverPort is null ? serverAddress : string.Create(CultureInfo.InvariantCulture, $"{serverAddress}:{serverPort}"))
            ?? system;
    }

    public string System { get; }

    public string? Namespace { get; }

    public string? ServerAddress { get; }

    public object? ServerPort { get; }

    public string SpanName { get; }

    /// <summary>The database's code for a driver error (<c>db.response.status_code</c>), when it gave one.</summary>
    public string? ErrorCode(DbException exception) => _errorCode(exception);

    /// <summary>The attributes of an operation on this database: the target's, then the operation's own when known.</summary>
    public TagList Tags(string? operation, string? collection)
    {
        var tags = new TagList { { "db.system.name", System } };
        if (Namespace is not null)
            tags.Add("db.namespace", Namespace);
        if (ServerAddress is not null)
        {
            tags.Add("server.address", ServerAddress);
            if (ServerPort is not null)
                tags.Add("server.port", ServerPort);
        }
        if (operation is not null)
            tags.Add("db.operation.name", operation);
        if (collection is not null)
            tags.Add("db.collection.name", collection);
        return tags;
    }
}
