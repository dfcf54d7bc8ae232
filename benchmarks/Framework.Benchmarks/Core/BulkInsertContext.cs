using Microsoft.EntityFrameworkCore;

namespace Framework.Benchmarks.Core;

/// <summary>EF Core's view of <c>bench_bulk</c>, with the provider's default settings (batch size included).</summary>
public sealed class BulkInsertContext(DbContextOptions<BulkInsertContext> options) : DbContext(options)
{
    public DbSet<BulkItem> Items => Set<BulkItem>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var item = modelBuilder.Entity<BulkItem>();
        item.ToTable(BulkTable.Name);
        item.HasKey(i => i.Id);
        item.Property(i => i.Id).HasColumnName("id").ValueGeneratedOnAdd();
        item.Property(i => i.Name).HasColumnName("name");
        item.Property(i => i.Qty).HasColumnName("qty");
        item.Property(i => i.Created).HasColumnName("created");
    }
}
