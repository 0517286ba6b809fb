namespace Marketplace.Web.Loads;

/// <summary>Why an upload is not queued for loading; the upload page says each in its own words.</summary>
public enum UploadRefusal
{
    None,
    /// <summary>The request carried no file.</summary>
    NoFile,
    Empty,
    TooLarge,
    /// <summary>Not one of the formats the loader reads, nor a .zip.</summary>
    UnknownFormat,
    /// <summary>A .zip with no file the loader can read.</summary>
    ZipNothingLoadable,
    /// <summary>A .zip entry named outside the folder it is expanded into (../, an absolute path, a drive).</summary>
    ZipUnsafePath,
    /// <summary>A .zip that expands beyond <see cref="LoadsOptions.MaxZipExpandedBytes"/> or compresses implausibly well.</summary>
    ZipBomb,
    ZipTooManyFiles,
    /// <summary>A .zip whose directory cannot be read.</summary>
    ZipDamaged,
}

public static class UploadRefusals
{
    /// <summary>The code in the upload page's URL (<c>?refused=too-large</c>).</summary>
    public static string Code(UploadRefusal refusal) => refusal switch
    {
        UploadRefusal.NoFile => "no-file",
        UploadRefusal.Empty => "empty",
        UploadRefusal.TooLarge => "too-large",
        UploadRefusal.UnknownFormat => "unknown-format",
        UploadRefusal.ZipNothingLoadable => "zip-nothing-loadable",
        UploadRefusal.ZipUnsafePath => "zip-unsafe-path",
        UploadRefusal.ZipBomb => "zip-bomb",
        UploadRefusal.ZipTooManyFiles => "zip-too-many-files",
        UploadRefusal.ZipDamaged => "zip-damaged",
        _ => "",
    };

    public static UploadRefusal Parse(string? code) =>
        Enum.GetValues<UploadRefusal>().FirstOrDefault(r => r != UploadRefusal.None && Code(r) == code);
}
