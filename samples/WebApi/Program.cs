using Scalar.AspNetCore;
using WebApi.Authors;
using WebApi.Books;
using WebApi.Data;

var builder = WebApplication.CreateBuilder(args);

// ConnectionStrings:Default (ConnectionStrings__Default in the environment) when set, else the Database section.
var connectionString = builder.Configuration.GetSection("ConnectionStrings:Default");
builder.Services.AddAsyncEngine(connectionString.Exists() ? connectionString : builder.Configuration.GetSection("Database"))
    .ConfigureQueryBudget(budget => budget.DefaultBudget = 10);     // more than any route needs: a request above it has a bug
builder.Services.AddValidation();
builder.Services.AddControllers();
builder.Services.AddOpenApi();
builder.Services.AddHealthChecks().AddAsyncEngineCheck();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
    app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapOpenApi();
if (app.Environment.IsDevelopment())
    app.MapScalarApiReference();
app.MapHealthChecks("/health");
app.MapAuthors();
app.MapBooks();
app.MapControllers();

await app.InitializeDatabaseAsync();
await app.RunAsync();
