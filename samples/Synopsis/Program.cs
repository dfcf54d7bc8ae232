// SYNOPSIS.md's programs, run against SQLite by default or against the database URL given as the first argument:
//   dotnet run --project samples/Synopsis
//   dotnet run --project samples/Synopsis -- postgresql://user:pass@localhost/test
using Synopsis;

var url = args.Length > 0 ? args[0] : "sqlite:///synopsis.db";
Console.WriteLine($"== Synopsis against {Framework.Url.Parse(url)}");

Console.WriteLine("\n== Core");
await CoreSection.RunAsync(url);

Console.WriteLine("\n== Inspector");
await InspectorSection.RunAsync(url);

Console.WriteLine("\n== ORM, preventing implicit I/O, RunSyncAsync");
await OrmSection.RunAsync(url);

Console.WriteLine("\n== Write-only relationships");
await WriteOnlySection.RunAsync(url);

Console.WriteLine("\n== Events");
await EventsSection.RunAsync(url);

Console.WriteLine("\n== One engine shared by independent flows: no pooling");
await NullPoolSection.RunAsync(url);

Console.WriteLine("\n== Scoped sessions");
await ScopedSection.RunAsync(url);

Console.WriteLine("\nSynopsis finished.");
