import Foundation
import Testing
import TestSupport

/// `duban ledger`, and ledgers named by status files in `check` and `self-check`, as users run them.
@Suite struct LedgerCLITests {
    static let header = "person_id,status,birth_date,month,contribution_base,credited,employer_share\n"
    static let good = header + "P1,in-service,1980-05-01,2022-06,12345.25,246.91,0\nP2,retired,1950-05-01,2022-06,,110,0\n"
    static let rules = TestPaths.rules.path

    static func folder(_ files: [String: String]) -> URL {
        let root = TestPaths.scratchDirectory("duban-ledger-cli")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try! Data(text.utf8).write(to: url)
        }
        return root
    }

    static func kinds(_ json: String) throws -> [String] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let violations = try #require(object["violations"] as? [[String: Any]])
        return violations.map { v in
            let location = v["location"] as? [String: Any]
            let place = [location?["file"] as? String, (location?["line"] as? Int).map(String.init), (location?["column"] as? Int).map(String.init)]
                .compactMap { $0 }.joined(separator: ":")
            return "\(v["kind"] as! String) \(place)"
        }
    }

    @Test func cleanLedgerExitsZeroAndShowsTotals() throws {
        let dir = Self.folder(["good.csv": Self.good])
        let run = try DubanProcess.run(["ledger", "good.csv", "--rules", Self.rules, "--as-of", "2022-07-06", "--lang", "en"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == """
        duban ledger — as of 2022-07-06: 1 files, 0 errors, 0 warnings

        Ledger totals by month:
          good.csv (account-credit)
            2022-06  2 rows  total 356.91 yuan

        """)
    }

    @Test func violationExitsOneWarningOnlyWithFailOn() throws {
        let dir = Self.folder(["bad.csv": Self.header + "P1,in-service,1980-05-01,2022-06,12345.25,246.90,0\n",
                               "early.csv": Self.header + "P1,in-service,1980-05-01,2022-02,12345.25,246.90,0\n"])
        let bad = try DubanProcess.run(["ledger", "bad.csv", "--rules", Self.rules, "--as-of", "2022-07-06"], in: dir)
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("bad.csv:2: error: 在职职工 P1 2022-06 个人账户计入 246.90 元"))
        let early = try DubanProcess.run(["ledger", "early.csv", "--rules", Self.rules, "--as-of", "2022-07-06"], in: dir)
        #expect(early.status == 0)
        let strict = try DubanProcess.run(["ledger", "early.csv", "--rules", Self.rules, "--as-of", "2022-07-06", "--fail-on", "warning"], in: dir)
        #expect(strict.status == 1)
    }

    @Test func unreadableLedgerBesideAGoodOneExitsTwoAndHidesNothing() throws {
        let dir = Self.folder(["good.csv": Self.header + "P1,in-service,1980-05-01,2022-06,12345.25,246.90,0\n",
                               "odd.csv": "name,value\nx,1\n"])
        let run = try DubanProcess.run(["ledger", "missing.csv", "odd.csv", "good.csv", "--rules", Self.rules, "--format", "json"], in: dir)
        #expect(run.status == 2)
        #expect(try Self.kinds(run.stdout) == ["invalid missing.csv:1:1", "invalid odd.csv:1:1", "credit-mismatch good.csv:2"])
        #expect(run.stdout.contains("\"total\": 246.90"))
    }

    /// Every way a ledger, a row or a field can be unreadable is explained in Chinese, the English
    /// kept as `message_en`.
    @Test func unreadableLedgersAndRowsReadInChinese() throws {
        let dir = Self.folder([
            "rows.csv": Self.header + """
            P1,in-service,1980-05-01,2022-06,12345.25,246.91,0,extra
            P2,someone,1950-13-01,2022-6,,11o,-1
            "P3,retired,1950-05-01,2022-06,,110,0
            P4,in-service,1980-05-01,2022-06,,1,0.001
            P5,retired,1950-05-01,2022-06,,12345678901,0
            "P"6",retired,1950-05-01,2022-06,,110,0
            P7,retired,1950-05-01,2022-06,,110

            P8,in-service,1980-05-01,2022-06,1234x,1,0

            """,
            "expense.csv": "person_id,date,beneficiary,payee_kind,category,amount\nP1,2022-06-31,sibling,gym,fitness,+5\n",
            "empty.csv": "",
            "nokind.csv": "a,b\n1,2\n",
            "twice.csv": "person_id,status,birth_date,month,contribution_base,credited,employer_share,month\n",
        ])
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("folder.csv"), withIntermediateDirectories: true)
        let files = ["rows.csv", "expense.csv", "empty.csv", "nokind.csv", "twice.csv", "folder.csv", "missing.csv"]
        let run = try DubanProcess.run(["ledger"] + files + ["--rules", Self.rules, "--as-of", "2022-07-06", "--format", "json"], in: dir)
        #expect(run.status == 2)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let invalid = try #require(object["violations"] as? [[String: Any]]).filter { $0["kind"] as? String == "invalid" }
        #expect(invalid.count >= 18)
        for v in invalid {
            let zh = try #require(v["message"] as? String), en = try #require(v["message_en"] as? String)
            #expect(zh.hasPrefix("账目无法读取："), "\(zh)")
            #expect(ChineseText.problems(zh, english: en).isEmpty, "\(zh) ← \(en): \(ChineseText.problems(zh, english: en))")
        }
    }

    @Test func kindOptionAndHelp() throws {
        let dir = Self.folder(["good.csv": Self.good])
        let wrong = try DubanProcess.run(["ledger", "good.csv", "--kind", "account-expense", "--rules", Self.rules], in: dir)
        #expect(wrong.status == 2)
        #expect(wrong.stdout.contains("good.csv:1:1: error: 账目无法读取：这份 account-expense 账目的表头缺少列 date、beneficiary"))
        let bogus = try DubanProcess.run(["ledger", "good.csv", "--kind", "credit"], in: dir)
        #expect(bogus.status == 2)
        let help = try DubanProcess.run(["ledger", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("duban ledger ledgers/2022-06-credit.csv"))
        #expect(help.stdout.contains("--kind <kind>"))
    }

    // MARK: Ledgers named by status files

    static func yibao(_ ledgers: String) -> String {
        """
        department: 市医保局
        period: 2022-06
        submitted: 2022-07-05
        ledgers:
        \(ledgers)
        """
    }

    @Test func statusFileLedgersAreCheckedAndReconciled() throws {
        let dir = Self.folder([
            "inputs/yibao/2022-06.yaml": Self.yibao("""
              - file: ledgers/2022-06-credit.csv
                kind: account-credit
                month: 2022-06
                rows: 3
                total: 356.90
            """),
            "inputs/yibao/ledgers/2022-06-credit.csv": Self.good,
        ])
        let run = try DubanProcess.run(["check", "inputs", "--rules", Self.rules, "--as-of", "2022-07-06", "--format", "json"], in: dir)
        #expect(run.status == 1, "\(run.stderr)")
        let found = try Self.kinds(run.stdout).filter { $0.hasPrefix("totals-mismatch") || $0.contains(".csv") }
        #expect(found == ["totals-mismatch inputs/yibao/2022-06.yaml:8:11", "totals-mismatch inputs/yibao/2022-06.yaml:9:12"])
        #expect(run.stdout.contains("\"file\": \"inputs/yibao/ledgers/2022-06-credit.csv\""))
        #expect(run.stdout.contains("\"files\": 1"), "the .csv is not read as a status file")
        let same = try DubanProcess.run(["self-check", "inputs/yibao/2022-06.yaml", "--rules", Self.rules, "--as-of", "2022-07-06", "--lang", "en"], in: dir)
        #expect(same.stdout.contains("inputs/yibao/2022-06.yaml:8:11: error: the status file declares 3 rows of 2022-06 in ledgers/2022-06-credit.csv; the ledger has 2"))
        #expect(same.stdout.contains("inputs/yibao/2022-06.yaml:9:12: error: the status file declares 356.90 yuan credited in 2022-06"))
        #expect(same.stdout.contains("2022-06  2 rows  total 356.91 yuan"))
    }

    @Test func ledgerRowsAndUnreadableLedgersOfAStatusFile() throws {
        let dir = Self.folder([
            "inputs/yibao/2022-06.yaml": Self.yibao("""
              - {file: credit.csv, kind: account-credit, month: 2022-06, rows: 1, total: 246.90}
              - {file: gone.csv, kind: account-expense, month: 2022-06}
            """),
            "inputs/yibao/credit.csv": Self.header + "P1,in-service,1980-05-01,2022-06,12345.25,246.90,0\n",
        ])
        let run = try DubanProcess.run(["self-check", "inputs/yibao/2022-06.yaml", "--rules", Self.rules, "--as-of", "2022-07-06", "--format", "json"], in: dir)
        #expect(run.status == 2)
        let found = try Self.kinds(run.stdout).filter { $0.contains(".csv") || $0.contains(":5:") || $0.contains(":6:") }
        #expect(found == ["invalid inputs/yibao/2022-06.yaml:6:12", "credit-mismatch inputs/yibao/credit.csv:2"])
    }

    @Test(arguments: ["../outside.csv", "/etc/passwd", "a/../../b.csv"])
    func pathsLeavingTheFolderAreRefused(path: String) throws {
        let dir = Self.folder([
            "inputs/yibao/2022-06.yaml": Self.yibao("  - {file: \"\(path)\", kind: account-credit, month: 2022-06}"),
            "inputs/outside.csv": Self.good,
        ])
        let run = try DubanProcess.run(["check", "inputs", "--rules", Self.rules, "--as-of", "2022-07-06", "--lang", "en"], in: dir)
        #expect(run.status == 2)
        #expect(run.stdout.contains("inputs/yibao/2022-06.yaml:5:12: error: ledger file '\(path)' must be a relative path inside the status file's folder"))
        #expect(!run.stdout.contains("Ledger totals"))
    }

    /// `duban ledger` reads the registries and the medical-insurance rules only: a broken
    /// pollution rule file does not stop it (it stops `check`, which needs every rule).
    @Test func ledgerReadsOnlyTheRulesItNeeds() throws {
        let dir = Self.folder(["good.csv": Self.good])
        let rules = dir.appendingPathComponent("rules")
        try FileManager.default.copyItem(atPath: Self.rules, toPath: rules.path)
        try Data("rules: [\n".utf8).write(to: rules.appendingPathComponent("pollution/air.yaml"))
        let ledger = try DubanProcess.run(["ledger", "good.csv", "--rules", "rules", "--as-of", "2022-07-06"], in: dir)
        #expect(ledger.status == 0, "\(ledger.stderr)")
        let check = try DubanProcess.run(["check", "good.csv", "--rules", "rules", "--as-of", "2022-07-06"], in: dir)
        #expect(check.status == 2)
        #expect(check.stderr.contains("pollution/air.yaml"))
    }

    /// 市水务局 has no part in the credit standard; 市财政局 assists with it but keeps no ledgers.
    @Test(arguments: [("shuiwu", "市水务局"), ("caizheng", "市财政局")])
    func onlyTheLedgerKeeperMayNameLedgers(slug: String, department: String) throws {
        let dir = Self.folder([
            "inputs/\(slug)/2022-06.yaml": """
            department: \(department)
            period: 2022-06
            submitted: 2022-07-05
            ledgers:
              - {file: credit.csv, kind: account-credit, month: 2022-06}
            """,
            "inputs/\(slug)/credit.csv": Self.good,
        ])
        let run = try DubanProcess.run(["self-check", "inputs/\(slug)/2022-06.yaml", "--rules", Self.rules, "--as-of", "2022-07-06", "--format", "json"], in: dir)
        #expect(try Self.kinds(run.stdout).contains("not-assigned inputs/\(slug)/2022-06.yaml:5:12"))
        #expect(!run.stdout.contains("\"file\": \"inputs/\(slug)/credit.csv\""))
    }

    @Test func badLedgerEntriesAreInvalidAtTheirKeys() throws {
        let dir = Self.folder([
            "inputs/yibao/2022-06.yaml": Self.yibao("""
              - {file: c.csv, kind: credit, month: 2022-06}
              - {file: c.csv, kind: account-credit, month: 2022-13}
              - {file: c.csv, kind: account-credit, month: 2022-06, total: 1.005, rows: -1}
              - {file: c.csv, kind: account-credit, month: 2022-06, sheet: 2}
            """),
            "inputs/yibao/c.csv": Self.good,
        ])
        let run = try DubanProcess.run(["self-check", "inputs/yibao/2022-06.yaml", "--rules", Self.rules, "--as-of", "2022-07-06", "--format", "json"], in: dir)
        #expect(run.status == 2)
        #expect(try Self.kinds(run.stdout).filter { $0.hasPrefix("invalid") } == [
            "invalid inputs/yibao/2022-06.yaml:5:25", "invalid inputs/yibao/2022-06.yaml:6:48", "invalid inputs/yibao/2022-06.yaml:7:64",
            "invalid inputs/yibao/2022-06.yaml:7:77", "invalid inputs/yibao/2022-06.yaml:8:57",
        ])
    }
}

