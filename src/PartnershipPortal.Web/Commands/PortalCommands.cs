namespace PartnershipPortal.Web.Commands;

/// <summary>Commands of the portal's executable, run instead of the web app: <c>dotnet run -- generate ...</c>, <c>backup --to FILE</c>, <c>healthcheck</c>.</summary>
public static class PortalCommands
{
    public static async Task<bool> TryRunAsync(string[] args)
    {
        Func<string[], TextWriter, CancellationToken, Task<int>>? command = args.Length == 0 ? null : args[0] switch
        {
            GenerateCommand.Name => GenerateCommand.RunAsync,
            BackupCommand.Name => BackupCommand.RunAsync,
            HealthCheckCommand.Name => HealthCheckCommand.RunAsync,
            _ => null,
        };
        if (command is null)
        {
            return false;
        }

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        Environment.ExitCode = await command(args[1..], Console.Out, cancellation.Token);
        return true;
    }
}
