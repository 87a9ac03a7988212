import Testing
import TestSupport
@testable import DubanCore

/// Loads a fixture and returns its diagnostics as `relative/path:line:col: severity: message`.
private func problems(_ fixture: RulesFixture) throws -> [String] {
    let (_, diagnostics) = try RuleSetLoader.load(directory: fixture.path)
    let out = diagnostics.map { d in
        let file = d.file.replacingOccurrences(of: fixture.path + "/", with: "")
        return "\(file):\(d.line ?? 0):\(d.column ?? 0): \(d.severity.rawValue): \(d.message)"
    }
    return out
}

private func climate(replacing old: String, with new: String) -> RulesFixture {
    precondition(RulesFixture.climate.contains(old), "fixture text not found: \(old)")
    return RulesFixture(climate: RulesFixture.climate.replacingOccurrences(of: old, with: new))
}

@Suite struct RuleSetLoaderTests {
    @Test func theFixtureIsValid() throws {
        let fixture = RulesFixture()
        let (set, diagnostics) = try RuleSetLoader.load(directory: fixture.path)
        #expect(diagnostics.isEmpty)
        let rule = try #require(set.rule("pollution.climate.17.1"))
        #expect(rule.citation.document == "京政办发〔2022〕6号")
        #expect(rule.deadline?.resolution == .due(Day(year: 2022, month: 12, day: 31)!))
        #expect(rule.targets.first?.value.description == "44.8")
        #expect(rule.roles.responsible.map(\.unit.name) == ["各区政府"])
        #expect(set.departments.members(of: rule.roles.responsible[0].unit).map(\.slug) == ["dongcheng"])
    }