/// The defects `scripts/ledger/gen-ledgers.py` plants are exactly what `duban ledger` finds:
/// every one, at its line, of its kind and rule, for its person, and nothing else.
@Suite struct GeneratedLedgerTests {
    /// One finding as the manifest and the JSON report can both state it.
    struct Finding: Hashable, CustomStringConvertible {
        var line: Int, kind: String, rule: String, person: String
        var description: String { "\(line) \(kind) \(rule) \(person)" }
    }

    // 2026-02 holds 29 February birthdays turning 70 (1956 was a leap year).
    @Test(arguments: [("credit", "2025-12:2026-03"), ("expense", "2022-06:2022-07")])
    func plantedDefectsAreAllFoundAndNoOthers(kind: String, months: String) throws {
        let dir = TestPaths.scratchDirectory("duban-generated-ledger")
        let generator = TestPaths.packageRoot.appendingPathComponent("scripts/ledger/gen-ledgers.py").path
        let generated = try DubanProcess.shell(
            "python3 '\(generator)' ledger.csv --kind \(kind) --rows 6000 --month \(months) --defect-share 0.03 --seed planted --manifest planted.csv",
            in: dir, timeout: 60)
        try #require(generated.status == 0, "\(generated.stderr)")

        let manifest = try String(contentsOf: dir.appendingPathComponent("planted.csv"), encoding: .utf8)
        let planted = Set(manifest.split(separator: "\n").dropFirst().map { line -> Finding in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            // An unreadable row is found at its line; which person it was is not read from it.
            return Finding(line: Int(f[0])!, kind: f[1], rule: f[2], person: f[1] == "invalid" ? "" : f[3])
        })
        #expect(planted.count > 100)
        #expect(Set(planted.map(\.kind)).count == (kind == "credit" ? 3 : 5), "every kind of defect is planted: \(Set(planted.map(\.kind)))")

        let run = try DubanProcess.run(["ledger", "ledger.csv", "--rules", TestPaths.rules.path, "--as-of", "2022-12-31", "--format", "json"], in: dir)
        #expect(run.status == 2, "invalid rows are planted, so the exit status is 2")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let violations = try #require(report["violations"] as? [[String: Any]])
        let found = Set(violations.map { v -> Finding in
            let kind = v["kind"] as! String
            let evidence = v["evidence"] as? [String: Any]
            let person = kind == "invalid" ? "" : String((evidence?["reported"] as? String ?? "").prefix { $0 != ":" })
            let line = (v["location"] as? [String: Any])?["line"] as? Int ?? 0
            return Finding(line: line, kind: kind, rule: v["rule"] as? String ?? "", person: person)
        })
        #expect(found.count == violations.count, "one finding per row")
        #expect(planted.subtracting(found).sorted { $0.line < $1.line } == [], "planted but not found")
        #expect(found.subtracting(planted).sorted { $0.line < $1.line } == [], "found but not planted")
    }
}
