using System.Globalization;
using Tessera.Server.Tests.Support;

namespace Tessera.Server.Tests;

/// <summary>
/// Storage SOP classes PS3.6 does not list (Tessera:Dicom:AcceptUnlistedStorageSopClasses): a scanner's private object
/// (Siemens CSA Non-Image) and a class of a later edition, beside a retired one the registry lists. storescu with an
/// association profile stores them, findscu finds them, movescu sends them to a storescp that takes them, and
/// `tessera get` fetches them, having asked the server for the study's SOP Classes in Study first (the server takes the
/// SCP role's contexts for every class it stores, retired ones too); each arrives as it was sent. Turned off, their
/// contexts are refused.
/// </summary>
public sealed class UnlistedSopClassTests
{
    private const string CsaNonImage = "1.3.12.2.1107.5.9.1";
    private const string LaterEdition = "1.2.840.10008.5.1.4.1.1.9999.1";
    private const string RetiredUltrasound = "1.2.840.10008.5.1.4.1.1.6";
    private const string Destination = "PRIVATESCP";

    /// <summary>The DCMTK association profile (storescu -xf, storescp -xf) proposing and accepting the three classes.</summary>
    private const string Profile = """
        [[TransferSyntaxes]]
        [Uncompressed]
        TransferSyntax1 = LittleEndianExplicit
        TransferSyntax2 = LittleEndianImplicit
        [[PresentationContexts]]
        [Unlisted]
        PresentationContext1 = 1.3.12.2.1107.5.9.1\Uncompressed
        PresentationContext2 = 1.2.840.10008.5.1.4.1.1.9999.1\Uncompressed
        PresentationContext3 = 1.2.840.10008.5.1.4.1.1.6\Uncompressed
        [[Profiles]]
        [Unlisted]
        PresentationContexts = Unlisted
        """;

