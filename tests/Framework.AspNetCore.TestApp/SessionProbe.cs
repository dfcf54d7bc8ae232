using Framework.Orm;

namespace Framework.AspNetCore.TestApp;

/// <summary>A scoped service that takes the request's session by constructor injection.</summary>
public sealed class SessionProbe(AsyncSession session)
{
    public AsyncSession Session { get; } = session;
}
