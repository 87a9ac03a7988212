import Foundation
import Testing
import TestSupport

@Suite struct ValidateCommandTests {
    @Test func validRulesExitZero() throws {
        let fixture = RulesFixture()
        let run = try DubanProcess.run(["validate", fixture.path])
        #expect(run.status == 0)
        #expect(run.stdout == "5 files checked: 0 errors, 0 warnings\n")
    }

    @Test func problemsExitOneCompilerStyle() throws {
        let fixture = RulesFixture(climate: RulesFixture.climate.replacingOccurrences(of: "[市生态环境局]", with: "[市生态环竟局]"))
        let run = try DubanProcess.run(["validate", fixture.path])
        #expect(run.status == 1)
        #expect(run.stdout == """
        \(fixture.path)/pollution/climate.yaml:12:14: error: unknown department '市生态环竟局'; closest known unit: '市生态环境局'
        5 files checked: 1 error, 0 warnings

        """)
    }

    @Test func jsonFormat() throws {
        let fixture = RulesFixture(climate: RulesFixture.climate.replacingOccurrences(of: "[各区政府]", with: "[相关区政府]"))
        let run = try DubanProcess.run(["validate", fixture.path, "--format", "json"])
        #expect(run.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let summary = json?["summary"] as? [String: Int]
        #expect(summary == ["errors": 0, "warnings": 1, "files": 5])
        let problem = (json?["problems"] as? [[String: Any]])?.first
        #expect(problem?["line"] as? Int == 13)
        #expect(problem?["column"] as? Int == 21)
        #expect(problem?["severity"] as? String == "warning")
    }

    @Test func strictMakesWarningsFail() throws {
        let fixture = RulesFixture(climate: RulesFixture.climate.replacingOccurrences(of: "[各区政府]", with: "[相关区政府]"))
        #expect(try DubanProcess.run(["validate", fixture.path, "--strict"]).status == 1)
    }

    @Test func missingDirectoryExitsTwo() throws {
        let run = try DubanProcess.run(["validate", "/nonexistent/rules"])
        #expect(run.status == 2)
        #expect(run.stderr == "duban: error: /nonexistent/rules: no such directory\n")
    }

    @Test func badFlagExitsTwo() throws {
        let run = try DubanProcess.run(["validate", "--frobnicate"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("Unknown option '--frobnicate'"))
    }

    /// Hostile rule files end quickly with exit 1, never a crash or a hang.
    /// (Arguments are names, not bytes: Swift Testing encodes arguments to identify test cases.)
    @Test(arguments: HostileFile.allCases)
    func hostileFilesFailFast(file: HostileFile) throws {
        let fixture = RulesFixture(replacing: ["pollution/climate.yaml": file.bytes])
        let run = try DubanProcess.run(["validate", fixture.path], timeout: 10)
        #expect(run.status == 1, "\(file): \(run.stderr)")
        #expect(run.stdout.contains("climate.yaml:"), "\(file): \(run.stdout)")
    }
}

/// Rule files built to exhaust a naive parser.
enum HostileFile: String, CaseIterable, Sendable, Codable {
    case aliasBomb, deepFlowNesting, deepBlockNesting, fiftyMegabytes, invalidUTF8, nulByte

    var bytes: [UInt8] {
        switch self {
        case .aliasBomb:
            var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
            for i in 1...9 {
                text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
            }
            return Array(("k: [" + text.replacingOccurrences(of: "\n", with: ", ") + "]").utf8)
        case .deepFlowNesting:
            return Array((String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)).utf8)
        case .deepBlockNesting:
            var bytes: [UInt8] = []
            for level in 0..<3_000 {
                bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: level))
                bytes.append(contentsOf: [UInt8(ascii: "k"), UInt8(ascii: ":"), 0x0A])
            }
            return bytes
        case .fiftyMegabytes:
            return [UInt8](repeating: UInt8(ascii: "a"), count: 50 << 20)
        case .invalidUTF8:
            return [0x61, 0x3A, 0x20, 0xFF, 0x0A]
        case .nulByte:
            return [0x61, 0x3A, 0x20, 0x00, 0x0A]
        }
    }
}

@Suite struct CalendarCommandTests {
    @Test(arguments: [
        ("2022-02", "2022-02-09"), ("2022-03", "2022-03-03"), ("2022-05", "2022-05-07"),
        ("2022-10", "2022-10-10"), ("2023-01", "2023-01-05"),
    ])
    func reportDueDays(month: String, due: String) throws {
        let run = try DubanProcess.run(["calendar", month, "--format", "json"])
        #expect(run.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(json?["report_due"] as? String == due)
    }

    @Test func textShowsMakeUpDaysAndHolidays() throws {
        let run = try DubanProcess.run(["calendar", "2022-10"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("2022-10-08  周六 Sat  工作日 working  调休上班 make-up working day (国庆节)"))
        #expect(run.stdout.contains("2022-10-03  周一 Mon  休息 off  国庆节"))
        #expect(run.stdout.contains("月报截止 / monthly report due: 2022-10-10"))
    }

    @Test func impossibleMonthExitsTwo() throws {
        let run = try DubanProcess.run(["calendar", "2022-13"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("'2022-13' is not a month; write YYYY-MM"))
    }

    @Test func uncoveredYearExitsTwo() throws {
        let run = try DubanProcess.run(["calendar", "2030-01"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("has no data for 2030"))
    }
}

@Suite struct RulesAndExplainCommandTests {
    /// `duban rules` is a table: ids padded to the longest, then the kind in 14 columns and the
    /// due day in 10, then the lead.
    @Test func rulesListsOneAlignedLineARule() throws {
        let run = try DubanProcess.run(["rules"])
        #expect(run.status == 0)
        var lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.removeLast() == "")
        let count = lines.removeLast()
        #expect(count == "\(lines.count) rules")
        let width = lines.map { $0.prefix { $0 != " " }.count }.max() ?? 0
        for line in lines {
            let columns = Array(line)
            #expect(columns[width] == " " && columns[width + 1] == " " && columns[width + 2] != " ", "\(line)")
            let kind = String(columns[(width + 2)..<(width + 16)]).trimmingCharacters(in: .whitespaces)
            #expect(!kind.isEmpty && kind.allSatisfy { $0.isLowercase || $0 == "-" }, "\(line)")
            #expect(columns[width + 16] == " ", "\(line)")
            let due = String(columns[(width + 17)..<(width + 27)]).trimmingCharacters(in: .whitespaces)
            #expect(due == "—" || due == "ongoing" || due.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil, "\(line)")
            #expect(String(columns[(width + 27)..<(width + 29)]) == "  ", "\(line)")
        }
        #expect(lines.contains { $0.hasPrefix("pollution.water.7.1 ") })
    }

    @Test func rulesJSONHasTheSpecShape() throws {
        let run = try DubanProcess.run(["rules", "--format", "json"])
        #expect(run.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let rules = try #require(json?["rules"] as? [[String: Any]])
        let rule = try #require(rules.first { $0["id"] as? String == "pollution.water.7.1" })
        #expect(rule["kind"] as? String == "deadline")
        let citation = rule["citation"] as? [String: Any]
        #expect(citation?["document"] as? String == "京政办发〔2022〕6号")
        #expect(citation?["annex"] as? Int == 3)
        #expect(citation?["item"] as? Int == 7)
        #expect(citation?["measure"] as? Int == 1)
        let roles = rule["roles"] as? [String: [String]]
        #expect(roles?["lead"] == ["市水务局"])
        #expect(roles?["responsible"]?.count == 17)  // the group expanded to its 17 members
        #expect((rule["deadline"] as? [String: Any])?["due"] as? String == "2022-12-31")
        let targets = rule["targets"] as? [[String: Any]]
        #expect(targets?.map { $0["metric"] as? String } == ["sewage_pipe_new_km", "combined_sewer_rebuilt_km", "sewage_treatment_rate_pct"])
        #expect(targets?.first?["op"] as? String == ">=")
        #expect(targets?.first?["value"] as? Int == 740)
        #expect(targets?.first?["scope"] as? String == "city")
    }

    @Test func rulesForADepartmentByVariantSpelling() throws {
        let byName = try DubanProcess.run(["rules", "--department", "市住房城乡建设委"])
        let byVariant = try DubanProcess.run(["rules", "--department", "市住建委"])
        #expect(byName.status == 0)
        #expect(byName.stdout == byVariant.stdout)
        #expect(byName.stdout.contains("pollution.air.16.1 "))
        #expect(!byName.stdout.contains("pollution.districts."))
    }

    @Test func unknownDepartmentExitsTwoWithClosestMatch() throws {
        let run = try DubanProcess.run(["rules", "--department", "市水务"])
        #expect(run.status == 2)
        #expect(run.stderr == "duban: error: unknown department '市水务'; did you mean '市水务局'?\n")
    }

    @Test func explainShowsTheRuleInFull() throws {
        let run = try DubanProcess.run(["explain", "pollution.climate.17.1"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("pollution.climate.17.1\n"))
        #expect(run.stdout.contains("deadline (完成时限)     年底前 → 2022-12-31"))
        #expect(run.stdout.contains("全市森林覆盖率 [forest_coverage_pct] >= 44.8 %, city, due 2022-12-31"))
        #expect(run.stdout.contains("全市森林覆盖率达到44.8%"))
    }

    @Test func explainUnknownRuleSuggests() throws {
        let run = try DubanProcess.run(["explain", "pollution.climat.17.1"])
        #expect(run.status == 2)
        #expect(run.stderr == "duban: error: unknown rule 'pollution.climat.17.1'; did you mean 'pollution.climate.17.1'?\n")
    }

    @Test(arguments: ["check", "self-check", "template", "validate", "rules", "explain", "calendar"])
    func everyCommandHasHelpWithExamples(command: String) throws {
        let run = try DubanProcess.run([command, "--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Examples:"))
    }
}

@Suite struct CheckCommandTests {
    /// A fixture with one on-time, complete report: what remains is known exactly.
    func fixture() -> EvaluationFixture {
        let f = EvaluationFixture()
        submitOthers(f, period: "2022-04", submitted: "2022-05-06")
        f.submit("shuiwu/2022-04.yaml", EvaluationFixture.waterReport("2022-04", submitted: "2022-05-06", climate3: "in-progress\n    milestones: [{due: 2022-03-31, completed: 2022-03-20}]"))
        return f
    }

    /// Complete on-time reports of the three other units owing reports.
    func submitOthers(_ f: EvaluationFixture, period: String, submitted: String) {
        f.submit("shengtaihuanjing/\(period).yaml", "department: 市生态环境局\nperiod: \(period)\nsubmitted: \(submitted)\ntasks:\n  - {rule: pollution.climate.1.1, status: in-progress}\n")
        for (slug, name) in [("dongcheng", "东城区政府"), ("xicheng", "西城区政府")] {
            f.submit("\(slug)/\(period).yaml", "department: \(name)\nperiod: \(period)\nsubmitted: \(submitted)\ntasks:\n  - {rule: pollution.climate.5.1, status: in-progress}\n  - {rule: pollution.climate.6.1, status: in-progress}\n")
        }
    }

    func run(_ f: EvaluationFixture, _ extra: [String]) throws -> DubanProcess.Outcome {
        try DubanProcess.run(["check", f.inputs.path, "--rules", f.rules.path] + extra, in: f.inputs.deletingLastPathComponent())
    }

    @Test func cleanRunExitsZero() throws {
        let run = try run(fixture(), ["--as-of", "2022-05-07", "--lang", "en"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout == "duban check — as of 2022-05-07: 4 files, 0 errors, 0 warnings\n")
    }

    @Test func violationsExitOne() throws {
        let run = try run(fixture(), ["--as-of", "2022-06-07"])
        #expect(run.status == 1)
        #expect(run.stdout.contains("error: 未收到 2022-05 月报（截止 2022-06-06，报市生态环境局） [missing-report pollution.notice.monthly-report]"))
    }

    @Test func warningsCountOnlyWithFailOnWarning() throws {
        let f = fixture()
        f.submit("shuiwu/2022-05.yaml", EvaluationFixture.waterReport("2022-05", submitted: "2022-06-07"))
        submitOthers(f, period: "2022-05", submitted: "2022-06-02")
        // 市水务局's May report arrived the day after its due day: a late-report warning only.
        #expect(try run(f, ["--as-of", "2022-06-07"]).status == 0)
        let strict = try run(f, ["--as-of", "2022-06-07", "--fail-on", "warning", "--format", "csv"])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("warning,late-report,pollution.notice.monthly-report,市水务局,2022-05,2022-06-06"))
    }

    @Test func anUnreadableSubmissionExitsTwoAndTheOthersAreStillReported() throws {
        let f = fixture()
        f.submit("xicheng/2022-05.yaml", "department: 西城区政府\nperiod: 2022-05\nsubmitted: 2022-02-30\n")
        let run = try run(f, ["--as-of", "2022-06-07", "--format", "json"])
        #expect(run.status == 2)
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let kinds = (json?["violations"] as? [[String: Any]])?.compactMap { $0["kind"] as? String } ?? []
        #expect(kinds.contains("invalid"))
        #expect(kinds.filter { $0 == "missing-report" }.count == 4)  // May: all four owers, 西城 included
    }

    @Test func impossibleAsOfIsABadCommandLine() throws {
        let run = try run(fixture(), ["--as-of", "2022-02-30"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--as-of '2022-02-30' is not a real day"))
    }

    @Test func badFlagExitsTwo() throws {
        #expect(try run(fixture(), ["--format", "xml"]).status == 2)
    }

    @Test func missingInputPathExitsTwo() throws {
        let f = fixture()
        let run = try DubanProcess.run(["check", f.inputs.path + "/nowhere", "--rules", f.rules.path, "--as-of", "2022-05-07"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("no such file or directory"))
    }

    /// The inputs are listed while the rules load: a problem of the rules is still the one
    /// reported when both are wrong, and a missing input alone is reported once the rules are read.
    @Test func aRulesProblemIsReportedBeforeAMissingInput() throws {
        let f = fixture()
        for command in [["check", f.inputs.path + "/nowhere"], ["self-check", f.inputs.path + "/nowhere.yaml"]] {
            let both = try DubanProcess.run(command + ["--rules", "/nonexistent/rules", "--as-of", "2022-05-07"])
            #expect(both.status == 2)
            #expect(both.stderr == "duban: error: /nonexistent/rules: no such directory\n")
            let input = try DubanProcess.run(command + ["--rules", f.rules.path, "--as-of", "2022-05-07"])
            #expect(input.status == 2)
            #expect(input.stderr == "duban: error: \(command[1]): no such file or directory\n")
        }
    }

    /// The rules start loading before the command line is parsed (`RulesLoading.early`): a bad
    /// command line is still what is reported, and `--rules=dir` reads as `--rules dir`.
    @Test func theRulesLoadingBeforeParsingChangesNothing() throws {
        let f = fixture()
        for command in [["check", f.inputs.path], ["self-check", f.inputs.path + "/shuiwu/2022-04.yaml"]] {
            let bad = try DubanProcess.run(command + ["--rules", "/nonexistent/rules", "--frobnicate"])
            #expect(bad.status == 2)
            #expect(bad.stderr.hasPrefix("Error: Unknown option '--frobnicate'"), "\(bad.stderr)")
            let spaced = try DubanProcess.run(command + ["--rules", f.rules.path, "--as-of", "2022-06-07"])
            let joined = try DubanProcess.run(command + ["--rules=\(f.rules.path)", "--as-of", "2022-06-07"])
            #expect(joined.status == spaced.status)
            #expect(joined.stdout == spaced.stdout)
            #expect(!joined.stdout.isEmpty)
        }
    }

    @Test func outputIsWrittenWhole() throws {
        let f = fixture()
        let out = f.inputs.deletingLastPathComponent().appendingPathComponent("report.json")
        let run = try run(f, ["--as-of", "2022-06-07", "--format", "json", "--output", out.path])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any]
        #expect((json?["summary"] as? [String: Int])?["errors"] == 4)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func selfCheckShowsOnlyWhatTheReportRaises() throws {
        let f = fixture()
        let file = f.submit("dongcheng/2022-05.yaml", "department: 东城区政府\nperiod: 2022-05\nsubmitted: 2022-06-02\ntasks:\n  - {rule: pollution.climate.5.1, status: in-progress}\n  - {rule: pollution.climate.2.1, status: in-progress}\n")
        let run = try DubanProcess.run(["self-check", file, "--rules", f.rules.path, "--as-of", "2022-06-02", "--lang", "en"])
        #expect(run.status == 1)
        #expect(run.stdout == """
        duban self-check — as of 2022-06-02: 1 files, 2 errors, 0 warnings

        东城区政府 — 2 errors, 0 warnings
          \(file):6:5: error: 东城区政府 holds no role in this rule and may not report on it [not-assigned pollution.climate.2.1]
          \(file):1:13: error: the report on 2022-05 says nothing of this rule [unreported pollution.climate.6.1]

        """)
    }

    @Test func templateIsAcceptedBySelfCheck() throws {
        let f = fixture()
        let template = try DubanProcess.run(["template", "--department", "市水务局", "--period", "2022-06", "--rules", f.rules.path])
        #expect(template.status == 0)
        #expect(template.stdout.contains("  - rule: pollution.climate.4.1\n    status: not-started\n"))  // the 6—9月 window
        let file = f.submit("shuiwu/2022-06.yaml", template.stdout)
        let check = try DubanProcess.run(["self-check", file, "--rules", f.rules.path, "--as-of", "2022-07-05", "--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any]
        let kinds = Set((json?["violations"] as? [[String: Any]])?.compactMap { $0["kind"] as? String } ?? [])
        #expect(!kinds.contains("invalid") && !kinds.contains("unreported") && !kinds.contains("not-assigned"), "\(kinds)")
        #expect(check.status == 1)  // the milestone of 3.1 and the June deadline are still open
    }
}

@Suite struct SampleInputsTests {
    /// `make run` checks inputs/ with the defaults of .duban.yml; its summary is the one inputs/README.md promises.
    @Test func theNightlyRunMatchesTheStoryInInputsReadme() throws {
        let readme = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("inputs/README.md"), encoding: .utf8)
        let promised = try #require(readme.split(separator: "\n").first { $0.hasPrefix("Expected summary: ") })
        let run = try DubanProcess.run(["check", "--lang", "en"])
        let header = try #require(run.stdout.split(separator: "\n").first)
        // "duban check — as of 2023-01-06: N files, E errors, W warnings"
        let summary = try #require(header.split(separator: ": ", maxSplits: 1).last)
        #expect("Expected summary: \(summary)" == String(promised))
    }
}

/// Under `make sanitize` the tests that run `duban` must run the sanitized binary built next to
/// them (`DubanProcess.executable`), not a plain one from `.build`.
@Suite struct SanitizedBinaryTests {
    @Test(.enabled(if: DubanProcess.sanitizer != nil, "only under make sanitize"))
    func theBinaryUnderTestCarriesTheSanitizer() throws {
        let runtime = DubanProcess.sanitizer == "thread" ? "ThreadSanitizer" : "AddressSanitizer"
        let binary = try Data(contentsOf: DubanProcess.executable)
        #expect(binary.range(of: Data(runtime.utf8)) != nil, "\(DubanProcess.executable.path) is not built with \(runtime)")
    }
}
