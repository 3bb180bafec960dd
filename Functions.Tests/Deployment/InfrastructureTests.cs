using System.Reflection;
using System.Runtime.InteropServices;
using FollowUp.Tests.Fixtures;

namespace FollowUp.Tests.Deployment;

/// <summary>infra/ must build to an ARM template and pass the Bicep linter with no errors or warnings.</summary>
public sealed class InfrastructureTests
{
    private static readonly string MainTemplate = Path.Combine(Published.RepoRoot, "infra", "main.bicep");

    [Fact]
    public async Task Bicep_builds_without_diagnostics()
    {
        var (exitCode, output) = await Published.RunAsync(Bicep(), "build", MainTemplate, "--stdout");

        Assert.True(exitCode == 0, output);
        Assert.Contains("\"$schema\"", output);
        Assert.DoesNotContain("Warning", output);
        Assert.DoesNotContain("Error", output);
    }

    [Fact]
    public async Task Bicep_lint_reports_nothing()
    {
        var (exitCode, output) = await Published.RunAsync(Bicep(), "lint", MainTemplate);

        Assert.True(exitCode == 0 && output.Trim().Length == 0, output);
    }

    [Fact]
    public async Task The_deployment_prints_the_voice_url_to_paste_into_the_numbers_voice_webhook()
    {
        var (_, output) = await Published.RunAsync(Bicep(), "build", MainTemplate, "--stdout");
        using var template = System.Text.Json.JsonDocument.Parse(output);

        var voice = template.RootElement.GetProperty("outputs").GetProperty("TWILIO_VOICE_URL").GetProperty("value").GetString();

        Assert.Contains("/api/twilio/voice'", voice, StringComparison.Ordinal);
        Assert.Contains("baseUrl", voice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_app_runs_on_flex_consumption_as_an_isolated_worker_reading_its_package_with_its_identity()
    {
        var (_, output) = await Published.RunAsync(Bicep(), "build", MainTemplate, "--stdout");
        using var template = System.Text.Json.JsonDocument.Parse(output);
        var text = template.RootElement.GetRawText();
        var parameters = template.RootElement.GetProperty("parameters");

        Assert.Contains("\"FC1\"", text);
        Assert.Contains("\"FlexConsumption\"", text);
        Assert.Contains("\"name\": \"dotnet-isolated\"", output);
        Assert.Contains("\"version\": \"10.0\"", output);
        Assert.Contains("\"type\": \"UserAssignedIdentity\"", output);
        Assert.Equal(512, parameters.GetProperty("instanceMemoryMB").GetProperty("defaultValue").GetInt32());
        Assert.Equal(0, parameters.GetProperty("alwaysReadyInstances").GetProperty("defaultValue").GetInt32());
        Assert.Equal(40, parameters.GetProperty("maximumInstanceCount").GetProperty("defaultValue").GetInt32());
        // Settings Flex Consumption refuses, and keys it must not need.
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", output);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", output);
        Assert.DoesNotContain("WEBSITE_RUN_FROM_PACKAGE", output);
        Assert.DoesNotContain("AccountKey", output);
        // The settings the triggers name, which the host resolves.
        Assert.Contains("FollowUp__Queues__Notifications", output);
        Assert.Contains("FollowUp__Timers__ScanDueWindows", output);
        Assert.Contains("FollowUp__Timers__RepairOutbox", output);
        Assert.Contains("FollowUp__Timers__PurgeExpired", output);
        Assert.Contains("FollowUp__Timers__WeeklySummary", output);
        Assert.Contains("FollowUp__Timers__RollUpReports", output);
    }

    [Fact]
    public async Task Azure_defaults_are_safe_providers_are_chosen_publishing_needs_entra_id_and_secrets_survive_deletion()
    {
        var (_, output) = await Published.RunAsync(Bicep(), "build", MainTemplate, "--stdout");
        using var template = System.Text.Json.JsonDocument.Parse(output);
        var parameters = template.RootElement.GetProperty("parameters");
        // The resources of main.bicep and of its module (a nested deployment's template).
        var resources = template.RootElement.GetProperty("resources").EnumerateArray()
            .SelectMany(r => r.TryGetProperty("properties", out var p) && p.TryGetProperty("template", out var inner)
                ? inner.GetProperty("resources").EnumerateArray()
                : Enumerable.Repeat(r, 1))
            .ToList();

        // No provider is assumed: a deployment left on the local sink would send nothing.
        Assert.False(parameters.GetProperty("smsProvider").TryGetProperty("defaultValue", out _));
        Assert.False(parameters.GetProperty("emailProvider").TryGetProperty("defaultValue", out _));
        var vault = Assert.Single(resources, r => r.GetProperty("type").GetString() == "Microsoft.KeyVault/vaults");
        Assert.True(vault.GetProperty("properties").GetProperty("enablePurgeProtection").GetBoolean());
        var publishing = resources.Where(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(2, publishing.Count);
        Assert.All(publishing, p => Assert.False(p.GetProperty("properties").GetProperty("allow").GetBoolean()));
    }

    [Fact]
    public async Task A_provider_without_its_secret_stops_the_deployment_and_the_app_waits_for_every_secret_it_refers_to()
    {
        var (_, output) = await Published.RunAsync(Bicep(), "build", MainTemplate, "--stdout");
        using var template = System.Text.Json.JsonDocument.Parse(output);
        var module = template.RootElement.GetProperty("resources").EnumerateArray()
            .Single(r => r.GetProperty("type").GetString() == "Microsoft.Resources/deployments")
            .GetProperty("properties").GetProperty("template");
        var variables = module.GetProperty("variables");
        var site = module.GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites");

        // Each secret's Key Vault reference is made only when the secret was given; otherwise fail() ends the deployment.
        foreach (var (reference, parameter) in new[]
        {
            ("twilioAuthTokenReference", "twilioAuthToken"),
            ("sendGridApiKeyReference", "sendGridApiKey"),
            ("staffSignInSecretReference", "staffSignInClientSecret"),
            ("inboundParseKeyReference", "sendGridInboundParseKey"),
        })
        {
            var expression = variables.GetProperty(reference).GetString()!;
            Assert.StartsWith($"[if(empty(parameters('{parameter}')), fail(", expression);
            Assert.Contains("@Microsoft.KeyVault(", expression);
        }

        // The site is created after every secret its settings refer to (the staff keys are a loop, named as one).
        var dependsOn = site.GetProperty("dependsOn").EnumerateArray().Select(d => d.GetString()!).ToList();
        Assert.Contains("staffKeySecrets", dependsOn);
        foreach (var secret in new[] { "twilioSecretName", "sendGridSecretName", "staffSignInSecretName", "inboundParseSecretName" })
        {
            Assert.Contains(dependsOn, d => d.StartsWith("[resourceId('Microsoft.KeyVault/vaults/secrets'") && d.Contains($"variables('{secret}')"));
        }
    }

    [Fact]
    public async Task Every_parameter_but_the_staff_list_is_mapped_to_an_azd_environment_value()
    {
        var (_, output) = await Published.RunAsync(Bicep(), "build", MainTemplate, "--stdout");
        using var template = System.Text.Json.JsonDocument.Parse(output);
        using var mapped = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(
            Path.Combine(Published.RepoRoot, "infra", "main.parameters.json"), TestContext.Current.CancellationToken));

        var parameters = template.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name);
        var unmapped = parameters.Except(mapped.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name));

