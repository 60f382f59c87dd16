using System.Runtime.CompilerServices;

namespace PartnershipPortal.BrowserTests;

internal static class TestProcessSettings
{
    /// <summary>
    /// Every portal a test starts would watch its content root and settings files with inotify: dozens of portals at
    /// once, next to another test run or a build, exhaust the machine's 128 inotify instances per user and the next
    /// portal fails to start. Nothing in a test edits those files, so polling (which costs no inotify instance) is enough.
    /// </summary>
    [ModuleInitializer]
    internal static void Initialize() => Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
}
