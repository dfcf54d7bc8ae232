using System.Reflection;
using System.Xml.Linq;

namespace Framework.Templates.Tests.Infrastructure;

/// <summary>Where the repository's files are, found from the test's own folder.</summary>
public static class Repository
{
    /// <summary>The folder of Framework.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The template's folder (templates/content/AsyncApi).</summary>
    public static string Template => Path.Combine(Root, "templates", "content", "AsyncApi");

    /// <summary>The configuration this test was built in; the packed projects were built in it too, as its references.</summary>
    public static string Configuration { get; } =
        typeof(Repository).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The version every package of the repository gets: VersionPrefix in Directory.Build.props.</summary>
    public static string PackageVersion =>
        XDocument.Load(Path.Combine(Root, "Directory.Build.props")).Descendants("VersionPrefix").Single().Value;

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Framework.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException($"No Framework.sln above {AppContext.BaseDirectory}: the test runs from the repository's build output.");
    }
}
