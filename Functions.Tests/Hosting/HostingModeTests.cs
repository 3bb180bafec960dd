namespace FollowUp.Tests.Hosting;

/// <summary>The executable knows which mode to run in from how it was started.</summary>
[Trait("Category", "Unit")]
public sealed class HostingModeTests
{
    [Theory]
    [InlineData(true, "--host", "127.0.0.1", "--port", "5000", "--functions-uri", "http://127.0.0.1:5000/", "--functions-worker-id", "w")]
    [InlineData(true, "--functions-uri=http://127.0.0.1:5000/")]
    [InlineData(false)]
    [InlineData(false, "--urls", "http://localhost:7071")]
    [InlineData(false, "--environment", "Development")]
    public void The_functions_host_is_recognised_by_its_command_line(bool underHost, params string[] args) =>
        Assert.Equal(underHost, HostingMode.IsStartedByFunctionsHost(args));
}
