using Microsoft.EntityFrameworkCore;

namespace Framework.Benchmarks.Orm;

/// <summary>EF Core's view of <c>bench_orm_items</c> (<see cref="PlainItem"/>'s attributes map it), with the provider's default settings.</summary>
public sealed class OrmContext(DbContextOptions<OrmContext> options) : DbContext(options)
{
    public DbSet<PlainItem> Items => Set<PlainItem>();
}
