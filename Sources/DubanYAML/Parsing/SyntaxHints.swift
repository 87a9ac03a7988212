/// Plain-language causes of YAML syntax errors that libyaml reports a line late and in its own
/// terms: a key followed by a full-width colon or by a colon without a space is read as one piece
/// of text, and a full-width space (U+3000) is not indentation, so libyaml only stumbles on the
/// next line ("could not find expected ':'", "mapping values are not allowed in this context").
/// Looked for only once libyaml has failed, on the line it names and the last line with content
/// before it; the hint is placed at the culprit.
enum SyntaxHints {
    static func find(in text: ArraySlice<UInt8>, errorLine: Int) -> YAMLError? {
        guard errorLine >= 1 else { return nil }
        var lines: [Substring] = []
        // Valid UTF-8 by now; U+0085, U+2028 and U+2029 are refused before parsing, so the lines
        // are those libyaml counts (CR LF, LF or CR).
        let source = String(decoding: text, as: UTF8.self)
        for line in source.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lines.append(line)
            if lines.count == errorLine { break }
        }
        guard lines.count == errorLine else { return nil }
        let previous = lines.dropLast().lastIndex { line in
            let content = line.drop { $0 == " " || $0 == "\t" }
            return !content.isEmpty && content.first != "#"
        }
        for index in [previous, errorLine - 1].compactMap({ $0 }) {
            if let hint = hint(for: lines[index], line: index + 1) { return hint }
        }
        return nil
    }

    private static func hint(for line: Substring, line number: Int) -> YAMLError? {
        let indent = line.prefix { $0 == " " || $0 == "\u{3000}" }
        if let wide = indent.firstIndex(of: "\u{3000}") {
            return YAMLError("full-width space (U+3000) where YAML expects indentation; indent with ASCII spaces",
                             zh: "应当缩进的位置出现了全角空格（U+3000）；请用半角空格缩进",
                             at: Mark(line: number, column: line.distance(from: line.startIndex, to: wide) + 1))
        }
        // Past the indentation and any "- " of a list item: a key such as `period`.
        var rest = line.dropFirst(indent.count)
        while rest.hasPrefix("- ") { rest = rest.dropFirst(2).drop { $0 == " " } }
        guard let first = rest.first, first.isASCII, first.isLetter || first == "_" else { return nil }
        let key = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
        let after = rest.dropFirst(key.count)
        let column = line.distance(from: line.startIndex, to: after.startIndex) + 1
        if after.first == "：" {
            return YAMLError("full-width colon '：' after '\(key)'; write an ASCII colon and a space: '\(key): …'",
                             zh: "“\(key)”后面是全角冒号“：”；请改用半角冒号加一个空格，写成 \(key): …",
                             at: Mark(line: number, column: column))
        }
        guard after.first == ":", let next = after.dropFirst().first, next != " ", next != "\t", next != ":" else { return nil }
        // The plain scalar runs to a comment (" #") or the end of the line.
        var written = rest
        if let hash = written.indices.first(where: { $0 > written.startIndex && written[$0] == "#" && written[written.index(before: $0)] == " " }) {
            written = written[..<hash]
        }
        while written.last == " " || written.last == "\t" { written = written.dropLast() }
        let value = written.dropFirst(key.count + 1)
        return YAMLError("no space after ':': '\(shorten(written))' is read as one piece of text; write '\(key): \(shorten(value))'",
                         zh: "冒号后面缺少空格：“\(shorten(written))”会被当作一整段文字；请写成 \(key): \(shorten(value))",
                         at: Mark(line: number, column: column))
    }

    /// Long text quoted in a message is cut to 40 characters.
    private static func shorten(_ s: Substring) -> String {
        s.count <= 40 ? String(s) : String(s.prefix(39)) + "…"
    }
}
