using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Marketplace.Web.Tests.Support;

namespace Marketplace.Web.Tests.Faults;

/// <summary>Data and requests the fault scenarios share: a large export to load, uploading it, counting what search finds.</summary>
internal static class FaultData
{
    public const string Operator = "operator@demo.patent-marketplace.local";

    /// <summary>
    /// The repository's Chinese export (61 columns) stretched to <paramref name="rows"/> records of one applicant of its
    /// own, each with its own application and publication numbers, so the index must hold exactly that many afterwards.
    /// </summary>
    public static byte[] Export(int rows, string applicant, int firstNumber = 0)
    {
        var lines = File.ReadAllText(Path.Combine(RepositoryPaths.Samples, "cn-export", "cn_export_utf8_bom.csv"), Encoding.UTF8)
            .TrimStart('\uFEFF').Replace("\r", "", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var templates = lines.Skip(1).Select(l => l.Split(',')).Where(c => c.Length == 61).ToList();
        var text = new StringBuilder(lines[0]).Append('\n');
        for (var i = 0; i < rows; i++)
        {
            var c = (string[])templates[i % templates.Count].Clone();
            var n = firstNumber + i;
            c[0] = (i + 1).ToString(CultureInfo.InvariantCulture);
            c[4] = applicant;
            c[6] = $"CN2029{n:D8}.1";
            c[7] = $"CN3{n:D8}U";
            c[8] = c[7];
            text.Append(string.Join(',', c)).Append('\n');
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>Uploads as the load page's form does (<see cref="Loads.LoadUploads"/>); returns the load job's id.</summary>
    public static async Task<Guid> UploadAsync(SiteClient client, string fileName, byte[] content)
    {
        using var response = await Loads.LoadUploads.UploadAsync(client, fileName, content);
        return Loads.LoadUploads.JobOf(response);
    }

    /// <summary>How many patents of <paramref name="applicant"/> search finds.</summary>
    public static async Task<long> CountAsync(HttpClient http, string applicant)
    {
        using var response = await http.GetAsync("/api/v1/patents?size=1&f.applicant=" + Uri.EscapeDataString(applicant));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("total").GetInt64();
    }
}
