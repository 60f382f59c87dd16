namespace PartnershipPortal.Web.Features.Files;

/// <summary>Why an upload was refused; each has its message in the page's language (<see cref="UploadMessages"/>).</summary>
public enum UploadProblem
{
    NoFile,
    Empty,
    TooLarge,
    Executable,
    Html,
    Svg,
    Encrypted,
    MacroEnabled,
    ArchiveTooLarge,
    UnknownType,
    ExtensionMismatch,
}

public sealed record UploadRefusal(UploadProblem Problem, string? Detail = null);

public static class UploadMessages
{
    /// <summary>French key of the message; {0} is the size limit or the detected type.</summary>
    public static string Key(UploadProblem problem) => problem switch
    {
        UploadProblem.NoFile => "Choisissez un fichier à déposer.",
        UploadProblem.Empty => "Le fichier est vide.",
        UploadProblem.TooLarge => "Le fichier dépasse la taille maximale de {0}.",
        UploadProblem.Executable => "Un programme ne peut pas être déposé, quel que soit son nom.",
        UploadProblem.Html => "Une page web (HTML) ne peut pas être déposée.",
        UploadProblem.Svg => "Une image SVG ne peut pas être déposée : utilisez PNG ou JPEG.",
        UploadProblem.Encrypted => "Le document est protégé par un mot de passe : déposez-le sans protection.",
        UploadProblem.MacroEnabled => "Un document contenant des macros ne peut pas être déposé.",
        UploadProblem.ArchiveTooLarge => "Le document se décompresse en un volume anormalement grand ; il est refusé.",
        UploadProblem.UnknownType => "Ce type de fichier n'est pas accepté : PDF, PNG, JPEG, XLSX, DOCX ou ODT seulement.",
        UploadProblem.ExtensionMismatch => "L'extension du nom ne correspond pas au contenu du fichier ({0}).",
        _ => "Le fichier est refusé.",
    };
}
