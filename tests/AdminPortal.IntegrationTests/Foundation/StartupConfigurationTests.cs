using AdminPortal.IntegrationTests.Infrastructure;

namespace AdminPortal.IntegrationTests.Foundation;

/// <summary>
/// Starts the real built app as a process, as an operator would, and reads what it prints:
/// bad configuration must stop it with one line naming the key.
/// </summary>
public sealed class StartupConfigurationTests
{
    [Fact]
    public async Task Start_ProductionWithoutSigningCertificate_FailsNamingTheKey()
    {
        var (exitCode, stderr) = await RunAppAsync(new() { ["ASPNETCORE_ENVIRONMENT"] = "Production" });

        Assert.Equal(1, exitCode);
        Assert.Contains("AdminPortal cannot start: OAuth:SigningCertificate:Path", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    /// <summary>
    /// One bad value per kind of setting (durations, numbers out of range, URLs, booleans, crons, job ids, email
    /// addresses): each stops start-up with exit code 1 and one line naming the key — not a stack trace, not a start
    /// that fails later on a page.
    /// </summary>
    [Theory]
    [InlineData("OAuth__AccessTokenLifetime", "abc", "OAuth:AccessTokenLifetime: 'abc' is not a duration such as 00:05:00")]
    [InlineData("Ifttt__Realtime__BatchSize", "5000", "Ifttt:Realtime:BatchSize: must be between 1 and 1000 (is 5000).")]
    [InlineData("Ifttt__Realtime__Lease", "00:00:10", "Ifttt:Realtime:Lease: must be longer than Ifttt:Realtime:RequestTimeout.")]
    [InlineData("Ifttt__RealtimeUrl", "not-a-url", "Ifttt:RealtimeUrl: must be an absolute http or https URL (is 'not-a-url').")]
    [InlineData("Dashboard__StaleIdentityDays", "-1", "Dashboard:StaleIdentityDays: must be between 1 and 365 (is -1).")]
    [InlineData("Ifttt__Realtime__DebounceWindow", "soon", "Ifttt:Realtime:DebounceWindow: 'soon' is not a duration")]
    [InlineData("Jobs__Schedules__oauth-prune", "every day", "Jobs:Schedules:oauth-prune: 'every day' is not a valid cron expression")]
    [InlineData("Jobs__Schedules__conector-poll", "* * * * *", "Jobs:Schedules:conector-poll: there is no recurring job 'conector-poll'")]
    [InlineData("Accounts__AllowRegistration", "maybe", "Accounts:AllowRegistration: 'maybe' is not true or false.")]
    [InlineData("Accounts__RegistrationLinkLifetime", "00:01:00", "Accounts:RegistrationLinkLifetime: must be between 00:05:00 and 7.00:00:00 (is 00:01:00).")]
    [InlineData("Email__Smtp__Port", "abc", "Email:Smtp:Port: 'abc' is not a whole number.")]
    [InlineData("Email__Smtp__Tls", "sometimes", "Email:Smtp:Tls: must be one of StartTls, SslOnConnect, Auto, None (is 'sometimes').")]
    [InlineData("Ingest__MaxBatch", "0", "Ingest:MaxBatch: must be between 1 and 10000 (is 0).")]
    [InlineData("Sunset__PlatformTeamEmail", "nobody", "Sunset:PlatformTeamEmail: must be an email address.")]
    [InlineData("Connectors__MaxConcurrency", "1000", "Connectors:MaxConcurrency: must be between 1 and 64 (is 1000).")]
    [InlineData("Backups__Keep", "0", "Backups:Keep: must be between 1 and 1000 (is 0).")]
    [InlineData("Backups__Schedule", "nightly", "Backups:Schedule: 'nightly' is not a valid cron expression")]
    [InlineData("RateLimits__Token__PermitLimit", "0", "RateLimits:Token:PermitLimit: must be between 1 and 1000000 (is 0).")]
    [InlineData("ForwardedHeaders__KnownProxies", "proxy.local", "ForwardedHeaders:KnownProxies: 'proxy.local' is not an IP address such as 10.0.0.2.")]
    [InlineData("ForwardedHeaders__KnownNetworks__0", "10.0.0.0/33", "ForwardedHeaders:KnownNetworks: '10.0.0.0/33' is not a network such as 10.0.0.0/8.")]
    [InlineData("Alerts__Rules__ErrorRates__Percent", "5", "Alerts:Rules:ErrorRates: there is no alert rule 'ErrorRates'")]
    [InlineData("Alerts__Rules__Realtime__PendingMinutes", "0", "Alerts:Rules:Realtime:PendingMinutes: must be between 1 and 10080 (is 0).")]
    [InlineData("Alerts__Webhook__Url", "https://hooks.example.com/alerts", "Alerts:Webhook:Secret: is required with Alerts:Webhook:Url")]
    [InlineData("OAuth__Issuer", "portal.example.com", "OAuth:Issuer: must be an absolute https URL without query or fragment (is 'portal.example.com').")]
    [InlineData("OpenTelemetry__Endpoint", "collector:4318", "OpenTelemetry:Endpoint: must be an absolute http or https URL (is 'collector:4318').")]
    [InlineData("OpenTelemetry__Protocol", "udp", "OpenTelemetry:Protocol: must be one of HttpProtobuf, Grpc (is 'udp').")]
    [InlineData("OpenTelemetry__Prometheus__Port", "70000", "OpenTelemetry:Prometheus:Port: must be between 0 and 65535 (is 70000).")]
    [InlineData("OpenTelemetry__Prometheus__Port", "any", "OpenTelemetry:Prometheus:Port: 'any' is not a whole number.")]
    [InlineData("OpenTelemetry__Prometheus__Address", "metrics.local", "OpenTelemetry:Prometheus:Address: must be an IP address such as 127.0.0.1 or 0.0.0.0.")]
    [InlineData("OpenTelemetry__Prometheus__Path", "metrics", "OpenTelemetry:Prometheus:Path: must be a path starting with /.")]
    [InlineData("OpenTelemetry__GaugeRefresh", "00:00:00", "OpenTelemetry:GaugeRefresh: must be between 00:00:01 and 01:00:00 (is 00:00:00).")]
    [InlineData("OpenTelemetry__TraceSampleRatio", "2", "OpenTelemetry:TraceSampleRatio: must be between 0 and 1 (is 2).")]
    public async Task Start_BadValue_FailsWithOneLineNamingTheKey(string key, string value, string expected)
    {
        var (exitCode, stderr) = await RunAppAsync(new() { [key] = value }, withAppSettings: true);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("AdminPortal cannot start: " + expected, stderr);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Start_PortAlreadyInUse_SaysSoInOneLine()
    {
        // The README's second `dotnet run` while the first still serves: one line, not Kestrel's bind stack trace.
        using var busy = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        busy.Start();
        var url = $"http://127.0.0.1:{((System.Net.IPEndPoint)busy.LocalEndpoint).Port}";

        var (exitCode, stderr) = await RunAppAsync([], withAppSettings: true, urls: url);

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"AdminPortal cannot start: urls: {url} is already in use", stderr);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Start_MetricsPortAlreadyInUse_NamesThePrometheusPort()
    {
        using var busy = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        busy.Start();
        var port = ((System.Net.IPEndPoint)busy.LocalEndpoint).Port;

        var (exitCode, stderr) = await RunAppAsync(new()
        {
            ["OpenTelemetry__Prometheus__Enabled"] = "true",
            ["OpenTelemetry__Prometheus__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, withAppSettings: true);

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"AdminPortal cannot start: OpenTelemetry:Prometheus:Port: 127.0.0.1:{port} is already in use", stderr);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Start_ProductionWithCertificatesButNoIssuer_FailsNamingTheKey()
    {
        // Without it the issuer would follow each request's Host header (decision 0019).
        var (signing, encryption) = TestCertificates.Write(Directory.CreateTempSubdirectory("adminportal-certs-").FullName);

        var (exitCode, stderr) = await RunAppAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["OAuth__SigningCertificate__Path"] = signing,
            ["OAuth__SigningCertificate__Password"] = TestCertificates.Password,
            ["OAuth__EncryptionCertificate__Path"] = encryption,
            ["OAuth__EncryptionCertificate__Password"] = TestCertificates.Password,
        });

        Assert.Equal(1, exitCode);
        Assert.StartsWith("AdminPortal cannot start: OAuth:Issuer: is required outside Development", stderr);
    }

    [Fact]
    public async Task Start_UnreadableCertificate_FailsNamingTheKey()
    {
        var notACertificate = Path.GetTempFileName();
        await File.WriteAllTextAsync(notACertificate, "not a certificate", TestContext.Current.CancellationToken);

        var (exitCode, stderr) = await RunAppAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["OAuth__SigningCertificate__Path"] = notACertificate,
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("AdminPortal cannot start: OAuth:SigningCertificate:Path: cannot read the certificate", stderr);
    }

    [Fact]
    public async Task Start_UnwritableBackupFolder_FailsNamingTheKey()
    {
        // A folder inside a regular file can never be created, whoever runs the test (root ignores permissions).
        var file = Path.GetTempFileName();
        var (exitCode, stderr) = await RunAppAsync(new() { ["Backups__Folder"] = Path.Combine(file, "backups") }, withAppSettings: true);

        Assert.Equal(1, exitCode);
        Assert.StartsWith($"AdminPortal cannot start: Backups:Folder: cannot write to {Path.Combine(file, "backups")}", stderr);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Start_UnknownDatabaseProvider_FailsNamingTheKey()
    {
        var (exitCode, stderr) = await RunAppAsync(new() { ["Database__Provider"] = "Oracle" });

        Assert.Equal(1, exitCode);
        Assert.Contains("AdminPortal cannot start: Database:Provider: unknown database provider 'Oracle'", stderr);
    }

    [Fact]
    public async Task Start_MalformedConnectionString_FailsNamingTheKey()
    {
        var (exitCode, stderr) = await RunAppAsync(new() { ["ConnectionStrings__AdminPortal"] = "Data Source=x.db;Bogus Keyword=1" });

        Assert.Equal(1, exitCode);
        Assert.Contains("AdminPortal cannot start: ConnectionStrings:AdminPortal: not a valid SQLite connection string", stderr);
    }

    [Fact]
    public async Task Start_UnknownActionHandler_FailsNamingTheKey()
    {
        // Checked against the keyed registrations of the finished container, whichever feature registers handlers.
        // The shipped appsettings.json (the demo service), with one action naming a handler nobody registered.
        var (exitCode, stderr) = await RunAppAsync(new() { ["Service__Actions__0__Handler"] = "teleport" }, withAppSettings: true);

        Assert.Equal(1, exitCode);
        Assert.Contains("AdminPortal cannot start: Service:Actions:0:Handler: unknown action handler 'teleport'", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public async Task Start_ProductWithoutAuthority_FailsNamingTheKey()
    {
        var (exitCode, stderr) = await RunAppAsync(new()
        {
            ["Product__Name"] = "Acme Home", ["Product__ApiBaseUrl"] = "http://127.0.0.1:5090", ["Product__SignIn__ClientId"] = "adminportal",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("AdminPortal cannot start: Product:SignIn:Authority: is required when Product:Name is set.", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public async Task Start_ProductDiscoveryUnreachable_FailsNamingTheKey()
    {
        // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
        var (exitCode, stderr) = await RunAppAsync(new()
        {
            ["Product__Name"] = "Acme Home", ["Product__ApiBaseUrl"] = "http://127.0.0.1:9", ["Product__SignIn__ClientId"] = "adminportal",
            ["Product__SignIn__Authority"] = "http://127.0.0.1:9/",
        }, withAppSettings: true);

        Assert.Equal(1, exitCode);
        Assert.Contains("AdminPortal cannot start: Product:SignIn:Authority: could not read the OpenID Connect discovery document of http://127.0.0.1:9/", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    private static async Task<(int ExitCode, string Stderr)> RunAppAsync(Dictionary<string, string> environment, bool withAppSettings = false,
        string urls = "http://127.0.0.1:0")
    {
        var contentRoot = Directory.CreateTempSubdirectory("adminportal-start-").FullName;
        if (withAppSettings)
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), Path.Combine(contentRoot, "appsettings.json"));
        }
        var result = await AppProcess.RunAsync(["--contentRoot", contentRoot, "--urls", urls], environment, contentRoot);
        return (result.ExitCode, result.Stderr);
    }
}
