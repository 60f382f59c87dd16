namespace PartnershipPortal.Web.Commands;

/// <summary>Commands of the portal's executable, run instead of the web app: <c>dotnet run -- generate ...</c>.</summary>
public static class PortalCommands
{
    public static async Task<bool> TryRunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] != GenerateCommand.Name)
        {
            return false;
        }

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        Environment.ExitCode = await GenerateCommand.RunAsync(args[1..], Console.Out, cancellation.Token);
        return true;
    }
}
