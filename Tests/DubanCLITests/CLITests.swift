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
