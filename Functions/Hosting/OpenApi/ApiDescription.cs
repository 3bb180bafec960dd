using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace FollowUp.Hosting.OpenApi;

/// <summary>The serialized OpenAPI document, built on its first request (not at start-up) and kept.</summary>
internal sealed class ApiDescription(IOptions<JsonOptions> json)
{
    private readonly Lazy<byte[]> _utf8 = new(() =>
        JsonSerializer.SerializeToUtf8Bytes(ApiDocument.Build(FunctionCatalog.Http, json.Value.SerializerOptions)));

    public byte[] Utf8 => _utf8.Value;
}
