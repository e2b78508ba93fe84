using Tessera.Interop.Tests.Support;

namespace Tessera.Interop.Tests;

/// <summary>
/// A second, independent SCU: dcmjs-dimse (JavaScript, no DCMTK code) through tests/interop/dimse-check.js.
/// `tessera receive` serves Verification and Storage only, so the script's c-find steps fail by design
/// (they run against `tessera serve`); the c-echo and c-store step lines are what is asserted.
/// </summary>
public sealed class DcmjsDimseInteropTests
{
    /// <summary>
    /// dimse-check.js's own verdict. Regression: after A-RELEASE-RP dcmjs-dimse waits for the acceptor to close
    /// the connection (DCMTK's SCPs do), so Tessera.Dimse closes it after AR-4 instead of waiting in Sta13.
    /// The file has no private elements, because dcmjs drops private groups when it re-encodes a dataset.
    /// </summary>
    [Fact]
    public async Task DimseCheckEchoesAndStoresIntoReceive()
    {
        var script = Path.Combine(Repository.InteropScripts, "dimse-check.js");
        Assert.True(
            Directory.Exists(Path.Combine(Repository.InteropScripts, "node_modules", "dcmjs-dimse")),
            "tests/interop/node_modules is missing: ./test.sh runs `npm ci` there (or run it by hand)");
        await using var receive = await TesseraReceive.StartAsync("--aet", "TESSERA");
        var corpusFile = Repository.Corpus("mr_small_evrle.dcm");
        var (_, output) = await ExternalProcess.RunAsync("node", [script, "127.0.0.1", receive.PortText, "TESSERA", "--timeout", "5000", "--file", corpusFile]);

        Assert.Matches(@"(?m)^PASS c-echo \(\d+ ms\): status 0x0000", output);
        Assert.Matches(@"(?m)^PASS c-store \(\d+ ms\): 1 instance\(s\)", output);
        var received = Assert.Single(receive.Files);
        Assert.Equal("1.3.6.1.4.1.5962.1.1.4.1.1.20040826185059.5457.dcm", received.Name);
        // dcmjs re-encodes what it sends (DS "80.0000" becomes "80"), so compare what it must keep: the
        // identifying attributes and the pixel data element as dcmdump prints it.
        var original = (await Dcmdump.DataSetAsync(corpusFile)).Split('\n');
        var stored = (await Dcmdump.DataSetAsync(received.FullName)).Split('\n');
        foreach (var tag in new[] { "(0008,0018)", "(0010,0010)", "(0010,0020)", "(0020,000d)", "(7fe0,0010)" })
        {
            Assert.Equal(original.Single(line => line.StartsWith(tag, StringComparison.OrdinalIgnoreCase)), stored.Single(line => line.StartsWith(tag, StringComparison.OrdinalIgnoreCase)));
        }
    }

    /// <summary>
    /// dcmjs-dimse proposes an asynchronous operations window of 8 (PS3.7 D.3.3.3; tests/interop/async-store.js, Tessera's
    /// own script): it parses the answer `tessera receive` gives — 8 operations it may invoke, 1 the receiver invokes on it —
    /// and its stores succeed. (dcmjs-dimse 0.3.3 negotiates the window but sends one request at a time.)
    /// </summary>
    [Fact]
    public async Task DcmjsNegotiatesAnAsynchronousOperationsWindowWithReceive()
    {
        Assert.True(Directory.Exists(Path.Combine(Repository.InteropScripts, "node_modules", "dcmjs-dimse")), "tests/interop/node_modules is missing: run ./test.sh");
        await using var receive = await TesseraReceive.StartAsync();
        var (exit, output) = await ExternalProcess.RunAsync("node", [Path.Combine(Repository.InteropScripts, "async-store.js"), "127.0.0.1", receive.PortText, "TESSERA", "8", Repository.Corpus("mr_small_evrle.dcm"), Repository.Corpus("ct_small_evrle.dcm")]);

        Assert.True(exit == 0, output);
        Assert.Contains("window answered: invoked 8 performed 1", output, StringComparison.Ordinal);
        Assert.Contains("2 of 2 stored", output, StringComparison.Ordinal);
        Assert.Equal(2, receive.Files.Length);
    }

    /// <summary>
    /// What dcmjs-dimse itself logs (--verbose): C-ECHO and C-STORE
    /// get Success responses, and the generated instance is on disk as a Part 10 file dcmdump reads.
    /// </summary>
    [Fact]
    public async Task DcmjsGetsSuccessResponsesAndTheInstanceIsStoredAsPart10()
    {
        Assert.True(Directory.Exists(Path.Combine(Repository.InteropScripts, "node_modules", "dcmjs-dimse")), "tests/interop/node_modules is missing: run ./test.sh");
        await using var receive = await TesseraReceive.StartAsync();
        var (_, output) = await ExternalProcess.RunAsync("node", [Path.Combine(Repository.InteropScripts, "dimse-check.js"), "127.0.0.1", receive.PortText, "ANY-SCP", "--timeout", "5000", "--verbose"]);

        Assert.Matches(@"<- C-ECHO RSP \[HasDataset: false\] \[id: 1; status: Success\]", output);
        Assert.Matches(@"<- C-STORE RSP \[HasDataset: false\] \[id: 1; status: Success\]", output);
        var received = Assert.Single(receive.Files);
        var (exit, dump) = await ExternalProcess.DcmtkAsync("dcmdump", "-M", received.FullName);
        Assert.True(exit == 0, dump);
        Assert.Contains("Dcmjs^Interop", dump, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileNameWithoutExtension(received.Name), dump, StringComparison.Ordinal);
    }
}
