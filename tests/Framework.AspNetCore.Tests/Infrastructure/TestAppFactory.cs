using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Framework.AspNetCore.Tests.Infrastructure;

/// <summary>
/// The test app (tests/Framework.AspNetCore.TestApp) with configuration settings of the test's choosing, such as
/// <c>Database:Url</c>: the app reads its engines from configuration, as a real one does.
/// </summary>
public sealed class TestAppFactory(IReadOnlyDictionary<string, string?> settings, Action<IWebHostBuilder>? configure = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
        configure?.Invoke(builder);
    }
}
