using System.Net;
using Framework.Benchmarks.Http;

// One contender per process: benchmarks/http.sh starts this server once per contender and round, drives it with wrk,
// and stops it. Everything but the data access is the same for the three: Kestrel on loopback with its defaults, no
// logging, the same endpoint route and the same generated JSON serializer.
var settings = BenchSettings.Parse(args);

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
builder.Logging.ClearProviders();
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
    case BenchSettings.EFCore:
        EFCoreContender.MapEndpoint(app);
        break;
}

Console.WriteLine($"{settings.Contender} listening on http://127.0.0.1:{settings.Port} (pool {settings.PoolSize})");
await app.RunAsync();
