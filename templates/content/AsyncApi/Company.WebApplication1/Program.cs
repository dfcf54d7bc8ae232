using Company.WebApplication1.Entities;
#if (!UseControllers)
using Company.WebApplication1.Endpoints;
#endif
using Framework;

var builder = WebApplication.CreateBuilder(args);

// The engine (a singleton owning the connection pool) and an AsyncSession per request: the session commits when the
// endpoint succeeds and rolls back when it fails, before the response starts. The URL is ConnectionStrings:Default.
builder.Services.AddAsyncEngine(builder.Configuration.GetSection("ConnectionStrings:Default"))
    // More statements than this in one request is a bug (in Development a 500 listing them; elsewhere a warning).
    .ConfigureQueryBudget(budget => budget.DefaultBudget = 10);
builder.Services.AddHealthChecks().AddAsyncEngineCheck();
builder.Services.AddOpenApi();
#if (UseControllers)
builder.Services.AddControllers();
#else
// Request bodies and query parameters are checked against their [Required], [StringLength] and [Range] attributes.
builder.Services.AddValidation();
#endif

var app = builder.Build();

// Creates the tables that do not exist yet. It changes no existing table: see README.md when the schema evolves.
await app.Services.GetRequiredService<AsyncEngine>().BeginAsync(async connection => await Base.MetaData.CreateAllAsync(connection));

if (app.Environment.IsDevelopment())
    app.MapOpenApi();

app.MapHealthChecks("/health");
#if (UseControllers)
app.MapControllers();
#else
app.MapAuthors();
app.MapBooks();
#endif

app.Run();
