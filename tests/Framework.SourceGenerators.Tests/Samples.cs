namespace Framework.SourceGenerators.Tests;

/// <summary>Entity code the tests feed the generator.</summary>
internal static class Samples
{
    /// <summary>SYNOPSIS.md's A and B, with a column of each kind of mapping attribute.</summary>
    public const string Synopsis = """
        using System;
        using System.Collections.Generic;
        using Framework.Orm;

        namespace NS;

        [DeclarativeBase] public abstract partial class Base { }

        [Table("a", EagerDefaults = true)]
        public partial class A : Base
        {
            [PrimaryKey] public partial int Id { get; set; }
            public partial string? Data { get; set; }
            [ServerDefault("CURRENT_TIMESTAMP")] public partial DateTime CreateDate { get; set; }
            [Column("x", Length = 50, Unique = true)] public partial string Name { get; set; }
            [Deferred] public partial string? Notes { get; set; }
            [Version] public partial int Version { get; set; }
            [Default(5)] public partial int Count { get; set; }
            public partial IList<B> Bs { get; set; }
        }

        [Table("b")]
        public partial class B : Base
        {
            [PrimaryKey] public partial int Id { get; set; }
            [ForeignKey("a.id", OnDelete = "CASCADE")] public partial int? AId { get; set; }
        }
        """;
}
