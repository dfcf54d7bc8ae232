using System.Globalization;

namespace Framework.Dialects.Sqlite;

/// <summary>
/// The SQLite URL options Framework applies itself (the others go to Microsoft.Data.Sqlite's connection string):
/// <c>busy_timeout</c>, <c>journal_mode</c>, <c>synchronous</c> and <c>transaction_mode</c>. The defaults are those of
/// a small production web app, as Rails 8 chose them: WAL, <c>synchronous=NORMAL</c>, a 5 s busy timeout, and writers
/// that take the write lock at BEGIN.
/// </summary>
internal sealed record SqliteSettings
{
    public const int DefaultBusyTimeout = 5000;

    /// <summary>How long, in milliseconds, a connection waits for another one's write lock (PRAGMA busy_timeout).</summary>
    public int BusyTimeout { get; init; } = DefaultBusyTimeout;

    /// <summary>The journal mode to put the file in, lower case; null to leave the file's (in-memory and read-only databases).</summary>
    public string? JournalMode { get; init; }

    /// <summary>PRAGMA synchronous on each connection; null for NORMAL under WAL and SQLite's own default (FULL) otherwise.</summary>
    public string? Synchronous { get; init; }

    public SqliteTransactionMode TransactionMode { get; init; }

    private static readonly string[] JournalModes = ["wal", "delete", "truncate", "persist", "memory", "off"];
    private static readonly string[] SynchronousModes = ["off", "normal", "full", "extra", "0", "1", "2", "3"];

    /// <summary>Whether a URL option is one of these (and not for the driver).</summary>
    public static bool Owns(string key) => key.ToLowerInvariant() is "busy_timeout" or "journal_mode" or "synchronous" or "transaction_mode";

    /// <summary>Reads the options from the URL, or throws <see cref="ArgumentException"/> naming the bad one and the values it takes.</summary>
    public static SqliteSettings Read(Url url, bool readOnly)
    {
        // An in-memory database has no file to journal; a read-only connection cannot change the file's mode.
        var settings = new SqliteSettings { JournalMode = url.IsSqliteMemory || readOnly ? null : "wal" };
        foreach (var (key, value) in url.Query)
        {
            var text = value.Trim().ToLowerInvariant();
            settings = key.ToLowerInvariant() switch
            {
                "busy_timeout" => settings with
                {
                    BusyTimeout = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                        ? ms
                        : throw Invalid(key, value, "a whole number of milliseconds, 0 or more (e.g. busy_timeout=5000)"),
                },
                "journal_mode" => settings with
                {
                    JournalMode = JournalModes.Contains(text) ? text : throw Invalid(key, value, string.Join(", ", JournalModes)),
                },
                "synchronous" => settings with
                {
                    Synchronous = SynchronousModes.Contains(text) ? text : throw Invalid(key, value, "off, normal, full or extra"),
                },
                "transaction_mode" => settings with
                {
                    TransactionMode = text switch
                    {
                        "auto" => SqliteTransactionMode.Auto,
                        "immediate" => SqliteTransactionMode.Immediate,
                        "deferred" => SqliteTransactionMode.Deferred,
                        _ => throw Invalid(key, value, "auto, immediate or deferred"),
                    },
                },
                _ => settings,
            };
        }
        return settings;
    }

    private static ArgumentException Invalid(string key, string value, string expected) =>
        new($"The option '{key}={value}' in the database URL is not valid: expected {expected}.", "url");
}

/// <summary>How SQLite transactions begin (the <c>transaction_mode</c> URL option).</summary>
internal enum SqliteTransactionMode
{
    /// <summary>
    /// Reads run before any BEGIN; the first statement that does more than read sends BEGIN IMMEDIATE, taking the write lock
    /// before anything is written. A transaction at REPEATABLE READ or SERIALIZABLE sends BEGIN IMMEDIATE with its first statement.
    /// </summary>
    Auto,

    /// <summary>Every transaction sends BEGIN IMMEDIATE with its first statement (Rails 8's default), even one that only reads.</summary>
    Immediate,

    /// <summary>Every transaction sends a plain (deferred) BEGIN with its first statement, as Python's sqlite3 does; reads then writes can deadlock.</summary>
    Deferred,
}
