using System.Reflection;
using System.Xml.Linq;

namespace ProSaaS.Architecture.Tests;

/// <summary>The layering of the design: Domain → nothing, Application → Domain, Infrastructure → Application, hosts on top.</summary>
public sealed class LayeringTests
{
    private static readonly Assembly Domain = typeof(ProSaaS.Domain.Common.AggregateRoot).Assembly;
    private static readonly Assembly Application = typeof(ProSaaS.Application.Common.DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(ProSaaS.Infrastructure.DependencyInjection).Assembly;
    private static readonly Assembly MediaHost = Assembly.Load("ProSaaS.MediaHost");

    private static string[] References(Assembly assembly) => assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

    [Fact]
    public void Domain_references_only_the_runtime()
    {
        References(Domain).Should().OnlyContain(name => name.StartsWith("System") || name == "netstandard" || name == "mscorlib");
    }

    [Fact]
    public void Application_references_the_domain_and_abstractions_only()
    {
        var references = References(Application);
        references.Should().Contain("ProSaaS.Domain");
        references.Should().NotContain(name => name.StartsWith("ProSaaS.Infrastructure") || name.StartsWith("ProSaaS.Api") || name.StartsWith("ProSaaS.MediaHost"));
        references.Should().NotContain(name => name.StartsWith("Npgsql") || name.StartsWith("Dapper") || name.StartsWith("Microsoft.AspNetCore") || name.StartsWith("Serilog"));
    }

    [Fact]
    public void Infrastructure_does_not_reference_the_hosts()
    {
        References(Infrastructure).Should().NotContain(name => name.StartsWith("ProSaaS.Api") || name.StartsWith("ProSaaS.MediaHost"));
    }

    [Fact]
    public void MediaHost_never_touches_the_database()
    {
        References(MediaHost).Should().NotContain(name =>
            name.StartsWith("ProSaaS.Infrastructure") || name.StartsWith("Npgsql") || name.StartsWith("Dapper"));
        ProjectReferences("src/MediaHost/ProSaaS.MediaHost.csproj").Should().NotContain(p => p.Contains("Infrastructure"));
    }

    [Fact]
    public void Sandbox_peers_speak_only_wire_protocols()
    {
        // The stand-ins for Twilio and OpenAI reach the platform over sockets, as the real services do.
        var references = References(Assembly.Load("ProSaaS.Sandbox"));
        references.Should().NotContain(name =>
            name.StartsWith("ProSaaS.Infrastructure") || name.StartsWith("ProSaaS.Application") || name.StartsWith("ProSaaS.Api")
            || name.StartsWith("ProSaaS.MediaHost") || name.StartsWith("Npgsql") || name.StartsWith("Dapper"));
    }

    [Fact]
    public void Shared_hosting_library_holds_no_business_or_database_code()
    {
        References(Assembly.Load("ProSaaS.Hosting")).Should().NotContain(name =>
            name.StartsWith("ProSaaS.") || name.StartsWith("Npgsql") || name.StartsWith("Dapper"));
    }

    [Fact]
    public void Project_files_declare_the_same_layering()
    {
        ProjectReferences("src/Domain/ProSaaS.Domain.csproj").Should().BeEmpty();
        ProjectReferences("src/Application/ProSaaS.Application.csproj").Should().Equal("ProSaaS.Domain.csproj");
        ProjectReferences("src/Infrastructure/ProSaaS.Infrastructure.csproj").Should().Equal("ProSaaS.Application.csproj");
    }

    [Fact]
    public void Source_projects_treat_warnings_as_errors_with_nullable_on()
    {
        var props = XDocument.Load(Path.Combine(RepositoryRoot(), "src", "Directory.Build.props"));
        props.Descendants("TreatWarningsAsErrors").Single().Value.Should().Be("true");
        var rootProps = XDocument.Load(Path.Combine(RepositoryRoot(), "Directory.Build.props"));
        rootProps.Descendants("Nullable").Single().Value.Should().Be("enable");
    }

    [Fact]
    public void Domain_events_are_immutable_records()
    {
        var events = Domain.GetTypes().Where(t => typeof(ProSaaS.Domain.Common.IDomainEvent).IsAssignableFrom(t) && !t.IsInterface).ToList();
        events.Should().NotBeEmpty();
        foreach (var type in events)
        {
            type.GetProperties().Where(p => p.CanWrite).Should()
                .OnlyContain(p => p.SetMethod!.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit"),
                    "{0} must expose init-only properties", type.Name);
        }
    }

    private static IReadOnlyList<string> ProjectReferences(string relativePath) =>
        XDocument.Load(Path.Combine(RepositoryRoot(), relativePath))
            .Descendants("ProjectReference")
            .Select(e => Path.GetFileName(e.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ProSaaS.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("ProSaaS.sln not found above " + AppContext.BaseDirectory);
    }
}
