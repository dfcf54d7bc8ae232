using Framework.Orm;

namespace Framework.AspNetCore.TestApp;

/// <summary>A row with a version counter: an UPDATE that finds another version than it read raises StaleDataException.</summary>
[Table("counters")]
public partial class Counter : Base
{
    [PrimaryKey] public partial int Id { get; set; }

    public partial string Name { get; set; }

    [Version] public partial int Version { get; set; }
}
