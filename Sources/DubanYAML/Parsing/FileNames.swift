/// File and folder names, which the file system keeps as bytes, read as text. A name written on
/// a Chinese Windows system and unpacked here is often GBK, not UTF-8, and no `String` holds it.
public enum FileNames {
    /// A name as text: the name itself where it is valid UTF-8 (`isUTF8`); else each byte outside
    /// a valid UTF-8 sequence written as `\xNN`, and whether the first such bytes read as GBK.
    public static func text(of bytes: [UInt8]) -> (text: String, isUTF8: Bool, looksGBK: Bool) {
        if let text = String(validating: bytes, as: UTF8.self) { return (text, true, false) }
        var text = "", rest = bytes[...], looksGBK: Bool?
        while let bad = SourceText.scanUTF8(rest).invalid {
            text += String(decoding: rest[..<bad], as: UTF8.self) + "\\x" + SourceText.hex(rest[bad])
            if looksGBK == nil { looksGBK = SourceText.looksLikeGBK(rest, at: bad) }
            rest = rest[(bad + 1)...]
        }
        return (text + String(decoding: rest, as: UTF8.self), false, looksGBK ?? false)
    }
}