    /// A rule file whose name is not UTF-8 (副本 in GBK, a copy made on a Chinese Windows system)
    /// is a finding at its path, where it used to be reported as a file that does not exist.
    @Test func aRuleFileNamedInGBKIsAFinding() throws {
        let fixture = RulesFixture()
        try TestPaths.write(Array(RulesFixture.climate.utf8), in: fixture.root,
                            named: [Array("pollution".utf8), [0xB8, 0xB1, 0xB1, 0xBE] + Array(".yaml".utf8)])
        #expect(try problems(fixture) == [
            "pollution/\\xB8\\xB1\\xB1\\xBE.yaml:1:1: error: the path is not UTF-8 (its stray bytes are shown as \\xNN); it looks GBK-encoded, as names from a Chinese Windows system are: rename the file or its folder",
        ])
    }

    @Test func brokenYAML() throws {
        #expect(try problems(climate(replacing: "      item: 17\n", with: "      item: [17\n")) == [
            "pollution/climate.yaml:9:14: error: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence at line 8, column 13)",
        ])
    }

    @Test func tabInIndentation() throws {
        #expect(try problems(climate(replacing: "    kind: deadline\n", with: "\tkind: deadline\n")) == [
            "pollution/climate.yaml:6:1: error: tab character where YAML expects indentation or a value; indent with spaces",
        ])
    }

    @Test func duplicateKey() throws {
        #expect(try problems(climate(replacing: "    kind: deadline\n", with: "    kind: deadline\n    kind: ongoing\n")) == [
            "pollution/climate.yaml:7:5: error: duplicate key 'kind' (first at line 6)",
        ])
    }

    @Test func duplicateRuleID() throws {
        let body = RulesFixture.climate.components(separatedBy: "rules:\n")[1]
        let fixture = RulesFixture(climate: RulesFixture.climate + body)
        #expect(try problems(fixture) == [
            "pollution/climate.yaml:21:5: error: duplicate rule id 'pollution.climate.17.1' (first at \(fixture.path)/pollution/climate.yaml:5)",
        ])
    }

    @Test func unknownKeyWithDidYouMean() throws {
        #expect(try problems(climate(replacing: "      lead:", with: "      laed:")) == [
            "pollution/climate.yaml:12:7: error: unknown key 'laed' in roles; did you mean 'lead'?",
        ])
    }

    @Test func unknownDepartmentWithClosestMatch() throws {
        #expect(try problems(climate(replacing: "[市生态环境局]", with: "[市生态环竟局]")) == [
            "pollution/climate.yaml:12:14: error: unknown department '市生态环竟局'; closest known unit: '市生态环境局'",
        ])
    }

    @Test func unknownMetric() throws {
        #expect(try problems(climate(replacing: "metric: forest_coverage_pct", with: "metric: forest_cover_pct")) == [
            "pollution/climate.yaml:17:17: error: unknown metric 'forest_cover_pct'; did you mean 'forest_coverage_pct'?",
        ])
    }

    @Test func impossibleDate() throws {
        #expect(try problems(climate(replacing: "      phrase: 年底前\n", with: "      phrase: 年底前\n      due: 2022-02-30\n")) == [
            "pollution/climate.yaml:16:12: error: deadline 'due': expected a real day written YYYY-MM-DD, found '2022-02-30'",
        ])
    }

    @Test func plainNoWhereTextIsExpected() throws {
        #expect(try problems(climate(replacing: "      phrase: 年底前\n", with: "      phrase: no\n")) == [
            "pollution/climate.yaml:15:15: error: deadline 'phrase': plain 'no' is read by YAML 1.1 as a boolean; quote it (\"no\") if you mean the text",
        ])
    }

    @Test func idMustAgreeWithCitation() throws {
        #expect(try problems(climate(replacing: "      measure: 1\n", with: "      measure: 2\n")) == [
            "pollution/climate.yaml:5:9: error: rule id 'pollution.climate.17.1' does not agree with its citation (item 17, measure 2): expected 'pollution.climate.17.2'",
            "pollution/climate.yaml:5:5: error: measure 2 of item 17 skips measure 1; number measures 1, 2, 3 … in source order",
        ].sorted())
    }

    /// Each way a rule id can be wrong, checked on its bytes, with its own message.
    @Test func idShapes() throws {
        let shape = "must be lower-case parts (letters, digits, '-', '_') separated by dots, e.g. pollution.air.3.1"
        for (id, message) in [
            ("Pollution.climate.17.1", "rule id 'Pollution.climate.17.1' \(shape)"),
            ("pollution..17.1", "rule id 'pollution..17.1' \(shape)"),
            ("pollution.climate.17.1.", "rule id 'pollution.climate.17.1.' \(shape)"),
            ("pollution", "rule id 'pollution' \(shape)"),
            ("pollution.气候.17.1", "rule id 'pollution.气候.17.1' \(shape)"),
            ("literacy.climate.17.1", "rule id 'literacy.climate.17.1' must start with 'pollution.' (the file's document)"),
            ("pollution.climate-1.17.1", "rule id 'pollution.climate-1.17.1' must continue with 'climate.' (the file's section)"),
            ("pollution.climate.17.01", "rule id 'pollution.climate.17.01' does not agree with its citation (item 17, measure 1): expected 'pollution.climate.17.1'"),
            ("pollution.climate.17.1.1", "rule id 'pollution.climate.17.1.1' does not agree with its citation (item 17, measure 1): expected 'pollution.climate.17.1'"),
            ("pollution.climate.17", "rule id 'pollution.climate.17' does not agree with its citation (item 17, measure 1): expected 'pollution.climate.17.1'"),
        ] {
            let found = try problems(climate(replacing: "id: pollution.climate.17.1\n", with: "id: \(id)\n"))
            #expect(found.contains("pollution/climate.yaml:5:9: error: \(message)"), "\(id): \(found)")
        }
        #expect(try problems(climate(replacing: "id: pollution.climate.17.1\n", with: "id: pollution.climate.17.1\n")).isEmpty)
    }

    @Test func aliasBomb() throws {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 {
            text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        #expect(try problems(RulesFixture(climate: text)) == [
            "pollution/climate.yaml:4:45: error: aliases expand to more than 10000 nodes (an alias bomb?); write the values out",
        ])
    }

    @Test func deepNesting() throws {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(try problems(RulesFixture(climate: text)) == [
            "pollution/climate.yaml:1:65: error: nesting deeper than 64 levels",
        ])
    }

    @Test func hugeFile() throws {
        let bytes = [UInt8](repeating: UInt8(ascii: "#"), count: 50 << 20)
        #expect(try problems(RulesFixture(replacing: ["pollution/climate.yaml": bytes])) == [
            "pollution/climate.yaml:1:1: error: file is 52428800 bytes, larger than the limit of 8388608 bytes",
        ])
    }

    @Test func invalidUTF8() throws {
        var bytes = Array(RulesFixture.climate.utf8)
        let at = bytes.firstIndex(of: UInt8(ascii: "q"))!  // the 'quote' key
        bytes.insert(0xFF, at: at)
        #expect(try problems(RulesFixture(replacing: ["pollution/climate.yaml": bytes])) == [
            "pollution/climate.yaml:10:7: error: invalid UTF-8 (byte 0xFF); save the file as UTF-8",
        ])
    }

    @Test func openGroupsAreWarnings() throws {
        #expect(try problems(climate(replacing: "[各区政府]", with: "[相关区政府]")) == [
            "pollution/climate.yaml:13:21: warning: leans on the unresolved group '相关区政府'; name its members where the measure text does",
        ])
    }

    @Test func aboutNeedsATolerance() throws {
        #expect(try problems(climate(replacing: "op: \">=\"", with: "op: about")) == [
            "pollution/climate.yaml:18:13: error: 'about' (左右) needs a 'tolerance'",
        ])
    }

    @Test func unusableDirectoryThrows() {
        #expect(throws: RuleSetLoader.Unusable.self) { try RuleSetLoader.load(directory: "/nonexistent/rules") }
    }
}
