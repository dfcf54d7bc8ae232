using Framework.Orm;

namespace Framework.Tests.Orm;

/// <summary>The instrumented list behind a collection property, in memory: what assigning a whole list records.</summary>
public sealed class RelationshipListTests
{
    [Fact]
    public void Assigning_a_list_keeps_its_order_adds_a_repeated_item_once_and_records_only_the_difference()
    {
        var (a, b, c, d) = (new RelChild { Name = "a" }, new RelChild { Name = "b" }, new RelChild { Name = "c" }, new RelChild { Name = "d" });
        var parent = new RelParent { Children = [a, b, c] };

        parent.Children = [c, d, a, d];

        Assert.Equal([c, d, a], parent.Children);
        Assert.Null(b.Parent);
        Assert.All([a, c, d], child => Assert.Same(parent, child.Parent));
        var changes = ((IMapped)parent).EntityState.ChangesOf(2)!;
        Assert.Equal([a, c, d], changes.Added);
        Assert.Empty(changes.Removed);
    }

    [Fact]
    public void Assigning_a_long_list_to_an_empty_collection_keeps_every_item_in_order()
    {
        var children = Enumerable.Range(0, 20_000).Select(i => new RelChild { Name = $"c{i}" }).ToList();
        var parent = new RelParent { Children = children };

        Assert.Equal(children, parent.Children);
        Assert.All(children, child => Assert.Same(parent, child.Parent));
    }
}
