namespace PartnershipPortal.BrowserTests.Infrastructure;

/// <summary>The mails the portal writes to Email:PickupDirectory, read as they arrive.</summary>
public static class Mailbox
{
    /// <summary>
    /// The one mail written for <paramref name="email"/> that contains <paramref name="containing"/>. The watcher is set
    /// up before the folder is read, so a mail written in between is seen either way; no sleeping and polling.
    /// </summary>
    public static async Task<string> MailToAsync(PortalServer server, string email, string containing)
    {
        Directory.CreateDirectory(server.MailFolder);
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watcher = new FileSystemWatcher(server.MailFolder, "*.eml") { EnableRaisingEvents = true };
        watcher.Created += (_, _) => written.TrySetResult();
        watcher.Changed += (_, _) => written.TrySetResult();
        // The portal writes each mail under a temporary name and renames it: the rename is the event that counts.
        watcher.Renamed += (_, _) => written.TrySetResult();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var mails = Directory.GetFiles(server.MailFolder, "*.eml").Select(ReadShared)
                .Where(m => m.Contains($"To: {email}", StringComparison.Ordinal) && m.Contains(containing, StringComparison.Ordinal)).ToList();
            if (mails.Count > 0)
            {
                return Assert.Single(mails);
            }

            try
            {
                await written.Task.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException($"No mail to {email} containing {containing} in {server.MailFolder} after 30 s");
            }

            written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
