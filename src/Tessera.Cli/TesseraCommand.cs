using System.CommandLine;
using Tessera.Cli.Check;
using Tessera.Cli.Dump;
using Tessera.Cli.Import;
using Tessera.Cli.Network.Echo;
using Tessera.Cli.Network.Find;
using Tessera.Cli.Network.Get;
using Tessera.Cli.Network.Move;
using Tessera.Cli.Network.Receive;
using Tessera.Cli.Network.Store;
using Tessera.Cli.Pixels;
using Tessera.Cli.Serve;

namespace Tessera.Cli;

/// <summary>The `tessera` root command: one verb per job, each in its own file.</summary>
public static class TesseraCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Tessera: an open-source PACS and DICOM toolkit.")
        {
            DumpCommand.Create(),
            PixelsCommand.Create(),
            ImportCommand.Create(),
            CheckCommand.Create(),
            ServeCommand.Create(),
            EchoCommand.Create(),
            ReceiveCommand.Create(),
            StoreCommand.Create(),
            FindCommand.Create(),
            MoveCommand.Create(),
            GetCommand.Create(),
        };
        return root;
    }
}
