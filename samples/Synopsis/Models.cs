using Framework.Orm;

namespace Synopsis;

// SYNOPSIS.md's ORM model, as written there.

[DeclarativeBase]
public abstract partial class Base { }          // gets a static MetaData with every table below

[Table("a", EagerDefaults = true)]              // __mapper_args__ = {"eager_defaults": True}
public partial class A : Base
{
    [PrimaryKey] public partial int Id { get; set; }
    public partial string? Data { get; set; }
    [ServerDefault("CURRENT_TIMESTAMP")] public partial DateTime CreateDate { get; set; }   // column create_date
    public partial IList<B> Bs { get; set; }     // one-to-many, found from B's foreign key
}

[Table("b")]
public partial class B : Base
{
    [PrimaryKey] public partial int Id { get; set; }
    [ForeignKey("a.id")] public partial int? AId { get; set; }                            // column a_id
    public partial string? Data { get; set; }
}

// SYNOPSIS.md's write-only ("dynamic") relationship.

[Table("user_account")]
public partial class User : Base
{
    [PrimaryKey] public partial int Id { get; set; }
    public partial string Name { get; set; }
    [Relationship(Lazy = LazyStrategy.WriteOnly)] public partial WriteOnlyCollection<Address> Addresses { get; }
}

[Table("address")]
public partial class Address : Base
{
    [PrimaryKey] public partial int Id { get; set; }
    [ForeignKey("user_account.id")] public partial int UserId { get; set; }
    public partial string EmailAddress { get; set; }
}
