using Framework.Sql;
using Npgsql;

namespace Framework.Benchmarks.Sql;

/// <summary>
/// Four tables in a star: <c>orders</c> references <c>customers</c>, <c>products</c> and <c>stores</c>, so a SELECT
/// over all four is three joins, each inferred from its one foreign key. Every instance is a new MetaData with new
/// Table objects: a statement built over it has a shape the dialect's cache has never seen (tables are part of a
/// shape by identity), while its SQL text is the same as every other instance's.
/// </summary>
public sealed class OrderSchema
{
    /// <summary>Rows in <c>customers</c>; each has <see cref="OrdersPerCustomer"/> orders.</summary>
    public const int CustomerCount = 200;

    /// <summary>Orders each customer has.</summary>
    public const int OrdersPerCustomer = 10;

    /// <summary>Builds the MetaData and its four tables, as an application does once at startup.</summary>
    public OrderSchema()
    {
        MetaData = new MetaData();
        Customers = new Table("bench_customers", MetaData,
            new Column<int>("id", primaryKey: true),
            new Column<string>("name"),
            new Column<string>("region"));
        Products = new Table("bench_products", MetaData,
            new Column<int>("id", primaryKey: true),
            new Column<string>("name"),
            new Column<int>("price"));
        Stores = new Table("bench_stores", MetaData,
            new Column<int>("id", primaryKey: true),
            new Column<string>("city"));
        Orders = new Table("bench_orders", MetaData,
            new Column<int>("id", primaryKey: true),
            new Column<int>("customer_id", foreignKey: new ForeignKey("bench_customers.id")),
            new Column<int>("product_id", foreignKey: new ForeignKey("bench_products.id")),
            new Column<int>("store_id", foreignKey: new ForeignKey("bench_stores.id")),
            new Column<int>("qty"));
    }

    public MetaData MetaData { get; }

    public Table Customers { get; }

    public Table Products { get; }

    public Table Stores { get; }

    public Table Orders { get; }

    /// <summary>
    /// The benchmarked statement: a customer's larger orders with the product and store names, three joins, two bound
    /// values. <paramref name="label"/> names the quantity column in the SELECT list; a label never used before is a new
    /// shape over the same tables.
    /// </summary>
    public Select OrdersOf(int customerId, int minQty, string label = "qty") =>
        Expressions.Select(Orders.C["id"], Orders.C["qty"].Label(label), Customers.C["name"], Products.C["name"], Stores.C["city"])
            .Join(Customers)
            .Join(Products)
            .Join(Stores)
            .Where((Customers.C["id"] == customerId) & (Orders.C["qty"] > minQty))
            .OrderBy(Orders.C["id"]);

    /// <summary>Creates and fills the four tables unless they are there (each benchmark process calls it from [GlobalSetup]).</summary>
    public static async Task EnsureTablesAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(BenchDatabase.ConnectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new("CREATE TABLE IF NOT EXISTS bench_customers (id int PRIMARY KEY, name text NOT NULL, region text NOT NULL)"),
                new("CREATE TABLE IF NOT EXISTS bench_products (id int PRIMARY KEY, name text NOT NULL, price int NOT NULL)"),
                new("CREATE TABLE IF NOT EXISTS bench_stores (id int PRIMARY KEY, city text NOT NULL)"),
                new("CREATE TABLE IF NOT EXISTS bench_orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES bench_customers (id), " +
                    "product_id int NOT NULL REFERENCES bench_products (id), store_id int NOT NULL REFERENCES bench_stores (id), qty int NOT NULL)"),
                new("CREATE INDEX IF NOT EXISTS bench_orders_customer_id ON bench_orders (customer_id)"),
                new("INSERT INTO bench_customers SELECT g, 'customer ' || g, 'region ' || g % 7 FROM generate_series(1, $1) AS g ON CONFLICT DO NOTHING")
                {
                    Parameters = { new NpgsqlParameter { Value = CustomerCount } },
                },
                new("INSERT INTO bench_products SELECT g, 'product ' || g, g * 3 FROM generate_series(1, 100) AS g ON CONFLICT DO NOTHING"),
                new("INSERT INTO bench_stores SELECT g, 'city ' || g FROM generate_series(1, 10) AS g ON CONFLICT DO NOTHING"),
                new("INSERT INTO bench_orders SELECT g, (g - 1) / $2 + 1, g % 100 + 1, g % 10 + 1, g % 5 + 1 FROM generate_series(1, $1 * $2) AS g " +
                    "ON CONFLICT DO NOTHING")
                {
                    Parameters = { new NpgsqlParameter { Value = CustomerCount }, new NpgsqlParameter { Value = OrdersPerCustomer } },
                },
                new("ANALYZE bench_customers, bench_products, bench_stores, bench_orders"),
            },
        };
        await batch.ExecuteNonQueryAsync();
    }
}
