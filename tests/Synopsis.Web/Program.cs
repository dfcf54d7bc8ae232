var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAsyncEngine(builder.Configuration.GetConnectionString("Default") ?? "sqlite:///app.db");
// or: builder.Services.AddAsyncEngine(builder.Configuration.GetSection("Database"));

var app = builder.Build();

app.MapGet("/a", async (AsyncSession session) => (await session.ScalarsAsync(Select<A>())).All())
   .EagerLoad<A>(a => a.Bs);

app.MapPost("/a", async (NewA body, AsyncSession session) =>
{
    var a = new A { Data = body.Data };
    session.Add(a);
    await session.FlushAsync();                 // the id exists now; the commit comes after the endpoint
    return TypedResults.Created($"/a/{a.Id}", a);
});

app.Run();

[ApiController, Route("b")]
public class BController(AsyncSession session) : ControllerBase
{
    [HttpGet("{id}")]
    public async Task<ActionResult<B>> Get(int id) => await session.GetAsync<B>(id) is { } b ? b : NotFound();
}
