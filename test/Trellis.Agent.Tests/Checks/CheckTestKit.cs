using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Trellis.Agent.Checks;

namespace Trellis.Agent.Tests.Checks;

/// <summary>Real Kestrel servers on loopback with free ports, and a factory tuned for fast tests.</summary>
internal static class CheckTestKit
{
    /// <summary>No stagger, 50ms minimum interval: the only differences from an agent's factory.</summary>
    public static CheckRunnerFactory Factory(IAliasSource? alias = null, bool scripts = false) => new(new CheckRunnerOptions
    {
        MinInterval = TimeSpan.FromMilliseconds(50),
        InitialStagger = false,
        AliasSource = alias,
        EnableScriptChecks = scripts,
    });

    public static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Starts Kestrel on 127.0.0.1 with a free port (or <paramref name="port"/>) and returns it with its port.</summary>
    public static async Task<(WebApplication App, int Port)> StartServerAsync(
        Action<WebApplication> map,
        HttpProtocols protocols = HttpProtocols.Http1,
        X509Certificate2? certificate = null,
        Action<IServiceCollection>? services = null,
        int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        services?.Invoke(builder.Services);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, listen =>
        {
            listen.Protocols = protocols;
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address).Port);
    }
}
