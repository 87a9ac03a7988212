import Testing
@testable import DubanYAML

private func mapping(_ text: String) throws -> Node {
    try #require(try YAMLParser.parse(Array(text.utf8)))
}

@Suite struct DecodingTests {
    @Test func unknownKeyIsReportedWithDidYouMean() throws {
        let log = IssueLog()
        let m = MappingReader(try mapping("quote: x\nqoute: y\n"), what: "citation", keys: ["quote", "item"], log: log)
        #expect(m != nil)
        #expect(log.issues == [YAMLIssue("unknown key 'qoute' in citation; did you mean 'quote'?", at: Mark(line: 2, column: 1))])
    }

    @Test func missingRequiredKeyIsReportedAtTheMapping() throws {
        let log = IssueLog()
        let m = try #require(MappingReader(try mapping("  item: 1\n"), what: "citation", keys: ["quote", "item"], log: log))
        #expect(m.string("quote", required: true) == nil)
        #expect(log.issues == [YAMLIssue("citation is missing 'quote'", at: Mark(line: 1, column: 3))])
    }

    @Test(arguments: ["no", "yes", "on", "Off", "N"])
    func yaml11BooleansMustBeQuotedAsText(word: String) throws {
        let log = IssueLog()
        let m = try #require(MappingReader(try mapping("name: \(word)\n"), what: "department", keys: ["name"], log: log))
        #expect(m.string("name") == nil)
        #expect(log.issues == [YAMLIssue(
            "department 'name': plain '\(word)' is read by YAML 1.1 as a boolean; quote it (\"\(word)\") if you mean the text",
            at: Mark(line: 1, column: 7))])
    }

    @Test func quotedWordsAreText() throws {
        let log = IssueLog()
        let m = try #require(MappingReader(try mapping("name: \"no\"\n"), what: "x", keys: ["name"], log: log))
        #expect(m.string("name") == "no")
        #expect(log.issues.isEmpty)
    }

    @Test func leadingZeroIsRefusedAsTextAndAsNumber() throws {
        let log = IssueLog()
        let m = try #require(MappingReader(try mapping("code: 012\nvalue: 012\n"), what: "x", keys: ["code", "value"], log: log))
        #expect(m.string("code") == nil)
        #expect(m.decimal("value") == nil)
        #expect(log.issues.map(\.message) == [
            "x 'code': plain '012' is read by YAML 1.1 as an octal number; quote it (\"012\")",
            "x 'value': '012' has a leading zero, which YAML 1.1 reads as octal; write 12",
        ])
    }

    @Test(arguments: [
        ("00.5", "write 0.5"), ("-07", "write -7"), ("+007", "write 7"), ("000", "write 0"), ("-00.25", "write -0.25"),
        ("0_1", "write the number in decimal digits without leading zeros"),
        ("0o17", "write the number in decimal digits without leading zeros"),
    ])
    func leadingZeroHintIsANumberDubanAccepts(text: String, hint: String) throws {
        let log = IssueLog()
        let m = try #require(MappingReader(try mapping("value: \(text)\n"), what: "x", keys: ["value"], log: log))
        #expect(m.decimal("value") == nil)
        #expect(log.issues.map(\.message) == ["x 'value': '\(text)' has a leading zero, which YAML 1.1 reads as octal; \(hint)"])
        // What the hint says to write is read without complaint.
        if hint.hasPrefix("write "), let suggested = hint.split(separator: " ").last, hint.split(separator: " ").count == 2 {
            let again = IssueLog()
            let n = try #require(MappingReader(try mapping("value: \(suggested)\n"), what: "x", keys: ["value"], log: again))
            #expect(n.decimal("value") != nil)
            #expect(again.issues.isEmpty)
        }
    }

    @Test func decimalsKeepAtMost38SignificantDigits() throws {
        let log = IssueLog()
        let exact38 = "1234567890123456789012345678901234567.8"
        let tiny = "0." + String(repeating: "0", count: 200) + "1"
        let huge = "1" + String(repeating: "0", count: 200)
        let text = """
        a: \(exact38)
        b: 93.000000000000000000000000000000000000000001
        c: \(tiny)
        d: 1\(String(repeating: "0", count: 60))
        e: 0.00500
        f: \(huge)

        """
        let m = try #require(MappingReader(try mapping(text), what: "x", keys: ["a", "b", "c", "d", "e", "f"], log: log))
        #expect(m.decimal("a")?.description == exact38)
        #expect(m.decimal("b") == nil)
        #expect(m.decimal("c") == nil)
        #expect(m.decimal("d")?.description == "1" + String(repeating: "0", count: 60))
        #expect(m.decimal("e")?.description == "0.005")
        #expect(m.decimal("f") == nil)
        #expect(log.issues.map(\.message) == [
            "x 'b': '93.000000000000000000000000000000000000000001' has 44 significant digits, more than duban can keep exactly (at most 38)",
            "x 'c': '\(tiny.prefix(50))…' is too large or too close to zero for duban to keep exactly",
            "x 'f': '\(huge.prefix(50))…' is too large or too close to zero for duban to keep exactly",
        ])
    }

    @Test func wholeNumbersOutOfRangeSaySo() throws {
        let log = IssueLog()
        let m = try #require(MappingReader(try mapping("a: 9223372036854775807\nb: 9223372036854775808\nc: -9223372036854775809\n"),
                                           what: "x", keys: ["a", "b", "c"], log: log))
        #expect(m.int("a") == Int.max)
        #expect(m.int("b") == nil)
        #expect(m.int("c") == nil)
        #expect(log.issues.map(\.message) == [
            "x 'b': '9223372036854775808' is out of range for a whole number (-9223372036854775808 to 9223372036854775807)",
            "x 'c': '-9223372036854775809' is out of range for a whole number (-9223372036854775808 to 9223372036854775807)",
        ])
    }

    /// Plain digits are read straight from the bytes; everything else still goes the general way.
    @Test func wholeNumbersFromBytesAndOtherwise() throws {
        let log = IssueLog()
        let m = try #require(MappingReader(try mapping("a: 0\nb: -0\nc: -42\nd: 123456789012345678\ne: 1234567890123456789\nf: 007\ng: +5\nh: 5.0\ni: '5'\n"),
                                           what: "x", keys: ["a", "b", "c", "d", "e", "f", "g", "h", "i"], log: log))
        #expect(["a", "b", "c", "d", "e", "f", "g", "h", "i"].map { m.int($0) } == [0, 0, -42, 123456789012345678, 1234567890123456789, nil, nil, nil, nil])
        #expect(log.issues.map(\.message) == [
            "x 'f': '007' has a leading zero, which YAML 1.1 reads as octal; write 7",
            "x 'g': expected a whole number, found '+5'",
            "x 'h': expected a whole number, found '5.0'",
            "x 'i': expected a number, found the quoted text '5'; write the number without quotes",
        ])
    }

    @Test func onlyTrueAndFalseAreBooleans() throws {
        let log = IssueLog()
        let m = try #require(MappingReader(try mapping("a: true\nb: yes\n"), what: "x", keys: ["a", "b"], log: log))
        #expect(m.bool("a") == true)
        #expect(m.bool("b") == nil)
        #expect(log.issues.map(\.message) == ["x 'b': expected true or false, found 'yes'"])
    }

    @Test func decimalsAreExact() throws {
        let log = IssueLog()
        let m = try #require(MappingReader(try mapping("a: 74.6\nb: \"3\"\nc: 1e3\n"), what: "x", keys: ["a", "b", "c"], log: log))
        #expect(m.decimal("a")?.description == "74.6")
        #expect(m.decimal("b") == nil)
        #expect(m.decimal("c") == nil)
        #expect(log.issues.map(\.message) == [
            "x 'b': expected a number, found the quoted text '3'; write the number without quotes",
            "x 'c': expected a number such as 74.6, found '1e3'",
        ])
    }

    @Test func suggestionsFindPlausibleTypos() {
        #expect(Suggestion.closest(to: "respnsible", in: ["lead", "responsible", "assisting"]) == "responsible")
        #expect(Suggestion.closest(to: "zzzzzz", in: ["lead", "responsible"]) == nil)
    }

    /// A mapping named in both languages gets every message in both; one named in English only
    /// (rule files, read by CI) gets English only, and the caller frames the English.
    @Test func messagesAreChineseWhereTheLabelIs() throws {
        let text = "statis: x\nprogress: 50%\nnote: no\nlist: 1\n"
        let keys = ["status", "progress", "note", "list"]
        let zh = IssueLog(), en = IssueLog()
        for (what, log) in [(Bilingual("task", zh: "任务"), zh), ("task", en)] {
            let m = try #require(MappingReader(try mapping(text), what: what, keys: keys, log: log))
            _ = m.string("status", required: true)
            _ = m.decimal("progress")
            m.checkText("note")
            _ = m.list("list")
        }
        #expect(zh.issues.map(\.message) == en.issues.map(\.message))
        #expect(en.issues.allSatisfy { $0.zh == nil })
        #expect(zh.issues.map(\.zh) == [
            "任务中有未知的键“statis”，是否应为“status”？",
            "任务缺少“status”",
            "任务的“progress”应为数字（如 74.6），实际写的是“50%”",
            #"任务的“note”写的是不加引号的“no”，YAML 1.1 会把它读作布尔值（是/否）；如指文字，请加英文引号写成 "no""#,
            "任务的“list”应为列表，实际是单个值",
        ])
    }
}
