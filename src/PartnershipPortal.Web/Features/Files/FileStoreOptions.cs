namespace PartnershipPortal.Web.Features.Files;

public enum FileStorage
{
    /// <summary>A folder outside the web root (Files:Root).</summary>
    Disk,

    /// <summary>The database (StoredFileContents): several instances need no shared disk.</summary>
    Database,
}

/// <summary>The "Files" section of the configuration.</summary>
public sealed class FileStoreOptions
{
    public FileStorage Store { get; set; } = FileStorage.Disk;

    /// <summary>Folder of the files in Disk mode; relative paths are under the content root.</summary>
    public string Root { get; set; } = "App_Data/files";

    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>An Office or ODT archive inflating beyond this is refused as a zip bomb.</summary>
    public long MaxInflatedBytes { get; set; } = 100 * 1024 * 1024;

    public int MaxArchiveEntries { get; set; } = 2000;

    /// <summary>Days a deleted file is kept before its content is purged.</summary>
    public int RetentionDays { get; set; } = 30;
}
