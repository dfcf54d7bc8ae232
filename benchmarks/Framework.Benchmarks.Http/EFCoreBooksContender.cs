using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using WebApi.Paging;

namespace Framework.Benchmarks.Http;

/// <summary>
/// EF Core's <c>GET /books</c>: samples/WebApi's route (a page of books by id, each with its author and its tags ordered
/// by name, and the total) written as an EF Core developer would, with the sample's own <see cref="PageQuery"/> (and so its
/// validation) and <see cref="Paged{T}"/>, and the middleware that runs per request in the sample: .NET 10 validation,
/// the exception handler and status code pages, both answering problems.
/// </summary>
/// <remarks>
/// A pooled context (<c>AddDbContextPool</c>); the count, then the page with <c>Include</c> and <c>AsSplitQuery</c>: three
/// statements, as the sample sends. <c>AsNoTracking</c>, because the list is read-only: EF Core's documentation
/// recommends it for such queries, and it skips the change tracker's snapshots and identity map. (Framework's session
/// tracks what it loads whatever the route does, so here EF Core does less work.)
/// </remarks>
public static class EFCoreBooksContender
{
    public static void AddServices(IServiceCollection services, BenchSettings settings)
    {
        services.AddDbContextPool<BooksContext>(options => options.UseNpgsql(settings.ConnectionString));
        services.AddValidation();
        services.AddProblemDetails();
    }

    public static void MapEndpoint(WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapGet("/books", ListBooks).ProducesValidationProblem();
    }

    /// <summary>Lists books by id with their authors and tags, a page at a time.</summary>
    public static async Task<Paged<EFBook>> ListBooks([AsParameters] PageQuery page, BooksContext context, CancellationToken cancellationToken)
    {
        var total = await context.Books.LongCountAsync(cancellationToken);
        var items = await context.Books
            .AsNoTracking()
            .Include(b => b.Author)
            .Include(b => b.Tags.OrderBy(t => t.Name))
            .OrderBy(b => b.Id)
            .Skip(page.Offset)
            .Take(page.PageSize)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return new Paged<EFBook>(items, page.Page, page.PageSize, total);
    }
}

/// <summary>EF Core's model of the sample's tables (which the sample creates), with both sides of each relationship.</summary>
public sealed class BooksContext(DbContextOptions<BooksContext> options) : DbContext(options)
{
    public DbSet<EFBook> Books => Set<EFBook>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<EFAuthor>(author =>
        {
            author.ToTable("authors");
            author.Property(a => a.Id).HasColumnName("id");
            author.Property(a => a.Name).HasColumnName("name").HasMaxLength(200);
        });
        modelBuilder.Entity<EFBook>(book =>
        {
            book.ToTable("books");
            book.Property(b => b.Id).HasColumnName("id");
            book.Property(b => b.Title).HasColumnName("title").HasMaxLength(300);
            book.Property(b => b.Year).HasColumnName("year");
            book.Property(b => b.AuthorId).HasColumnName("author_id");
            book.HasOne(b => b.Author).WithMany(a => a.Books).HasForeignKey(b => b.AuthorId).OnDelete(DeleteBehavior.Cascade);
            book.HasMany(b => b.Tags).WithMany(t => t.Books).UsingEntity(
                "book_tags",
                right => right.HasOne(typeof(EFTag)).WithMany().HasForeignKey("tag_id").OnDelete(DeleteBehavior.Cascade),
                left => left.HasOne(typeof(EFBook)).WithMany().HasForeignKey("book_id").OnDelete(DeleteBehavior.Cascade));
        });
        modelBuilder.Entity<EFTag>(tag =>
        {
            tag.ToTable("tags");
            tag.Property(t => t.Id).HasColumnName("id");
            tag.Property(t => t.Name).HasColumnName("name").HasMaxLength(50);
            tag.HasIndex(t => t.Name).IsUnique();
        });
    }
}

// The entities serialize as the sample's do: the JSON guard leaves out an author's books and a tag's books there, which
// were not loaded; here they are ignored, since an entity with both sides of a relationship would loop.

/// <summary>A row of <c>authors</c>.</summary>
public sealed class EFAuthor
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    [JsonIgnore] public List<EFBook> Books { get; set; } = [];
}

/// <summary>A row of <c>books</c>, its author and its tags.</summary>
public sealed class EFBook
{
    public int Id { get; set; }

    public string Title { get; set; } = "";

    public int? Year { get; set; }

    public int AuthorId { get; set; }

    public EFAuthor? Author { get; set; }

    public List<EFTag> Tags { get; set; } = [];
}

/// <summary>A row of <c>tags</c>.</summary>
public sealed class EFTag
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    [JsonIgnore] public List<EFBook> Books { get; set; } = [];
}
