import Testing
@testable import DubanYAML

/// Parses text, expecting success.
private func parse(_ text: String, limits: YAMLLimits = .rules) throws -> Node? {
    try YAMLParser.parse(Array(text.utf8), limits: limits)
}

/// Parses bytes, expecting failure; returns the error.
private func failure(_ bytes: [UInt8], limits: YAMLLimits = .rules) -> YAMLError? {
    do {
        _ = try YAMLParser.parse(bytes, limits: limits)
        return nil
    } catch {
        return error
    }
}

private func failure(_ text: String, limits: YAMLLimits = .rules) -> YAMLError? {
    failure(Array(text.utf8), limits: limits)
}

@Suite struct YAMLParserTests {
    @Test func nodesCarryLineAndColumn() throws {
        let root = try #require(try parse("a: 1\nlist:\n  - x\n  - 'y'\n"))
        guard case .mapping(let pairs) = root.content else { Issue.record("not a mapping"); return }
        #expect(pairs.map { $0.key.scalar } == ["a", "list"])
        #expect(pairs[0].value.mark == Mark(line: 1, column: 4))
        guard case .sequence(let items) = pairs[1].value.content else { Issue.record("not a list"); return }
        #expect(items.map(\.mark) == [Mark(line: 3, column: 5), Mark(line: 4, column: 5)])
        guard case .scalar("y", .singleQuoted) = items[1].content else { Issue.record("style lost"); return }
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let root = try #require(try parse("部门: 市水务局\n"))
        guard case .mapping(let pairs) = root.content else { Issue.record("not a mapping"); return }
        #expect(pairs[0].value.mark == Mark(line: 1, column: 5))
    }

    @Test func emptyAndCommentOnlyFilesHaveNoRoot() throws {
        #expect(try parse("") == nil)
        #expect(try parse("# nothing here\n") == nil)
    }

    @Test func byteOrderMarkIsAccepted() throws {
        let root = try #require(try YAMLParser.parse([0xEF, 0xBB, 0xBF] + Array("a: b\n".utf8)))
        guard case .mapping(let pairs) = root.content else { Issue.record("not a mapping"); return }
        #expect(pairs[0].key.mark == Mark(line: 1, column: 1))
    }

    @Test func scalarsKeepEmbeddedNULsFromEscapes() throws {
        let root = try #require(try parse("a: \"x\\0y\"\n"))
        guard case .mapping(let pairs) = root.content else { Issue.record("not a mapping"); return }
        #expect(pairs[0].value.scalar == "x\u{0}y")
    }