    [DcmtkFact]
    public async Task PrivateAndLaterEditionClassesAreStoredFoundMovedAndFetched()
    {
        var work = Directory.CreateTempSubdirectory("tessera-unlisted-");
        try
        {
            var (profile, files) = await PrepareAsync(work);
            var port = Text(Dcmtk.FreePort());
            var movePort = Dcmtk.FreePort();
            using var serve = ServeProcess.Start(["--data", Path.Combine(work.FullName, "data"), "--dicom-port", port, "--peer", $"{Destination}=127.0.0.1:{Text(movePort)}"]);
            Assert.True(await serve.WaitReadyAsync(), serve.Output);

            var (exit, log) = await Dcmtk.RunAsync("storescu", ["-v", "-xf", profile, "Unlisted", "-aec", "TESSERA", "127.0.0.1", port, .. files.Values]);
            Assert.True(exit == 0, log);
            Assert.Equal(3, CountOf(log, "Received Store Response (Success)"));

            var found = Directory.CreateDirectory(Path.Combine(work.FullName, "found"));
            (exit, log) = await Dcmtk.RunAsync("findscu", "-S", "-X", "-od", found.FullName, "-aec", "TESSERA", "-k", "QueryRetrieveLevel=IMAGE",
                "-k", $"StudyInstanceUID={Study}", "-k", "SOPClassUID", "-k", "SOPInstanceUID", "127.0.0.1", port);
            Assert.True(exit == 0, log);
            var answers = await Task.WhenAll(found.GetFiles().Select(f => Dcmtk.RunAsync("dcmdump", "-Un", "+P", "SOPClassUID", f.FullName)));
            Assert.Equal(
                files.Keys.Select(sopClass => $"[{sopClass}]").Order(StringComparer.Ordinal),
                answers.Select(a => a.Output[a.Output.IndexOf('[', StringComparison.Ordinal)..(a.Output.IndexOf(']', StringComparison.Ordinal) + 1)]).Order(StringComparer.Ordinal));

            var moved = Directory.CreateDirectory(Path.Combine(work.FullName, "moved"));
            using (var storescp = Dcmtk.Start("storescp", "-xf", profile, "Unlisted", "-aet", Destination, "-od", moved.FullName, Text(movePort)))
            {
                try
                {
                    await Dcmtk.WaitForListenerAsync(movePort);
                    (exit, log) = await Dcmtk.RunAsync("movescu", "-v", "-S", "-aec", "TESSERA", "-aem", Destination,
                        "-k", "QueryRetrieveLevel=STUDY", "-k", $"StudyInstanceUID={Study}", "127.0.0.1", port);
                }
                finally
                {
                    storescp.Kill();
                    await storescp.WaitForExitAsync();
                }
            }

            Assert.True(exit == 0, log);
            Assert.Contains("Received Final Move Response (Success)", log, StringComparison.Ordinal);
            await AssertSameAsync(files, moved);

            var fetched = Path.Combine(work.FullName, "fetched");
            using (var get = ServeProcess.StartVerb(["get", "--aec", "TESSERA", "--out", fetched,
                "-k", $"StudyInstanceUID={Study}", "127.0.0.1", port]))
            {
                Assert.True(await get.WaitForExitAsync(TimeSpan.FromSeconds(60)), get.Output);
                Assert.True(get.ExitCode == 0, get.Output);
            }

            await AssertSameAsync(files, new DirectoryInfo(fetched));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [DcmtkFact]
    public async Task TurnedOffUnlistedClassesAreRefusedAndTheListedOnesStillStored()
    {
        var work = Directory.CreateTempSubdirectory("tessera-unlisted-off-");
        try
        {
            var (profile, files) = await PrepareAsync(work);
            var port = Text(Dcmtk.FreePort());
            using var serve = ServeProcess.Start(
                ["--data", Path.Combine(work.FullName, "data"), "--dicom-port", port],
                new Dictionary<string, string> { ["Tessera__Dicom__AcceptUnlistedStorageSopClasses"] = "false" });
            Assert.True(await serve.WaitReadyAsync(), serve.Output);

            var (_, log) = await Dcmtk.RunAsync("storescu", "-v", "-xf", profile, "Unlisted", "-aec", "TESSERA", "127.0.0.1", port, files[RetiredUltrasound], files[CsaNonImage]);

            Assert.Contains("No presentation context for: (unknown SOP class) " + CsaNonImage, log, StringComparison.Ordinal);
            Assert.Equal(1, CountOf(log, "Received Store Response (Success)"));
            Assert.Single(Directory.GetFiles(Path.Combine(work.FullName, "data", "files"), "*.dcm", SearchOption.AllDirectories));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>The study of ct_small_evrle.dcm, which the three instances keep.</summary>
    private static string Study { get; } = "1.3.6.1.4.1.5962.1.2.1.20040119072730.12322";

    /// <summary>The profile file, and one instance of each class (ct_small_evrle.dcm with its SOP class and instance changed by dcmodify).</summary>
    private static async Task<(string Profile, Dictionary<string, string> Files)> PrepareAsync(DirectoryInfo work)
    {
        var profile = Path.Combine(work.FullName, "unlisted.cfg");
        await File.WriteAllTextAsync(profile, Profile);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var sopClass in new[] { CsaNonImage, LaterEdition, RetiredUltrasound })
        {
            var file = Path.Combine(work.FullName, $"unlisted{++number}.dcm");
            File.Copy(Dcmtk.Corpus("ct_small_evrle.dcm"), file);
            var (exit, log) = await Dcmtk.RunAsync("dcmodify", "-nb", "-i", $"(0008,0016)={sopClass}", "-i", $"(0008,0018)=1.2.826.0.1.3680043.2.1143.{number}", file);
            Assert.True(exit == 0, log);
            files[sopClass] = file;
        }

        return (profile, files);
    }

    private static async Task AssertSameAsync(Dictionary<string, string> files, DirectoryInfo received)
    {
        var arrived = received.GetFiles();
        Assert.Equal(files.Count, arrived.Length);
        var expected = await Task.WhenAll(files.Values.Select(f => Dcmtk.DumpDataSetAsync(f)));
        var actual = await Task.WhenAll(arrived.Select(f => Dcmtk.DumpDataSetAsync(f.FullName)));
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
    }

    private static int CountOf(string text, string value) => (text.Length - text.Replace(value, string.Empty, StringComparison.Ordinal).Length) / value.Length;

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
