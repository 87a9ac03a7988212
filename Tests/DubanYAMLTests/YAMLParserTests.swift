import Testing
@testable import DubanYAML

/// Parses text, expecting success.
private func parse(_ text: String, limits: YAMLLimits = .rules) throws -> Node? {
    try YAMLParser.parse(Array(text.utf8), limits: limits)
}

/// Parses bytes, expecting failure; returns the error in English (`chinese` gives its Chinese).
private func failure(_ bytes: [UInt8], limits: YAMLLimits = .rules) -> YAMLError? {
    do {
        _ = try YAMLParser.parse(bytes, limits: limits)
        return nil
    } catch {
        return YAMLError(error.message, at: error.mark)
    }
}

/// Parses text, expecting failure; returns the error's Chinese text.
private func chinese(_ text: String, limits: YAMLLimits = .rules) -> String? {
    chinese(Array(text.utf8), limits: limits)
}

private func chinese(_ bytes: [UInt8], limits: YAMLLimits = .rules) -> String? {
    do {
        _ = try YAMLParser.parse(bytes, limits: limits)
        return nil
    } catch {
        return error.zh
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

    /// Keys are compared by their bytes where they lie: lengths first, then the bytes; an alias
    /// key by its anchor's; past 16 keys through an index.
    @Test func duplicateKeysByTheirBytes() throws {
        #expect(try parse("ab: 1\nba: 2\naa: 3\n") != nil)
        #expect(failure("\"\": 1\n'': 2\n") == YAMLError("duplicate key '' (first at line 1)", at: Mark(line: 2, column: 1)))
        #expect(failure("a: &k id\nid: 1\n*k : 2\n") == YAMLError("duplicate key 'id' (first at line 2)", at: Mark(line: 3, column: 1)))
        let many = (0..<20).map { "k\($0): \($0)\n" }.joined()
        #expect(try parse(many) != nil)
        #expect(failure(many + "k3: again\n") == YAMLError("duplicate key 'k3' (first at line 4)", at: Mark(line: 21, column: 1)))
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

    // MARK: Chinese (SPEC §5: a department reads every message about its file in Chinese)

    @Test func errorsReadInChinese() {
        #expect(chinese("a: [1, 2\nb: 3\n") == "YAML 语法错误：此处应为“,”或“]”（读取第 1 行第 4 列起的方括号列表（[ ]）时）")
        #expect(chinese("a:\n\tb: 1\n") == "应当缩进或写值的位置出现了制表符（Tab）；请用空格缩进")
        #expect(chinese("id: a\nkind: b\nid: c\n") == "键“id”重复（第一次出现在第 1 行）")
        #expect(chinese("a: &x 1\n", limits: .submissions) == "此文件不接受锚点（&x）；请把值直接写出来")
        #expect(chinese("a: *x\n", limits: .submissions) == "此文件不接受别名（*x）；请把值直接写出来")
        #expect(chinese(String(repeating: "[", count: 65)) == "嵌套超过 64 层")
        #expect(chinese("a: !!str 12\n") == "不接受“!!str”这样的标签；请直接写值，或给值加引号")
        #expect(chinese("? [a, b]\n: c\n") == "键只能是单个值，不能是列表")
        #expect(chinese("a: 1\n---\nb: 2\n") == "文件中有不止一个 YAML 文档（出现了第二个“---”）；一个文件只能有一个文档")
        #expect(chinese([0xFF, 0xFE, 0x61, 0x00]) == "文件编码为 UTF-16；请另存为 UTF-8 编码")
        #expect(chinese(Array("a: 1\nb: x".utf8) + [0] + Array("y\n".utf8)) == "文件中有空字节（NUL），这不是文本文件的内容")
        #expect(chinese(Array("a: 1\nb: x".utf8) + [0x07]) == "文件中有控制字符；只允许制表符、换行符和回车符")
        #expect(chinese(Array("a: ".utf8) + [0xB6, 0xAB, 0xFF, 0x0A]) == "不是有效的 UTF-8 编码（字节 0xB6）；请将文件另存为 UTF-8 编码")
        #expect(chinese(Array("a: 1\nb: x".utf8) + [0xE4]) == "文件在一个字符的中间结束（字节 0xE4）：是否被截断了？请重新保存为 UTF-8 编码")
        #expect(chinese("a: 1\nb: \"东\u{2028}城\"\n") == "文件中有行分隔符 U+2028（可能是从网页或文字处理软件粘贴进来的，编辑器中通常看不见）；YAML 会把它当作换行：请删除")
        #expect(chinese("tasks:\n  - rule: x\n\u{3000}\u{3000}status: done\n    progress: 1\n") == "应当缩进的位置出现了全角空格（U+3000）；请用半角空格缩进")
        #expect(chinese("tasks:\n  - rule: x\n    status：done\n    progress: 1\n") == "“status”后面是全角冒号“：”；请改用半角冒号加一个空格，写成 status: …")
        var limits = YAMLLimits.rules
        limits.maxBytes = 100
        #expect(chinese(String(repeating: "a", count: 101), limits: limits) == "文件大小为 101 字节，超过上限 100 字节")
    }

    /// Every error libyaml can be led into has its Chinese from the table, not libyaml's English.
    @Test(arguments: [
        "a: 'x\n", "a: \"x\n", "a: [1, 2\n", "a: {b: 1\n", "a: b: c\n", "a:\n  b: 1\n c: 2\n", "- a\nb: 1\n",
        "a: @x\n", "a: `x\n", "a: \"\\q\"\n", "a: \"\\x4\"\n", "a: |0\n  x\n", "%FOO\n---\na: 1\n", "%YAML 1.1\n%YAML 1.1\n---\na: 1\n",
        "%YAML 2.0\n---\na: 1\n", "%TAG ! x\n", "a: !<x\n", "a: !x!y 1\n", "a:\n  - b\n  c: 1\n", "[a, b\n", "{a: 1, b\n",
        "a: 1\n...\nb\n", "a: &\n", "a: *\n", "? a\n? b\n- c\n", "key: value\n- item\n", "a: 'x'y\n", "a: \"x\" y\n",
        "%YAML 1.1 x\n---\n", "%YAML x\n", "%TAG !a! x\n", "a: !!\n", "- - a\n  b: 1\n", "a:\n  - b\n - c\n",
    ])
    func libyamlErrorsHaveTheirChinese(text: String) throws {
        let zh = try #require(chinese(text), "\(text.debugDescription) parses")
        #expect(!zh.contains("libyaml 报告") && !zh.contains("while "), "\(text.debugDescription): \(zh) — \(failure(text)?.message ?? "")")
    }
}
