using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Framework.Benchmarks.Http;

/// <summary>
/// EF Core: <c>AddDbContextPool</c> with the Npgsql provider, and per request a pooled <see cref="ItemsContext"/> whose
/// tracked <c>FindAsync</c> reads the row: the counterpart of Framework's tracked <c>session.GetAsync</c> (both look in
/// the unit of work's identity map first, then send one SELECT and track the instance they build).
/// </summary>
public static class EFCoreContender
{
    public static void AddServices(IServiceCollection services, BenchSettings settings) =>
        services.AddDbContextPool<ItemsContext>(options => options.UseNpgsql(settings.ConnectionString));

    public static void MapEndpoint(WebApplication app) =>
        app.MapGet("/items/{id:int}", async Task<Results<Ok<ItemResponse>, NotFound>> (int id, ItemsContext context, CancellationToken cancellationToken) =>
            await context.Items.FindAsync([id], cancellationToken) is { } item
                ? TypedResults.Ok(new ItemResponse(item.Id, item.Name, item.Price, item.Created))
                : TypedResults.NotFound());
}

/// <summary>EF Core's model of <c>items</c>: one entity, mapped in <see cref="OnModelCreating"/>.</summary>
public sealed class ItemsContext(DbContextOptions<ItemsContext> options) : DbContext(options)
{
    public DbSet<EFItem> Items => Set<EFItem>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<EFItem>(item =>
        {
            item.ToTable("items");
            item.Property(i => i.Id).HasColumnName("id").ValueGeneratedNever();
            item.Property(i => i.Name).HasColumnName("name");
            item.Property(i => i.Price).HasColumnName("price").HasPrecision(10, 2);
            item.Property(i => i.Created).HasColumnName("created");
        });
}

/// <summary>A row of <c>items</c> as EF Core's entity.</summary>
public sealed class EFItem
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public decimal Price { get; set; }

    public DateTime Created { get; set; }
}
