using System.Globalization;
using System.Text;
using Tessera.Interop.Tests.Support;

namespace Tessera.Interop.Tests;

/// <summary>DCMTK's echoscu and storescu (the reference SCUs) against `tessera receive`.</summary>
public sealed class ReceiveInteropTests
{
    /// <summary>
    /// Transfer syntaxes of the corpus that DCMTK 3.6.7 does not know (HTJ2K, Deflated Image Frame Compression
    /// of 2024): storescu cannot send them, so no third-party client here can.
    /// </summary>
    private static readonly HashSet<string> UnknownToDcmtk = ["1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.8.1"];

    /// <summary>Files storescu refuses to send: its SOP Class/Instance UIDs are encoded with VR UN, which DCMTK does not look into.</summary>
    private static readonly HashSet<string> UnreadableByStorescu = ["ct_j2k_explicit_un.dcm"];

    [DcmtkFact]
    public async Task EchoscuGetsSuccess()
    {
        await using var receive = await TesseraReceive.StartAsync();
        var (exit, output) = await ExternalProcess.DcmtkAsync("echoscu", "-v", "--repeat", "3", "-aet", "ECHOSCU", "127.0.0.1", receive.PortText);
        Assert.True(exit == 0, output);
        Assert.Equal(3, output.Split("Received Echo Response (Success)").Length - 1);
    }

