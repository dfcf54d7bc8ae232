using Microsoft.EntityFrameworkCore;

namespace Framework.Benchmarks.Orm;

/// <summary>
/// EF Core's view of the ORM benchmarks' tables: <c>bench_orm_items</c>, <c>bench_parent</c> and <c>bench_child</c> (the
/// attributes of <see cref="PlainItem"/>, <see cref="PlainParent"/> and <see cref="PlainChild"/> map them; the children's
/// foreign key is found by convention), with the provider's default settings.
/// </summary>
public sealed class OrmContext(DbContextOptions<OrmContext> options) : DbContext(options)
{
    public DbSet<PlainItem> Items => Set<PlainItem>();

    public DbSet<PlainParent> Parents => Set<PlainParent>();

    public DbSet<PlainChild> Children => Set<PlainChild>();
}
