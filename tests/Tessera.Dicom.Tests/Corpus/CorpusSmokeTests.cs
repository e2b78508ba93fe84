using Tessera.Dicom.IO;
using Xunit.Abstractions;

namespace Tessera.Dicom.Tests.Corpus;

public sealed class CorpusSmokeTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(CorpusFiles.All), MemberType = typeof(CorpusFiles))]
    public void Every_corpus_file_opens_or_fails_with_DicomException(string name)
    {
        try
        {
            var file = DicomFile.Open(CorpusFiles.PathOf(name));
            output.WriteLine($"{name}: {file.TransferSyntax.Uid}, {file.Dataset.Count} elements, {file.Deviations.Count} deviations");
            foreach (var deviation in file.Deviations)
            {
                output.WriteLine("  " + deviation);
            }
        }
        catch (DicomException exception)
        {
            output.WriteLine($"{name}: DicomException {exception.Message}");
        }
    }
}
