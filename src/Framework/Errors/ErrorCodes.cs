namespace Framework;

/// <summary>
/// Stable codes that are not a single exception type's own: those of <see cref="OperationalException"/>s raised when a
/// connection cannot be opened for a reason the URL or the server's setup explains, and the ORM's state errors. The
/// README's error table lists them with what to do.
/// </summary>
internal static class ErrorCodes
{
    /// <summary>The server refused the login: a wrong password, an unknown role, no pg_hba.conf entry.</summary>
    public const string LoginRefused = "FWK2006";

    /// <summary>The database the URL names does not exist (PostgreSQL) or its file cannot be opened (SQLite).</summary>
    public const string NoSuchDatabase = "FWK2007";

    /// <summary>The server could not be reached: its host name does not resolve, or nothing listens at its address.</summary>
    public const string ServerUnreachable = "FWK2008";

    /// <summary>A session transaction was asked to commit, roll back or close while a commit of it was under way.</summary>
    public const string IllegalStateChange = "FWK3005";
}
