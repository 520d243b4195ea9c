using Microsoft.Extensions.DependencyInjection;

namespace BranchArchive.Grains.Tests.Support;

/// <summary>Wraps what the silo registered, so a test's stand-in sits on the very instance production builds.</summary>
public static class ServiceDecoration
{
    public static void Decorate<T>(this IServiceCollection services, Func<T, T> wrap)
        where T : class
    {
        // The storage registrations are instances (ArchiveStorageSiloBuilderExtensions).
        var registered = services.Last(d => d.ServiceType == typeof(T));
        var instance = registered.ImplementationInstance as T
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not registered as an instance; nothing to wrap.");
        services.Remove(registered);
        services.AddSingleton(wrap(instance));
    }
}
