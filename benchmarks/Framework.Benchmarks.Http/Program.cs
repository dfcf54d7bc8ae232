using System.Net;
using Framework.Benchmarks.Http;

// One contender per process: benchmarks/http.sh starts this server once per contender and round, drives it with wrk,
// and stops it. In the items scenario everything but the data access is the same for the three: Kestrel on loopback
// with its defaults, no logging, the same endpoint route and the same generated JSON serializer. In the books scenario
// this is EF Core's side only, and its host is configured as samples/WebApi's (Framework's side) is in Production.
var settings = BenchSettings.Parse(args);

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
if (settings.Scenario == BenchSettings.Books)
{
    // The sample's appsettings.json levels, with the default providers kept: with a provider, ASP.NET Core's hosting
    // makes an Activity (the W3C trace id of a problem's traceId) and a log scope per request, as it does in the sample.
    // EF Core's command log (Information) is silenced as a production EF Core app does; Framework's is off by default.
    builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
}
else
{
    builder.Logging.ClearProviders();
}
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, settings.Port));
builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, HttpBenchJsonContext.Default));

switch (settings.Contender)
{
    case BenchSettings.Framework:
        FrameworkContender.AddServices(builder.Services, settings);
        break;
    case BenchSettings.Npgsql:
        NpgsqlContender.AddServices(builder.Services, settings);
        break;
    case BenchSettings.EFCore when settings.Scenario == BenchSettings.Books:
        EFCoreBooksContender.AddServices(builder.Services, settings);
        break;
    case BenchSettings.EFCore:
        EFCoreContender.AddServices(builder.Services, settings);
        break;
}

var app = builder.Build();
switch (settings.Contender)
{
    case BenchSettings.Framework:
        FrameworkContender.MapEndpoint(app);
        break;
    case BenchSettings.Npgsql:
        NpgsqlContender.MapEndpoint(app);
        break;
    case BenchSettings.EFCore when settings.Scenario == BenchSettings.Books:
        EFCoreBooksContender.MapEndpoint(app);
        break;
    case BenchSettings.EFCore:
        EFCoreContender.MapEndpoint(app);
        break;
}

Console.WriteLine($"{settings.Contender} listening on http://127.0.0.1:{settings.Port} (pool {settings.PoolSize})");
await app.RunAsync();
