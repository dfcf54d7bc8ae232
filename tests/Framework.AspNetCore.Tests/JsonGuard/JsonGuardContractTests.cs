using System.Text.Json;
using System.Text.Json.Nodes;
using Framework.Orm;

namespace Framework.AspNetCore.Tests.JsonGuard;

/// <summary>
/// The guard's contract on instances built in memory (no session, so nothing could be loaded anyway): how pairs are
/// written, what a cycle that does not go through a pair ends in, and which attributes Omit leaves out.
/// </summary>
public sealed class JsonGuardContractTests
{
    private static readonly JsonSerializerOptions Raise = new JsonSerializerOptions(JsonSerializerDefaults.Web).UseJsonGuard();
    private static readonly JsonSerializerOptions Omit = new JsonSerializerOptions(JsonSerializerDefaults.Web).UseJsonGuard(JsonGuardPolicy.Omit);

    [Fact]
    public void Each_side_of_a_pair_is_written_without_the_side_that_leads_back()
    {
        var station = new Station { Id = 1, Name = "north", Sensors = [new Sensor { Id = 10, Label = "t1" }, new Sensor { Id = 11, Label = "t2" }] };

        var fromStation = JsonNode.Parse(JsonSerializer.Serialize(station, Raise))!.AsObject();
        var fromSensor = JsonNode.Parse(JsonSerializer.Serialize(station.Sensors[0], Raise))!.AsObject();

        Assert.Equal(["id", "name", "sensors"], fromStation.Select(p => p.Key));
        Assert.Equal([10, 11], fromStation["sensors"]!.AsArray().Select(s => (int)s!["id"]!));
        Assert.All(fromStation["sensors"]!.AsArray(), s => Assert.False(s!.AsObject().ContainsKey("station")));
        Assert.Equal("north", (string)fromSensor["station"]!["name"]!);
        Assert.False(fromSensor["station"]!.AsObject().ContainsKey("sensors"));
        // Outside the pair's value, nothing is left out: the next sensor's own station is written again.
        var list = JsonNode.Parse(JsonSerializer.Serialize(station.Sensors, Raise))!.AsArray();
        Assert.All(list, s => Assert.Equal("north", (string)s!["station"]!["name"]!));
    }

    [Fact]
    public void A_cycle_that_does_not_go_through_a_pair_ends_in_a_json_exception_at_the_depth_limit()
    {
        var station = new Station { Id = 1, Name = "loop" };
        var sensor = new Sensor { Id = 10, Label = "t1" };
        station.Sensors.Add(sensor);
        sensor.Calibrator = station;   // a second path back to the station, through no pair

        var error = Assert.Throws<JsonException>(() => JsonSerializer.Serialize(station, Raise));

        Assert.Contains("cycle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relationship_set_on_an_instance_in_memory_is_loaded_and_written()
    {
        var sensor = new Sensor { Id = 10, Label = "t1", Station = null };

        var json = JsonNode.Parse(JsonSerializer.Serialize(sensor, Raise))!.AsObject();

        Assert.True(json.ContainsKey("station"));
        Assert.Null(json["station"]);
        Assert.False(Inspection.HasUnloaded(sensor));
    }

    [Fact]
    public void Options_guarded_for_omit_and_for_raise_write_the_same_json_for_a_loaded_graph()
    {
        var station = new Station { Id = 1, Name = "north", Sensors = [new Sensor { Id = 10, Label = "t1", Reading = 21.5m }] };

        Assert.Equal(JsonSerializer.Serialize(station, Raise), JsonSerializer.Serialize(station, Omit));
    }
}

[DeclarativeBase]
public abstract partial class ContractBase { }

[Table("contract_stations")]
public partial class Station : ContractBase
{
    [PrimaryKey] public partial int Id { get; set; }
    public partial string Name { get; set; }
    [Relationship(BackPopulates = "Station", ForeignKeys = "contract_sensors.station_id")] public partial IList<Sensor> Sensors { get; set; }
}

[Table("contract_sensors")]
public partial class Sensor : ContractBase
{
    [PrimaryKey] public partial int Id { get; set; }
    [ForeignKey("contract_stations.id")] public partial int? StationId { get; set; }
    [ForeignKey("contract_stations.id")] public partial int? CalibratorId { get; set; }
    public partial string Label { get; set; }
    public partial decimal Reading { get; set; }
    [Relationship(BackPopulates = "Sensors", ForeignKeys = "contract_sensors.station_id")] public partial Station? Station { get; set; }
    [Relationship(ForeignKeys = "contract_sensors.calibrator_id")] public partial Station? Calibrator { get; set; }
}
