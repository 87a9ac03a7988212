/// File and folder names, which the file system keeps as bytes, read as text. A name written on
/// a Chinese Windows system and unpacked here is often GBK, not UTF-8, and no `String` holds it;
/// a name may also hold characters that a report must not print as they are (a line break, a
/// terminal's escape, a right-to-left override that shows the name reversed).
public enum FileNames {
    /// Why a name is not shown as it is.
    public enum Problem: Sendable, Equatable {
        /// Bytes outside valid UTF-8; whether the first of them read as GBK.
        case notUTF8(looksGBK: Bool)
        /// A C0 or C1 control character, DEL, or a bidirectional control.
        case controlCharacter
    }

    /// A name as text: the name itself where it has no problem; else each byte outside valid UTF-8
    /// written as `\xNN` and each control character as `\u{NNNN}`, and the problem (not UTF-8 first).
    public static func text(of bytes: [UInt8]) -> (text: String, problem: Problem?) {
        if let text = String(validating: bytes, as: UTF8.self), !text.unicodeScalars.contains(where: isControl) { return (text, nil) }
        var text = "", rest = bytes[...], looksGBK: Bool?, control = false
        while true {
            let bad = SourceText.scanUTF8(rest).invalid
            for scalar in String(decoding: rest[..<(bad ?? rest.endIndex)], as: UTF8.self).unicodeScalars {
                if isControl(scalar) {
                    text += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                    control = true
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
            guard let bad else { break }
            text += "\\x" + SourceText.hex(rest[bad])
            if looksGBK == nil { looksGBK = SourceText.looksLikeGBK(rest, at: bad) }
            rest = rest[(bad + 1)...]
        }
        return (text, looksGBK.map { .notUTF8(looksGBK: $0) } ?? (control ? .controlCharacter : nil))
    }

    private static func isControl(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0..<0x20, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
