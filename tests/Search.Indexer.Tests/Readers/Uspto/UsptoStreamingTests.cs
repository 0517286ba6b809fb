using Search.Indexer.Readers.Uspto;
using Search.Indexer.Tests.Support;

namespace Search.Indexer.Tests.Readers.Uspto;

/// <summary>A weekly file is read one document at a time: memory follows the largest document, not the file.</summary>
[Collection(MemoryMeasurement.Name)]
public class UsptoStreamingTests
{
    [Fact]
    public void Read_large_file_of_repeated_real_grants_keeps_live_memory_far_below_the_file_size()
    {
        var document = File.ReadAllBytes(UsptoSamples.PathOf("ipg100824-hyphenated.xml"));
        var linesPerDocument = document.Count(b => b == (byte)'\n');
        const int copies = 1700; // ~166 MB
        using var temp = new TempFolder();
        var path = temp.File("ipg-large.xml");
        using (var output = File.Create(path))
            for (var i = 0; i < copies; i++) output.Write(document);
        var fileSize = new FileInfo(path).Length;

        // Grows from what the process already holds (other tests' caches, the IPC scheme …).
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peakLive = 0;
        var count = 0;
        long lastLine = 0;
        using (var input = File.OpenRead(path))
        {
            foreach (var result in new UsptoXmlReader().Read(input, "ipg-large.xml"))
            {
                Assert.NotNull(result.Record);
                count++;
                lastLine = result.Record.Provenance[0].Line!.Value;
                // A full collection every 200 documents measures what the reader keeps alive.
                if (count % 200 == 0) peakLive = Math.Max(peakLive, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }
        }

        Assert.True(fileSize > 150_000_000, $"the test file is {fileSize:N0} bytes");
        Assert.Equal(copies, count);
        Assert.Equal(1 + (long)(copies - 1) * linesPerDocument, lastLine);
        Assert.True(peakLive < 40_000_000, $"live managed memory grew by {peakLive:N0} bytes reading a {fileSize:N0}-byte file");
    }
}