    [DcmtkFact]
    public async Task EchoscuCallingAnotherAETitleIsRejectedWhenAetIsSet()
    {
        await using var receive = await TesseraReceive.StartAsync("--aet", "TESSERA");
        var (exit, output) = await ExternalProcess.DcmtkAsync("echoscu", "-aec", "NOBODY", "127.0.0.1", receive.PortText);
        Assert.NotEqual(0, exit);
        Assert.Contains("Called AE Title Not Recognized", output, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// One file per transfer syntax of the corpus, sent by one storescu association that proposes one presentation
    /// context per (SOP class, transfer syntax), each with that syntax only, so the receiver must accept every one
    /// as it is: each file arrives in its own syntax, and dcmdump prints the same data set for it and its original.
    /// </summary>
    [DcmtkFact]
    public async Task StorescuSendsEveryCorpusTransferSyntaxOnOneAssociation()
    {
        var files = CorpusManifest.Entries
            .Where(e => e.DcmdumpReads && e.SopClassUid.Length > 0 && e.TransferSyntaxUid.Length > 0 && e.SopInstanceUid.Length > 0 && !UnknownToDcmtk.Contains(e.TransferSyntaxUid) && !UnreadableByStorescu.Contains(e.File)
                && System.Text.RegularExpressions.Regex.IsMatch(e.SopInstanceUid, @"^[0-9]+(\.[0-9]+)*$"))
            .GroupBy(e => e.TransferSyntaxUid)
            .Select(g => g.First())
            .ToArray();
        Assert.True(files.Length >= 12, $"the corpus should hold a dozen transfer syntaxes, found {files.Length}");
        Assert.Equal(files.Length, files.Select(f => f.SopInstanceUid).Distinct().Count());

        await using var receive = await TesseraReceive.StartAsync();
        var config = Path.Combine(receive.OutputDirectory.FullName, "..", $"storescu-{Guid.NewGuid():N}.cfg");
        await File.WriteAllTextAsync(config, StorescuConfig(files.Select(f => (f.SopClassUid, f.TransferSyntaxUid))));
        try
        {
            var (exit, output) = await ExternalProcess.DcmtkAsync("storescu", ["-v", "-xf", config, "Every", "127.0.0.1", receive.PortText, .. files.Select(f => Repository.Corpus(f.File))]);
            Assert.True(exit == 0, output);
            Assert.Single(output.Split("Association Accepted").Skip(1));
        }
        finally
        {
            File.Delete(config);
        }

        foreach (var file in files)
        {
            var received = Path.Combine(receive.OutputDirectory.FullName, file.SopInstanceUid + ".dcm");
            Assert.True(File.Exists(received), $"{file.File} ({file.TransferSyntaxUid}) not received; receive said:\n{receive.Process.Output}");
            Assert.Equal(file.TransferSyntaxUid, await TransferSyntaxUidAsync(received));
            Assert.Equal(await Dcmdump.DataSetAsync(Repository.Corpus(file.File)), await Dcmdump.DataSetAsync(received));
        }
    }

    /// <summary>
    /// A scanner's private object (Siemens CSA Non-Image, 1.3.12.2.1107.5.9.1), which no list of storage classes holds:
    /// storescu proposes it from an association profile, and it arrives whole.
    /// </summary>
    [DcmtkFact]
    public async Task StorescuSendsAPrivateSopClass()
    {
        const string csaNonImage = "1.3.12.2.1107.5.9.1";
        await using var receive = await TesseraReceive.StartAsync();
        var work = Path.Combine(receive.OutputDirectory.FullName, "..", $"private-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            var file = Path.Combine(work, "csa.dcm");
            File.Copy(Repository.Corpus("ct_small_evrle.dcm"), file);
            var (exit, output) = await ExternalProcess.DcmtkAsync("dcmodify", "-nb", "-i", $"(0008,0016)={csaNonImage}", file);
            Assert.True(exit == 0, output);
            var config = Path.Combine(work, "storescu.cfg");
            await File.WriteAllTextAsync(config, StorescuConfig([(csaNonImage, "1.2.840.10008.1.2.1")]));

            (exit, output) = await ExternalProcess.DcmtkAsync("storescu", "-v", "-xf", config, "Every", "127.0.0.1", receive.PortText, file);

            Assert.True(exit == 0, output);
            var received = Assert.Single(receive.Files);
            Assert.Equal(await Dcmdump.DataSetAsync(file), await Dcmdump.DataSetAsync(received.FullName));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>storescu's own proposal switches: -xs (JPEG lossless next to the uncompressed syntaxes), -xi, -xd.</summary>
    [DcmtkTheory]
    [InlineData("-xs", "mr_qa_5_jpll70.dcm", "1.2.840.10008.1.2.4.70")]
    [InlineData("-xi", "rtdose_15frame.dcm", "1.2.840.10008.1.2")]
    [InlineData("-xe", "ct_small_evrle.dcm", "1.2.840.10008.1.2.1")]
    [InlineData("-xr", "mr_qa_4_rle.dcm", "1.2.840.10008.1.2.5")]
    public async Task StorescuProposalSwitches(string proposal, string name, string expectedTransferSyntax)
    {
        await using var receive = await TesseraReceive.StartAsync();
        var (exit, output) = await ExternalProcess.DcmtkAsync("storescu", proposal, "127.0.0.1", receive.PortText, Repository.Corpus(name));
        Assert.True(exit == 0, output);
        var received = Assert.Single(receive.Files);
        Assert.Equal(expectedTransferSyntax, await TransferSyntaxUidAsync(received.FullName));
        Assert.Equal(await Dcmdump.DataSetAsync(Repository.Corpus(name)), await Dcmdump.DataSetAsync(received.FullName));
    }

    /// <summary>ct_jpll_bad_sequence.dcm's SOP Instance UID is hex, not a UID (PS3.5 9.1): it would name a file, so receive refuses it.</summary>
    [DcmtkFact]
    public async Task InstanceWithAnInvalidUidIsRefusedAndNotWritten()
    {
        await using var receive = await TesseraReceive.StartAsync();
        var (exit, output) = await ExternalProcess.DcmtkAsync("storescu", "-v", "-xs", "127.0.0.1", receive.PortText, Repository.Corpus("ct_jpll_bad_sequence.dcm"));
        Assert.NotEqual(0, exit);
        Assert.Contains("Store Response (Error: CannotUnderstand)", output, StringComparison.Ordinal);
        Assert.Empty(receive.OutputDirectory.GetFiles());
    }

    [DcmtkFact]
    public async Task SigtermStopsReceiveGracefully()
    {
        var receive = await TesseraReceive.StartAsync();
        try
        {
            Assert.True(await receive.Process.TerminateAsync(TimeSpan.FromSeconds(10)), receive.Process.Output);
            Assert.Equal(0, receive.Process.ExitCode);
            Assert.Contains("stopping", receive.Process.Output, StringComparison.Ordinal);
        }
        finally
        {
            await receive.DisposeAsync();
        }
    }

    private static async Task<string> TransferSyntaxUidAsync(string path)
    {
        var (_, output) = await ExternalProcess.DcmtkAsync("dcmdump", "-M", "-Un", "+P", "0002,0010", path);
        var start = output.IndexOf('[', StringComparison.Ordinal);
        return output[(start + 1)..output.IndexOf(']', start + 1)].TrimEnd('\0');
    }

    /// <summary>A storescu configuration (DCMTK's storescu.cfg format) with a profile "Every": one context per (SOP class, syntax), that syntax alone.</summary>
    private static string StorescuConfig(IEnumerable<(string SopClass, string TransferSyntax)> contexts)
    {
        var list = contexts.Distinct().ToArray();
        var text = new StringBuilder("[[TransferSyntaxes]]\n");
        var syntaxes = list.Select(c => c.TransferSyntax).Distinct().ToList();
        foreach (var (syntax, i) in syntaxes.Select((s, i) => (s, i)))
        {
            text.Append(CultureInfo.InvariantCulture, $"[TS{i}]\nTransferSyntax1 = {syntax}\n");
        }

        text.Append("[[PresentationContexts]]\n[Contexts]\n");
        foreach (var (context, i) in list.Select((c, i) => (c, i)))
        {
            text.Append(CultureInfo.InvariantCulture, $"PresentationContext{i + 1} = {context.SopClass}\\TS{syntaxes.IndexOf(context.TransferSyntax)}\n");
        }

        text.Append("[[Profiles]]\n[Every]\nPresentationContexts = Contexts\n");
        return text.ToString();
    }
}
