using System.Text.Json;
using System.Xml.Linq;
using Framework.Templates.Tests.Infrastructure;

namespace Framework.Templates.Tests;

/// <summary>What the template names must stay what the repository packs.</summary>
public sealed class TemplateVersionTests
{
    [Fact]
    public void The_framework_version_defaults_to_the_version_the_repository_packs()
    {
        var template = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Template, ".template.config", "template.json")));

        var defaultVersion = template.RootElement.GetProperty("symbols").GetProperty("FrameworkVersion").GetProperty("defaultValue").GetString();

        Assert.Equal(Repository.PackageVersion, defaultVersion);
    }

    [Fact]
    public void The_generated_projects_use_the_package_versions_the_repository_tests_with()
    {
        static Dictionary<string, string> Versions(string path) =>
            XDocument.Load(path).Descendants("PackageVersion")
                .ToDictionary(p => (string)p.Attribute("Include")!, p => (string)p.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);
        var repository = Versions(Path.Combine(Repository.Root, "Directory.Packages.props"));
        var template = Versions(Path.Combine(Repository.Template, "Directory.Packages.props"));

        var shared = template.Keys.Where(repository.ContainsKey).ToList();

        Assert.Contains("xunit", shared);
        Assert.All(shared, id => Assert.Equal(repository[id], template[id]));
    }
}
