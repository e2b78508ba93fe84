namespace Tessera.Cli.Dump;

internal enum DumpFormat
{
    Text,
    Json,
    Xml,
}
