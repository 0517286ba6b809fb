using System.Diagnostics;

namespace Marketplace.Web.Tests.Valuation;

/// <summary>The text of a PDF as pdftotext (poppler-utils, installed by test.sh) reads it, lines kept as laid out.</summary>
internal static class PdfText
{
    public static string Of(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"valuation-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, "pdftotext failed: " + process.StandardError.ReadToEnd());
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