    @Test func syntaxError() {
        #expect(failure("a: [1, 2\nb: 3\n") == YAMLError(
            "YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence at line 1, column 4)",
            at: Mark(line: 2, column: 2)))
    }

    @Test func tabInIndentation() {
        #expect(failure("a:\n\tb: 1\n") == YAMLError(
            "tab character where YAML expects indentation or a value; indent with spaces", at: Mark(line: 2, column: 1)))
    }

    @Test func duplicateKey() {
        #expect(failure("id: a\nkind: b\nid: c\n") == YAMLError("duplicate key 'id' (first at line 1)", at: Mark(line: 3, column: 1)))
    }

    @Test func undefinedAlias() {
        #expect(failure("a: *nowhere\n") == YAMLError("undefined alias *nowhere: no anchor &nowhere before it", at: Mark(line: 1, column: 4)))
    }

    @Test func aliasesShareTheirAnchor() throws {
        let root = try #require(try parse("a: &x [1, 2]\nb: *x\n"))
        guard case .mapping(let pairs) = root.content else { Issue.record("not a mapping"); return }
        #expect(pairs[0].value == pairs[1].value)
    }

    @Test func aliasBombIsRefused() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 {
            text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let error = failure(text)
        #expect(error?.message == "aliases expand to more than 10000 nodes (an alias bomb?); write the values out")
        #expect(error?.mark.line == 4)
    }

    @Test func submissionsRefuseAnchorsOutright() {
        #expect(failure("a: &x 1\n", limits: .submissions) == YAMLError(
            "anchors (&x) are not accepted in this file; write the value out", at: Mark(line: 1, column: 4)))
    }

    @Test func deepNestingStopsEarly() {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(failure(text) == YAMLError("nesting deeper than 64 levels", at: Mark(line: 1, column: 65)))
    }

    @Test func oversizedInputIsRefusedBeforeParsing() {
        let limits = YAMLLimits(maxBytes: 100)
        #expect(failure(Array(repeating: UInt8(ascii: "a"), count: 101), limits: limits) == YAMLError(
            "file is 101 bytes, larger than the limit of 100 bytes", at: .start))
    }

    @Test func invalidUTF8IsPlacedAtItsLineAndColumn() {
        let bytes = Array("a: 1\nb: ab".utf8) + [0xFF] + Array("\n".utf8)
        #expect(failure(bytes) == YAMLError("invalid UTF-8 (byte 0xFF); save the file as UTF-8", at: Mark(line: 2, column: 6)))
    }

    @Test func gbkTextGetsAHint() {
        // 市水务局 in GBK.
        let bytes = Array("department: ".utf8) + [0xCA, 0xD0, 0xCB, 0xAE, 0xCE, 0xF1, 0xBE, 0xD6] + [0x0A]
        #expect(failure(bytes) == YAMLError(
            "invalid UTF-8 (byte 0xCA); the file looks GBK-encoded: save it as UTF-8", at: Mark(line: 1, column: 13)))
    }

    @Test func gbkHintNeedsTheWholeRunToPairUp() {
        // B6 AB pairs up as GBK, FF starts no GBK character; 0xC9 0x0A leaves a lead byte without a trail.
        #expect(failure(Array("a: ".utf8) + [0xB6, 0xAB, 0xFF, 0x0A]) == YAMLError(
            "invalid UTF-8 (byte 0xB6); save the file as UTF-8", at: Mark(line: 1, column: 4)))
        #expect(failure(Array("a: ".utf8) + [0xB3, 0xC9, 0xC9, 0x0A]) == YAMLError(
            "invalid UTF-8 (byte 0xB3); save the file as UTF-8", at: Mark(line: 1, column: 4)))
    }

    @Test(arguments: [[0xE4, 0xB8], [0xE4], [0xF0, 0x9F, 0x98], [0xC3]] as [[UInt8]])
    func characterCutOffByTheEndOfTheFile(tail: [UInt8]) {
        #expect(failure(Array("a: 1\nb: x".utf8) + tail) == YAMLError(
            "the file ends in the middle of a character (byte 0x\(String(tail[0], radix: 16, uppercase: true))): was it cut off? save it again as UTF-8",
            at: Mark(line: 2, column: 5)))
    }

    @Test func cutOffMeansAtTheEnd() {
        // The same bytes followed by more text are a broken character, not a cut-off file.
        #expect(failure(Array("a: x".utf8) + [0xE4, 0xB8, 0x41, 0x0A])?.message.hasPrefix("invalid UTF-8 (byte 0xE4)") == true)
        // A continuation byte out of range (E0 needs A0–BF) is no beginning of a character.
        #expect(failure(Array("a: x".utf8) + [0xE0, 0x80])?.message.hasPrefix("invalid UTF-8 (byte 0xE0)") == true)
    }

    /// libyaml counts U+0085, U+2028 and U+2029 as line breaks, editors do not: refused, placed as an editor shows them.
    @Test(arguments: [
        ("\u{85}", "next-line character U+0085 in the file; YAML reads it as a line break: remove it"),
        ("\u{2028}", "line separator U+2028 in the file (pasted from a web page or word processor?); YAML reads it as a line break: remove it"),
        ("\u{2029}", "paragraph separator U+2029 in the file (pasted from a web page or word processor?); YAML reads it as a line break: remove it"),
    ])
    func unicodeLineBreaksAreRefusedWhereAnEditorShowsThem(character: String, message: String) {
        #expect(failure("a: 1\nb: \"东\(character)城\"\nc: 2\n") == YAMLError(message, at: Mark(line: 2, column: 6)))
        #expect(failure("# \(character)\n", limits: .submissions) == YAMLError(message, at: Mark(line: 1, column: 3)))
    }

    @Test func missingSpaceAfterColonIsNamedAtItsLine() {
        #expect(failure("a: 1\nperiod:2022-06\nb: 2\n") == YAMLError(
            "no space after ':': 'period:2022-06' is read as one piece of text; write 'period: 2022-06'", at: Mark(line: 2, column: 7)))
        // In a list item, before a comment, with a blank line and a comment line before the error.
        #expect(failure("tasks:\n  - rule:pollution.climate.5.1  # June\n\n    # next\n    status: done\n") == YAMLError(
            "no space after ':': 'rule:pollution.climate.5.1' is read as one piece of text; write 'rule: pollution.climate.5.1'",
            at: Mark(line: 2, column: 9)))
        // Long values are cut short in the message.
        let long = String(repeating: "x", count: 60)
        #expect(failure("note:\(long)\nb: 2\n")?.message == "no space after ':': 'note:\(long.prefix(34))…' is read as one piece of text; write 'note: \(long.prefix(39))…'")
    }

    @Test func fullWidthColonIsNamedAtItsLine() {
        #expect(failure("department：东城区政府\nperiod: 2022-06\n") == YAMLError(
            "full-width colon '：' after 'department'; write an ASCII colon and a space: 'department: …'", at: Mark(line: 1, column: 11)))
        #expect(failure("tasks:\n  - rule: x\n    status：done\n    progress: 1\n") == YAMLError(
            "full-width colon '：' after 'status'; write an ASCII colon and a space: 'status: …'", at: Mark(line: 3, column: 11)))
    }

    @Test func ideographicSpaceIndentationIsNamedAtItsLine() {
        #expect(failure("tasks:\n  - rule: x\n\u{3000}\u{3000}status: done\n    progress: 1\n") == YAMLError(
            "full-width space (U+3000) where YAML expects indentation; indent with ASCII spaces", at: Mark(line: 3, column: 1)))
    }

    @Test func syntaxErrorsWithoutAKnownCauseKeepLibyamlsWords() {
        // A colon without a space inside a value, far from the error, is not blamed.
        #expect(failure("a: see:x\nb: [1, 2\n")?.message.hasPrefix("YAML syntax error:") == true)
    }

    @Test func utf16IsRefusedClearly() {
        #expect(failure([0xFF, 0xFE, 0x61, 0x00]) == YAMLError("file is encoded as UTF-16; save it as UTF-8", at: .start))
        #expect(failure([0x61, 0x00, 0x3A, 0x00]) == YAMLError("file is encoded as UTF-16; save it as UTF-8", at: .start))
    }

    @Test func nulByteIsPlaced() {
        #expect(failure(Array("a: 1\nb: x".utf8) + [0] + Array("y\n".utf8)) == YAMLError(
            "NUL byte in the file; it is not text", at: Mark(line: 2, column: 5)))
    }

    @Test func secondDocumentIsRefused() {
        #expect(failure("a: 1\n---\nb: 2\n") == YAMLError(
            "more than one YAML document in the file (a second '---'); keep one document per file", at: Mark(line: 2, column: 1)))
    }

    @Test func tagsAreRefused() {
        #expect(failure("a: !!str 12\n") == YAMLError(
            "tags such as '!!str' are not accepted; write a plain or quoted value", at: Mark(line: 1, column: 4)))
    }

    @Test func complexKeysAreRefused() {
        #expect(failure("? [a, b]\n: c\n") == YAMLError("a mapping key must be a single value, not a list", at: Mark(line: 1, column: 3)))
    }
}