        // The staff list and their keys are structured values; docs/operations.md shows how to map them.
        Assert.Equal(["staff", "staffApiKeys"], unmapped.Order());
    }

    [Fact]
    public async Task Origins_given_as_one_comma_separated_value_become_one_setting_each()
    {
        var resources = await SnapshotAsync("""
            param allowedOrigins = 'https://www.brightside.example, https://brightside.example,'
            param staffOrigins = 'https://followup.brightside.example'
            """);

        var settings = Assert.Single(resources, r => r.GetProperty("type").GetString() == "Microsoft.Web/sites")
            .GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("value").GetString());
        Assert.Equal("https://www.brightside.example", settings["FollowUp__Intake__AllowedOrigins__0"]);
        Assert.Equal("https://brightside.example", settings["FollowUp__Intake__AllowedOrigins__1"]);
        Assert.DoesNotContain("FollowUp__Intake__AllowedOrigins__2", settings.Keys);
        Assert.Equal("https://followup.brightside.example", settings["FollowUp__StaffOrigins__0"]);
    }

    [Fact]
    public async Task Staff_keys_go_to_key_vault_and_sign_in_is_deployed_only_when_asked_for()
    {
        var withSignIn = await SnapshotAsync("""
            param staff = [
              { id: 'dana', name: 'Dana Reyes', mobile: '+12125550101', manager: 'sam', signInId: '5b5450db-eb26-4c1a-981c-ba1d25f0483d', sources: ['referral'] }
              { id: 'sam', name: 'Sam Ortiz', onDuty: false }
            ]
            param staffApiKeys = { dana: 'dana-key-0123456789abcdefghij' }
            param staffSignInClientId = '11111111-2222-3333-4444-555555555555'
            param staffSignInClientSecret = 'client-secret-value'
            """);
        var without = await SnapshotAsync("");

        var auth = Assert.Single(withSignIn, r => r.GetProperty("name").GetString()!.EndsWith("/authsettingsV2")).GetProperty("properties");
        Assert.True(auth.GetProperty("platform").GetProperty("enabled").GetBoolean());
        Assert.False(auth.GetProperty("globalValidation").GetProperty("requireAuthentication").GetBoolean()); // forms and webhooks stay anonymous
        Assert.Equal("AllowAnonymous", auth.GetProperty("globalValidation").GetProperty("unauthenticatedClientAction").GetString());
        Assert.Equal("11111111-2222-3333-4444-555555555555", auth.GetProperty("identityProviders").GetProperty("azureActiveDirectory").GetProperty("registration").GetProperty("clientId").GetString());
        Assert.Contains(withSignIn, r => r.GetProperty("name").GetString()!.EndsWith("/staff-api-key-dana"));
        Assert.Contains(withSignIn, r => r.GetProperty("name").GetString()!.EndsWith("/staff-sign-in-client-secret"));
        Assert.DoesNotContain(without, r => r.GetProperty("name").GetString()!.EndsWith("/authsettingsV2"));
        Assert.DoesNotContain(without, r => r.GetProperty("name").GetString()!.EndsWith("/staff-sign-in-client-secret"));

        // The app settings are one expression until deployment; the keys are never in it, only their references.
        var settings = withSignIn.Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites")
            .GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings").GetRawText();
        Assert.DoesNotContain("dana-key-0123456789abcdefghij", settings);
        Assert.DoesNotContain("client-secret-value", settings);
    }

    [Fact]
    public async Task The_identity_has_blob_rights_only_on_the_containers_the_platform_and_the_host_use()
    {
        var resources = await SnapshotAsync("");
        var storage = Assert.Single(resources, r => r.GetProperty("type").GetString() == "Microsoft.Storage/storageAccounts").GetProperty("id").GetString()!;
        var identity = Assert.Single(resources, r => r.GetProperty("type").GetString() == "Microsoft.ManagedIdentity/userAssignedIdentities").GetProperty("name").GetString()!;
        var containers = resources.Where(r => r.GetProperty("type").GetString() == "Microsoft.Storage/storageAccounts/blobServices/containers")
            .Select(r => r.GetProperty("id").GetString()!).ToList();
        var blobRoles = resources
            .Where(r => r.GetProperty("type").GetString() == "Microsoft.Authorization/roleAssignments")
            .Select(r => (Scope: ScopeOf(r), Role: r.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!.Split('/')[^1], Principal: r.GetProperty("properties").GetProperty("principalId").GetString()!))
            .Where(a => BlobDataRoles.Contains(a.Role))
            .ToList();
        string[] expected = ["app-package", "azure-webjobs-hosts", "azure-webjobs-secrets"];

        // No blob role on the account (or its blob service).
        Assert.DoesNotContain(blobRoles, a => a.Scope == storage || a.Scope == $"{storage}/blobServices/default");
        // The deployment container, and the two the Functions host keeps its locks, timer schedules and keys in.
        Assert.Equal(expected.Select(name => $"{storage}/blobServices/default/containers/{name}").Order(), containers.Order());
        var site = Assert.Single(resources, r => r.GetProperty("type").GetString() == "Microsoft.Web/sites");
        Assert.EndsWith("'app-package')]", site.GetProperty("properties").GetProperty("functionAppConfig").GetProperty("deployment").GetProperty("storage").GetProperty("value").GetString());
        // One role on each of those containers, Storage Blob Data Contributor, for the app's identity.
        Assert.Equal(containers.Order(), blobRoles.Select(a => a.Scope).Order());
        Assert.All(blobRoles, a => Assert.Equal(StorageBlobDataContributor, a.Role));
        Assert.All(blobRoles, a => Assert.Contains($"/userAssignedIdentities/{identity}'", a.Principal));
    }

    [Fact]
    public async Task Vault_audit_events_and_storage_logs_go_to_the_workspace_and_deleted_blobs_are_kept_a_week()
    {
        var resources = await SnapshotAsync("");
        var workspace = Assert.Single(resources, r => r.GetProperty("type").GetString() == "Microsoft.OperationalInsights/workspaces").GetProperty("id").GetString()!;
        var vault = Assert.Single(resources, r => r.GetProperty("type").GetString() == "Microsoft.KeyVault/vaults").GetProperty("id").GetString()!;
        var storage = Assert.Single(resources, r => r.GetProperty("type").GetString() == "Microsoft.Storage/storageAccounts").GetProperty("id").GetString()!;
        var settings = resources.Where(r => r.GetProperty("type").GetString() == "Microsoft.Insights/diagnosticSettings")
            .ToLookup(ScopeOf, r => r.GetProperty("properties"));

        // Logs of what the diagnostic setting on this resource sends to the workspace (by category or category group).
        List<string> LoggedAt(string scope) => [.. settings[scope]
            .Where(s => s.GetProperty("workspaceId").GetString() == workspace)
            .SelectMany(s => s.GetProperty("logs").EnumerateArray())
            .Where(l => l.GetProperty("enabled").GetBoolean())
            .Select(l => l.TryGetProperty("categoryGroup", out var group) ? group.GetString()! : l.GetProperty("category").GetString()!)];

        Assert.True(LoggedAt(vault).Contains("audit") || LoggedAt(vault).Contains("AuditEvent"), $"The vault sends [{string.Join(", ", LoggedAt(vault))}] to the workspace.");
        foreach (var service in new[] { "blobServices", "queueServices", "tableServices" })
        {
            Assert.Superset(new HashSet<string> { "StorageRead", "StorageWrite", "StorageDelete" }, LoggedAt($"{storage}/{service}/default").ToHashSet());
        }

        // Soft delete: the deployment package (or a key) overwritten or deleted, or a container deleted, can be restored.
        var blob = Assert.Single(resources, r => r.GetProperty("type").GetString() == "Microsoft.Storage/storageAccounts/blobServices").GetProperty("properties");
        foreach (var policy in new[] { "deleteRetentionPolicy", "containerDeleteRetentionPolicy" })
        {
            Assert.True(blob.GetProperty(policy).GetProperty("enabled").GetBoolean(), policy);
            Assert.Equal(7, blob.GetProperty(policy).GetProperty("days").GetInt32());
        }
    }

    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";

    /// <summary>The built-in roles that grant blob data access: Owner, Contributor, Reader.</summary>
    private static readonly HashSet<string> BlobDataRoles =
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b", StorageBlobDataContributor, "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"];

    /// <summary>The resource an extension resource (a role assignment, a diagnostic setting) is on, from its id.</summary>
    private static string ScopeOf(System.Text.Json.JsonElement resource)
    {
        var id = resource.GetProperty("id").GetString()!;
        return id[..id.LastIndexOf("/providers/", StringComparison.Ordinal)];
    }

    /// <summary>
    /// What a deployment of main.bicep with these parameters (besides the required ones) would create, by
    /// <c>bicep snapshot</c>: evaluated offline as far as it can be without Azure (secure values stay expressions).
    /// </summary>
    private static async Task<List<System.Text.Json.JsonElement>> SnapshotAsync(string parameters)
    {
        var folder = Path.Combine(Path.GetTempPath(), "followup-bicep-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(MainTemplate)!, "*.bicep"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var parameterFile = Path.Combine(folder, "test.bicepparam");
        await File.WriteAllTextAsync(parameterFile, $"""
            using 'main.bicep'
            param environmentName = 'followup-test'
            param location = 'eastus'
            param businessName = 'Bright Side Plumbing'
            param smsProvider = 'Local'
            param emailProvider = 'Local'
            {parameters}
            """, TestContext.Current.CancellationToken);
        var (exitCode, output) = await Published.RunAsync(
            Bicep(), "snapshot", parameterFile, "--subscription-id", "00000000-0000-0000-0000-000000000001", "--tenant-id", "00000000-0000-0000-0000-000000000002", "--location", "eastus");
        Assert.True(exitCode == 0, output);
        using var snapshot = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.ChangeExtension(parameterFile, ".snapshot.json"), TestContext.Current.CancellationToken));
        return [.. snapshot.RootElement.GetProperty("predictedResources").EnumerateArray().Select(r => r.Clone())];
    }

    /// <summary>The bicep binary from the Azure.Bicep.CommandLine.linux-x64 package, made executable.</summary>
    private static string Bicep()
    {
        Assert.SkipUnless(
            OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64,
            "The Bicep CLI package referenced here is for linux-x64.");
        var path = typeof(InfrastructureTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value!;
        Assert.True(File.Exists(path), $"No bicep CLI at {path}; restore the test project.");
        // NuGet does not keep the executable bit when it extracts a package.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        }

        return path;
    }
}
