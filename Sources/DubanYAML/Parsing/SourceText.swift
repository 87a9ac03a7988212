/// Byte-level checks done before libyaml sees a file: size, encoding, BOM.
/// libyaml reports encoding problems as byte offsets at line 1; these checks name the real line and column.
enum SourceText {
    /// Returns the UTF-8 bytes to parse (BOM removed) or the reason they cannot be parsed.
    static func prepare(_ bytes: [UInt8], limits: YAMLLimits) -> Result<ArraySlice<UInt8>, YAMLError> {
        if bytes.count > limits.maxBytes {
            return .failure(YAMLError(
                "file is \(bytes.count) bytes, larger than the limit of \(limits.maxBytes) bytes",
                zh: "文件大小为 \(bytes.count) 字节，超过上限 \(limits.maxBytes) 字节", at: .start))
        }
        if let utf16 = utf16Kind(bytes) {
            return .failure(YAMLError("file is encoded as \(utf16); save it as UTF-8",
                                      zh: "文件编码为 \(utf16)；请另存为 UTF-8 编码", at: .start))
        }
        var text = bytes[...]
        if text.starts(with: [0xEF, 0xBB, 0xBF]) { text = text.dropFirst(3) }
        let scan = scanUTF8(text)
        if let bad = scan.invalid {
            let byte = "0x\(hex(text[bad]))"
            let message: Bilingual
            if isCutOff(text, at: bad) {
                message = Bilingual("the file ends in the middle of a character (byte \(byte)): was it cut off? save it again as UTF-8",
                                    zh: "文件在一个字符的中间结束（字节 \(byte)）：是否被截断了？请重新保存为 UTF-8 编码")
            } else if looksLikeGBK(text, at: bad) {
                message = Bilingual("invalid UTF-8 (byte \(byte)); the file looks GBK-encoded: save it as UTF-8",
                                    zh: "不是有效的 UTF-8 编码（字节 \(byte)）；文件似乎是 GBK 编码：请另存为 UTF-8 编码")
            } else {
                message = Bilingual("invalid UTF-8 (byte \(byte)); save the file as UTF-8",
                                    zh: "不是有效的 UTF-8 编码（字节 \(byte)）；请将文件另存为 UTF-8 编码")
            }
            return .failure(YAMLError(message.en, zh: message.zh, at: mark(ofByte: bad, in: text)))
        }
        if let offset = scan.lineBreak {
            let message = lineBreakMessage(text, at: offset)
            return .failure(YAMLError(message.en, zh: message.zh, at: mark(ofByte: offset, in: text)))
        }
        return .success(text)
    }

    /// U+0085, U+2028 and U+2029 are line breaks to YAML (and to libyaml's line count) but not
    /// to editors, which show them as nothing or as a small box: refused, at the line an editor
    /// shows, so that every later line number stays right. The message for the one at `i`.
    static func lineBreakMessage(_ s: ArraySlice<UInt8>, at i: Int) -> Bilingual {
        if s[i] == 0xC2 {
            return Bilingual("next-line character U+0085 in the file; YAML reads it as a line break: remove it",
                             zh: "文件中有换行控制字符 U+0085（编辑器中通常看不见）；YAML 会把它当作换行：请删除")
        }
        let (name, nameZH) = s[i + 2] == 0xA8 ? ("line separator U+2028", "行分隔符 U+2028") : ("paragraph separator U+2029", "段落分隔符 U+2029")
        return Bilingual("\(name) in the file (pasted from a web page or word processor?); YAML reads it as a line break: remove it",
                         zh: "文件中有\(nameZH)（可能是从网页或文字处理软件粘贴进来的，编辑器中通常看不见）；YAML 会把它当作换行：请删除")
    }

