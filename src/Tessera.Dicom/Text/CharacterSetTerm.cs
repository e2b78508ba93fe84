namespace Tessera.Dicom.Text;

/// <summary>
/// One Defined Term of Specific Character Set (0008,0005) as listed in PS3.3 Tables C.12-2 to C.12-5:
/// what it designates into G0 and G1, or the code page used for a whole value.
/// </summary>
/// <param name="DefinedTerm">The term exactly as PS3.3 spells it ("" for an empty first value).</param>
/// <param name="CodeExtensions">True for the "ISO 2022 ..." terms, which may be switched by escape sequences.</param>
/// <param name="G0">The set designated into G0, or null when the term designates only G1.</param>
/// <param name="G1">The set designated into G1 (invoked into GR), or null.</param>
/// <param name="Whole">A code page for the whole value, for ISO_IR 192, GB18030 and GBK.</param>
internal sealed record CharacterSetTerm(
    string DefinedTerm,
    bool CodeExtensions,
    GraphicSet? G0,
    GraphicSet? G1,
    WholeValueEncoding Whole = WholeValueEncoding.None);
