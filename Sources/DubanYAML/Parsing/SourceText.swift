/// Byte-level checks done before libyaml sees a file: size, encoding, BOM.
/// libyaml reports encoding problems as byte offsets at line 1; these checks name the real line and column.
enum SourceText {
    /// Returns the UTF-8 bytes to parse (BOM removed) or the reason they cannot be parsed.
    static func prepare(_ bytes: [UInt8], limits: YAMLLimits) -> Result<ArraySlice<UInt8>, YAMLError> {
        if bytes.count > limits.maxBytes {
            return .failure(YAMLError(
                "file is \(bytes.count) bytes, larger than the limit of \(limits.maxBytes) bytes", at: .start))
        }
        if let utf16 = utf16Kind(bytes) {
            return .failure(YAMLError("file is encoded as \(utf16); save it as UTF-8", at: .start))
        }
        var text = bytes[...]
        if text.starts(with: [0xEF, 0xBB, 0xBF]) { text = text.dropFirst(3) }
        if let bad = firstInvalidUTF8(text) {
            var message = "invalid UTF-8 (byte 0x\(hex(bytes[bad])))"
            if looksLikeGBK(text, at: bad) {
                message += "; the file looks GBK-encoded: save it as UTF-8"
            } else {
                message += "; save the file as UTF-8"
            }
            return .failure(YAMLError(message, at: mark(ofByte: bad, in: text)))
        }
        return .success(text)
    }

    private static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(b >> 4)], digits[Int(b & 0x0F)]])
    }

    private static func utf16Kind(_ b: [UInt8]) -> String? {
        if b.starts(with: [0x00, 0x00, 0xFE, 0xFF]) || b.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return "UTF-32" }
        if b.starts(with: [0xFE, 0xFF]) || b.starts(with: [0xFF, 0xFE]) { return "UTF-16" }
        // No BOM: ASCII text in UTF-16 has a NUL in every other byte.
        if b.count >= 4, (b[0] == 0 && b[1] != 0 && b[2] == 0) || (b[0] != 0 && b[1] == 0 && b[3] == 0) {
            return "UTF-16"
        }
        return nil
    }

    /// Index of the first byte that does not start a valid UTF-8 sequence, if any.
    static func firstInvalidUTF8(_ s: ArraySlice<UInt8>) -> Int? {
        s.withUnsafeBufferPointer { buffer in firstInvalidUTF8(buffer) }.map { s.startIndex + $0 }
    }

    private static func firstInvalidUTF8(_ s: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = s.baseAddress else { return nil }
        var i = 0
        while i < s.count {
            // Eight ASCII bytes at a time.
            if i + 8 <= s.count, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let b = s[i]
            let length: Int
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            switch b {
            case 0x00...0x7F: i += 1; continue
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return i
            }
            guard i + length <= s.count else { return i }
            for k in 1..<length {
                let c = s[i + k]
                let (lo, hi): (UInt8, UInt8) = k == 1 ? (lower, upper) : (0x80, 0xBF)
                if c < lo || c > hi { return i }
            }
            i += length
        }
        return nil
    }

    /// GBK double-byte characters: a lead byte 0x81–0xFE followed by 0x40–0xFE (not 0x7F).
    private static func looksLikeGBK(_ s: ArraySlice<UInt8>, at i: Int) -> Bool {
        guard i + 1 < s.endIndex else { return false }
        let lead = s[i], trail = s[i + 1]
        return (0x81...0xFE).contains(lead) && (0x40...0xFE).contains(trail) && trail != 0x7F
    }

    /// Line and column (in characters) of a byte offset into the text.
    static func mark(ofByte offset: Int, in s: ArraySlice<UInt8>) -> Mark {
        var line = 1, column = 1
        var i = s.startIndex
        let end = min(offset, s.endIndex)
        while i < end {
            let b = s[i]
            if b == 0x0A {
                line += 1; column = 1
            } else if b == 0x0D {
                if i + 1 >= s.endIndex || s[i + 1] != 0x0A { line += 1; column = 1 }
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return Mark(line: line, column: column)
    }
}