    /// Whether the valid UTF-8 sequence at `i` is U+0085, U+2028 or U+2029.
    private static func isUnicodeLineBreak(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        switch s[i] {
        case 0xC2: return s[i + 1] == 0x85
        case 0xE2: return s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9)
        default: return false
        }
    }

    static func hex(_ b: UInt8) -> String {
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

    /// The length of the UTF-8 sequence a lead byte starts and the range of its second byte
    /// (later bytes are 0x80–0xBF); nil for a byte that cannot start a multi-byte sequence.
    private static func sequence(startingWith b: UInt8) -> (length: Int, second: ClosedRange<UInt8>)? {
        switch b {
        case 0xC2...0xDF: return (2, 0x80...0xBF)
        case 0xE0: return (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: return (3, 0x80...0xBF)
        case 0xED: return (3, 0x80...0x9F)
        case 0xF0: return (4, 0x90...0xBF)
        case 0xF1...0xF3: return (4, 0x80...0xBF)
        case 0xF4: return (4, 0x80...0x8F)
        default: return nil
        }
    }

    /// In one walk over the bytes: the index of the first byte that does not start a valid UTF-8
    /// sequence, and of the first Unicode line break (`lineBreakMessage`) before it, if any.
    static func scanUTF8(_ s: ArraySlice<UInt8>) -> (invalid: Int?, lineBreak: Int?) {
        let found = s.withUnsafeBufferPointer(scanUTF8)
        return (found.invalid.map { s.startIndex + $0 }, found.lineBreak.map { s.startIndex + $0 })
    }

    private static func scanUTF8(_ s: UnsafeBufferPointer<UInt8>) -> (invalid: Int?, lineBreak: Int?) {
        guard let base = s.baseAddress else { return (nil, nil) }
        var i = 0, lineBreak: Int?
        while i < s.count {
            // Eight ASCII bytes at a time.
            if i + 8 <= s.count, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let b = s[i]
            if b < 0x80 { i += 1; continue }
            // Most of a Chinese text: three-byte sequences whose second byte may be any continuation byte.
            if b >= 0xE1, b != 0xED, b <= 0xEF, i + 3 <= s.count, s[i + 1] & 0xC0 == 0x80, s[i + 2] & 0xC0 == 0x80 {
                if b == 0xE2, lineBreak == nil, isUnicodeLineBreak(s, at: i) { lineBreak = i }
                i += 3
                continue
            }
            guard let (length, second) = sequence(startingWith: b), i + length <= s.count else { return (i, lineBreak) }
            if !second.contains(s[i + 1]) { return (i, lineBreak) }
            for k in 2..<length where !(0x80...0xBF).contains(s[i + k]) { return (i, lineBreak) }
            if lineBreak == nil, isUnicodeLineBreak(s, at: i) { lineBreak = i }
            i += length
        }
        return (nil, lineBreak)
    }

    /// Whether the invalid sequence at `i` is the valid beginning of a character that the end of
    /// the file cuts off (a truncated upload or copy).
    static func isCutOff(_ s: ArraySlice<UInt8>, at i: Int) -> Bool {
        guard let (length, second) = sequence(startingWith: s[i]), i + length > s.endIndex else { return false }
        for k in (i + 1)..<s.endIndex {
            let range: ClosedRange<UInt8> = k == i + 1 ? second : 0x80...0xBF
            if !range.contains(s[k]) { return false }
        }
        return true
    }

    /// Whether the bytes from `i` to the next ASCII byte (at most 64 of them) read as GBK
    /// double-byte characters — a lead byte 0x81–0xFE, a trail byte 0x40–0xFE other than 0x7F —
    /// with nothing left over.
    static func looksLikeGBK(_ s: ArraySlice<UInt8>, at i: Int) -> Bool {
        var k = i, pairs = 0
        while k < s.endIndex, s[k] >= 0x80, pairs < 32 {
            guard (0x81...0xFE).contains(s[k]), k + 1 < s.endIndex,
                  (0x40...0xFE).contains(s[k + 1]), s[k + 1] != 0x7F else { return false }
            k += 2
            pairs += 1
        }
        return pairs > 0
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
