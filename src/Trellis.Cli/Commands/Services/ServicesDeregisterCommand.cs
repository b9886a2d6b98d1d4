using Trellis.Cli.Commands.Common;
using Trellis.Cli.Flags;
using Trellis.Core.Services;
using Trellis.Hosting.Configuration;

namespace Trellis.Cli.Commands.Services;

/// <summary><c>trellis services deregister</c>: removes local services named by files or by -id.</summary>
/// <remarks>Stateless; each run owns its flags and client.</remarks>
public static class ServicesDeregisterCommand
{
    public const string Synopsis = "Deregister services with the local agent";

    private const string Help = """
        Usage: trellis services deregister [options] [FILE...]

          Deregister one or more services that were previously registered with the
          local agent.

              $ trellis services deregister web.json db.json
              $ trellis services deregister -id=web

          This command must be run against the agent where the service was registered.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandIo io, CancellationToken cancellationToken)
    {
        var flags = new FlagSet("services deregister");
        var id = flags.String("id", "ID to delete. This must not be set if arguments are given.");
        var http = new HttpFlags().AddClientFlags(flags).AddServerFlags(flags);
        if (!CommandLine.TryParse(flags, args, io, Help, out var exit))
        {
            return exit;
        }

        if (flags.Arguments.Count == 0 && string.IsNullOrEmpty(id.Value))
        {
            io.Error.WriteLine("Service deregistration requires at least one argument or -id.");
            return 1;
        }

        if (flags.Arguments.Count > 0 && !string.IsNullOrEmpty(id.Value))
        {
            io.Error.WriteLine("Service deregistration requires arguments or -id, not both.");
            return 1;
        }

        IReadOnlyList<ServiceDefinition> services = [new ServiceDefinition { ID = id.Value }];
        if (flags.Arguments.Count > 0)
        {
            try
            {
                services = ServiceFiles.Read(flags.Arguments);
            }
            catch (ConfigException ex)
            {
                io.Error.WriteLine($"Error: {ex.Message}");
                return 1;
            }
        }

        using var client = ApiFailure.TryCreateClient(http, io);
        if (client is null)
        {
            return 1;
        }

        foreach (var service in services)
        {
            var serviceId = string.IsNullOrEmpty(service.ID) ? service.Name : service.ID;
            if (string.IsNullOrEmpty(serviceId))
            {
                continue;
            }

            try
            {
                await client.Agent.ServiceDeregisterAsync(serviceId, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ApiFailure.Is(ex))
            {
                // Consul compat: the message says "registering" and names the service by its name.
                io.Error.WriteLine($"Error registering service \"{service.Name}\": {ex.Message}");
                return 1;
            }

            io.Out.WriteLine($"Deregistered service: {serviceId}");
        }

        return 0;
    }
}
