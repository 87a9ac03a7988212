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
}
