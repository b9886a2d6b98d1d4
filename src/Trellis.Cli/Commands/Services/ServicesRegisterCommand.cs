using System.Globalization;
using Trellis.Cli.Commands.Common;
using Trellis.Cli.Flags;
using Trellis.Core.Catalog;
using Trellis.Core.Services;
using Trellis.Hosting.Configuration;

namespace Trellis.Cli.Commands.Services;

/// <summary>
/// <c>trellis services register</c>: registers services with the local agent from configuration files (HCL or
/// JSON <c>service</c>/<c>services</c> blocks) or from flags; flag values fill what a file leaves unset.
/// </summary>
/// <remarks>Stateless; each run owns its flags and client.</remarks>
public static class ServicesRegisterCommand
{
    public const string Synopsis = "Register services with the local agent";

    private const string Help = """
        Usage: trellis services register [options] [FILE...]

          Register one or more services using the local agent API. Services can be
          registered from agent configuration files (HCL or JSON) or using flags. The
          service stays registered until "trellis services deregister" (or the API)
          removes it.

              $ trellis services register web.json
              $ trellis services register -name=web -port=8080 -tag=v1
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandIo io, CancellationToken cancellationToken)
    {
        var flags = new FlagSet("services register");
        var id = flags.String("id", "ID of the service to register for arg-based registration. If this isn't set, it will default to the -name value.");
        var name = flags.String("name", "Name of the service to register for arg-based registration.");
        var address = flags.String("address", "Address of the service to register for arg-based registration.");
        var port = flags.Int("port", "Port of the service to register for arg-based registration.");
        var socket = flags.String("socket", "Path to the Unix domain socket to register for arg-based registration (conflicts with address and port).");
        var meta = flags.Map("meta", "Metadata to set on the service, formatted as key=value. This flag may be specified multiple times to set multiple meta fields.");
        var tags = flags.StringList("tag", "Tag to add to the service. This flag can be specified multiple times to set multiple tags.");
        var taggedAddresses = flags.Map("tagged-address", "Tagged address to set on the service, formatted as key=value. This flag may be specified multiple times to set multiple addresses.");
        var kind = flags.String("kind", "The services 'kind'");
        var http = new HttpFlags().AddClientFlags(flags).AddServerFlags(flags);
        if (!CommandLine.TryParse(flags, args, io, Help, out var exit))
        {
            return exit;
        }

        if (!string.IsNullOrEmpty(socket.Value))
        {
            // Service definitions have no socket path yet: refuse rather than register a service without it.
            io.Error.WriteLine("Error: -socket (Unix domain socket services) is not supported by Trellis yet");
            return 1;
        }

        Dictionary<string, ServiceAddress>? addresses = null;
        if (taggedAddresses.Value.Count > 0)
        {
            addresses = new Dictionary<string, ServiceAddress>(StringComparer.Ordinal);
            foreach (var (key, value) in taggedAddresses.Value)
            {
                if (!TryParseServiceAddress(value, out var parsed, out var error))
                {
                    io.Error.WriteLine($"Invalid Tagged Address: {error}");
                    return 1;
                }

                addresses[key] = parsed;
            }
        }

        var fromFlags = new ServiceDefinition
        {
            Kind = NullIfEmpty(kind.Value),
            ID = NullIfEmpty(id.Value),
            Name = NullIfEmpty(name.Value),
            Address = NullIfEmpty(address.Value),
            Port = port.Value,
            Tags = tags.Value.Count == 0 ? null : tags.Value,
            Meta = meta.Value.Count == 0 ? null : meta.Value,
            TaggedAddresses = addresses,
        };

        if (flags.Arguments.Count == 0 && string.IsNullOrEmpty(name.Value))
        {
            io.Error.WriteLine("Service registration requires at least one argument or flags.");
            return 1;
        }

        if (flags.Arguments.Count > 0 && !string.IsNullOrEmpty(name.Value))
        {
            io.Error.WriteLine("Service registration requires arguments or -id, not both.");
            return 1;
        }

        IReadOnlyList<ServiceDefinition> services = [fromFlags];
        if (flags.Arguments.Count > 0)
        {
            try
            {
                services = ServiceFiles.Read(flags.Arguments).Select(s => Combine(s, fromFlags)).ToList();
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
            try
            {
                await client.Agent.ServiceRegisterAsync(service, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ApiFailure.Is(ex))
            {
                io.Error.WriteLine($"Error registering service \"{service.Name}\": {ex.Message}");
                return 1;
            }

            io.Out.WriteLine($"Registered service: {service.Name}");
        }

        return 0;
    }

    /// <summary>
    /// Fills a file's service with the flag values it leaves unset (ID, name, address, port, kind), adds the
    /// flags' meta and tagged addresses over the file's, and appends the flags' tags, as Consul's CombineArgs does.
    /// </summary>
    public static ServiceDefinition Combine(ServiceDefinition file, ServiceDefinition flags)
    {
        var meta = new Dictionary<string, string>(file.Meta ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (key, value) in flags.Meta ?? new Dictionary<string, string>())
        {
            meta[key] = value;
        }

        var addresses = new Dictionary<string, ServiceAddress>(
            file.TaggedAddresses ?? new Dictionary<string, ServiceAddress>(), StringComparer.Ordinal);
        foreach (var (key, value) in flags.TaggedAddresses ?? new Dictionary<string, ServiceAddress>())
        {
            addresses[key] = value;
        }

        return file with
        {
            ID = string.IsNullOrEmpty(file.ID) ? flags.ID : file.ID,
            Name = string.IsNullOrEmpty(file.Name) ? flags.Name : file.Name,
            Address = string.IsNullOrEmpty(file.Address) ? flags.Address : file.Address,
            Port = file.Port == 0 ? flags.Port : file.Port,
            Kind = string.IsNullOrEmpty(file.Kind) ? flags.Kind : file.Kind,
            Meta = meta,
            TaggedAddresses = addresses,
            Tags = [.. file.Tags ?? [], .. flags.Tags ?? []],
        };
    }

    /// <summary>"host:port" or a bare address (port 0), as Consul's api.ParseServiceAddr.</summary>
    public static bool TryParseServiceAddress(string value, out ServiceAddress address, out string error)
    {
        address = new ServiceAddress { Address = value };
        error = "";
        var colon = value.LastIndexOf(':');
        var bracketed = value.StartsWith('[');
        if (colon < 0 || (!bracketed && value.IndexOf(':', StringComparison.Ordinal) != colon) ||
            (bracketed && colon < value.IndexOf(']', StringComparison.Ordinal)))
        {
            // Not host:port (a bare name, or an IPv6 address without brackets): the whole value is the address.
            return true;
        }

        var host = value[..colon];
        if (bracketed)
        {
            host = host.Trim('[', ']');
        }

        var portText = value[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            error = $"invalid port \"{portText}\"";
            return false;
        }

        address = new ServiceAddress { Address = host, Port = port };
        return true;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
