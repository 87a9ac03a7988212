import Foundation
import Testing
import TestSupport

/// SPEC §7: nothing a department sends may crash duban, hang it, or hide another department's
/// results. Each case places one hostile status file as the only file of a department's folder
/// (`inputs/dongcheng/2022-06.yaml`, for most cases) next to one valid report of another
/// department, and runs `duban check` — and `duban self-check` on the file alone — as of
/// 2022-07-06. Expected, per case: the exit status; exactly the violations located in the hostile
/// file (kind, line:column, English message); whether the file still counts as the department's
/// June report; and the other department's violations exactly as when its report is checked alone.
///
/// Text cases are fixture files in `BadInput/<name>.yaml`; bytes that must not pass through an
/// editor or git's line-ending handling (CRLF, BOM, UTF-16, GBK, NUL, invisible separators, huge
/// files) and things that are not plain files (a directory, symbolic links, a FIFO, an unreadable
/// file) are made in code.
@Suite struct BadInputTests {
    @Test(arguments: BadInputCase.table.map(\.name))
    func checkReportsTheFileAndTheOthersInFull(name: String) throws {
        let expected = try #require(BadInputCase.named(name))
        let run = try BadInputRun(expected)
        defer { run.remove() }
        let outcome = try DubanProcess.run(BadInputCase.checkArguments(rules: run.rules), in: run.root, timeout: 10)
        guard outcome.status != -1 else {
            Issue.record("\(name): check did not finish within 10 s")
            return
        }
        let report = try BadInputReport(outcome)
        BadInputCase.dump(name: name, command: "check", outcome: outcome, report: report, run: run)

        #expect(outcome.status == expected.status, "\(name): \(outcome.stderr)")
        #expect(report.located(in: run.file).sorted() == expected.located.sorted(), "\(name)")
        #expect(report.countsAsJuneReport(of: run.department) == expected.counted, "\(name)")
        #expect(report.files == 2, "\(name)")
        #expect(outcome.stderr.isEmpty, "\(name): \(outcome.stderr)")
        // Every problem found in the file is charged to the folder's owner.
        for department in report.departments(locatedIn: run.file) {
            #expect(department == run.department, "\(name)")
        }
        // The other department's report is evaluated in full, exactly as when it is alone.
        let alone = try BadInputCase.companionAlone(run.companion)
        #expect(report.violations(of: run.companion.department) == alone, "\(name)")
    }

    @Test(arguments: BadInputCase.table.filter(\.selfCheck).map(\.name))
    func selfCheckReportsTheSameProblems(name: String) throws {
        let expected = try #require(BadInputCase.named(name))
        let run = try BadInputRun(expected)
        defer { run.remove() }
        let outcome = try DubanProcess.run(["self-check", run.file, "--rules", run.rules, "--as-of", BadInputCase.asOf, "--format", "json", "--lang", "en"],
                                           in: run.root, timeout: 10)
        guard outcome.status != -1 else {
            Issue.record("\(name): self-check did not finish within 10 s")
            return
        }
        let report = try BadInputReport(outcome)
        BadInputCase.dump(name: name, command: "self-check", outcome: outcome, report: report, run: run)
        #expect(outcome.status == expected.selfCheckStatus, "\(name): \(outcome.stderr)")
        #expect(report.located(in: run.file).sorted() == expected.located.sorted(), "\(name)")
        #expect(report.files == 1, "\(name)")
        #expect(outcome.stderr.isEmpty, "\(name): \(outcome.stderr)")
    }

    /// A folder whose name is not UTF-8 (六月 in GBK, inside a department's folder) is walked all the
    /// same: the report in it is named and refused, where it used to be left out without a word.
    @Test func aReportInAFolderNamedInGBKIsRefusedNotDropped() throws {
        let june: [UInt8] = [0xC1, 0xF9, 0xD4, 0xC2]
        let (status, report) = try checkBesideTheWaterReport { fixture, _ in
            try TestPaths.write(Array(BadInputCase.valid.utf8), in: fixture.inputs, named: [Array("dongcheng".utf8), june, Array("2022-06.yaml".utf8)])
        }
        #expect(status == 2)
        #expect(report.files == 2)
        #expect(report.located(in: "inputs/dongcheng/\\xC1\\xF9\\xD4\\xC2/2022-06.yaml") == [.invalid(1, 1, BadInputCase.notUTF8GBK)])
        #expect(!report.countsAsJuneReport(of: "东城区政府"))
        #expect(report.violations(of: "市水务局") == (try BadInputCase.companionAlone(.water)))
    }

    /// A department's folder that is a link to a folder elsewhere is not walked, and says so: it
    /// is refused at its path, charged to the department, and the others are checked in full.
    @Test func aDepartmentFolderThatIsALinkIsRefusedNotDropped() throws {
        let (status, report) = try checkBesideTheWaterReport { fixture, root in
            let store = root.appendingPathComponent("store")
            try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true)
            try Data(BadInputCase.valid.utf8).write(to: store.appendingPathComponent("2022-06.yaml"))
            try FileManager.default.createSymbolicLink(atPath: fixture.inputs.appendingPathComponent("dongcheng").path, withDestinationPath: "../store")
        }
        #expect(status == 2)
        #expect(report.located(in: "inputs/dongcheng/") == [.invalid(1, 1,
                "symbolic link to a folder: not followed, so no file in it was read; give duban the folder itself, or copy the files here")])
        #expect(report.departments(locatedIn: "inputs/dongcheng/") == ["东城区政府"])
        #expect(report.violations(of: "市水务局") == (try BadInputCase.companionAlone(.water)))
    }

    /// `check` as the cases run it, over the water department's report and what `place` puts
    /// beside it (given the fixture and the folder that holds `inputs`).
    private func checkBesideTheWaterReport(_ place: (EvaluationFixture, URL) throws -> Void) throws -> (status: Int32, report: BadInputReport) {
        let fixture = EvaluationFixture()
        let root = fixture.inputs.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: root) }
        fixture.submit("shuiwu/2022-06.yaml", BadInputCase.Companion.water.text)
        try place(fixture, root)
        let outcome = try DubanProcess.run(BadInputCase.checkArguments(rules: fixture.rules.path), in: root, timeout: 10)
        return (outcome.status, try BadInputReport(outcome))
    }

    /// Every fixture file belongs to a case, and every case has its bytes.
    @Test func everyFixtureFileHasACase() throws {
        let names = Set(BadInputCase.table.map(\.name))
        #expect(names.count == BadInputCase.table.count, "two cases share a name")
        #expect(BadInputCase.table.count >= 45)
        let files = try FileManager.default.contentsOfDirectory(atPath: BadInputCase.fixtures.path).filter { $0.hasSuffix(".yaml") }
        for file in files { #expect(names.contains(String(file.dropLast(5))), "\(file) has no case") }
        for c in BadInputCase.table where c.placement == .file {
            #expect(files.contains(c.name + ".yaml") != (BadInputCase.generated(c.name) != nil), "\(c.name): a fixture file or generated bytes, exactly one")
        }
    }
}

extension BadInputCase {
    /// One violation located in the hostile file.
    struct Located: Comparable, Sendable, CustomStringConvertible {
        var kind: String
        var line: Int
        var column: Int
        var message: String

        init(_ kind: String, _ line: Int, _ column: Int, _ message: String) {
            (self.kind, self.line, self.column, self.message) = (kind, line, column, message)
        }

        static func invalid(_ line: Int, _ column: Int, _ message: String) -> Located { Located("invalid", line, column, message) }

        /// What an entry that cannot be read leaves behind: its rule counts as not reported.
        static let unreported = Located("unreported", 1, 13, "the report on 2022-06 says nothing of this rule")

        var description: String { "\(kind) \(line):\(column) \(message)" }

        /// Violations at one place come in no promised order.
        static func < (a: Located, b: Located) -> Bool {
            (a.line, a.column, a.kind, a.message) < (b.line, b.column, b.kind, b.message)
        }
    }
}

/// A hostile status file and what duban must make of it.
struct BadInputCase: Sendable {
    enum Placement: Sendable, Equatable {
        case file, directory, symlinkLoop, danglingSymlink, fifo, unreadable
        /// A file named by these bytes (not UTF-8, or holding a control character), which duban shows as `shown`.
        case oddName(bytes: [UInt8], shown: String)
    }

    var name: String
    /// Exit status of `check` (`self-check`: see `selfCheckStatus`).
    var status: Int32
    /// Whether the file still counts as the department's report on 2022-06 (no `missing-report` for June).
    var counted: Bool
    /// Exactly the violations whose location is the file (in any order).
    var located: [Located]
    /// The department folder the file is placed in.
    var slug = "dongcheng"
    var placement = Placement.file
    /// Whether `self-check FILE` is run on it too.
    var selfCheck = true

    static let asOf = "2022-07-06"
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("BadInput")
    static let isRoot = geteuid() == 0

    static func named(_ name: String) -> BadInputCase? { table.first { $0.name == name } }

    /// `check` of `inputs` with these rules, as of the cases' day, in English JSON.
    static func checkArguments(rules: String) -> [String] {
        ["check", "inputs", "--rules", rules, "--as-of", asOf, "--format", "json", "--lang", "en"]
    }

    /// A file that is read and counted, with no problem of its own.
    static func accepted(_ name: String, slug: String = "dongcheng", placement: Placement = .file, located: [Located] = []) -> BadInputCase {
        BadInputCase(name: name, status: 1, counted: true, located: located, slug: slug, placement: placement)
    }

    /// A file refused as a whole: one `invalid` violation, and no report for the month.
    static func refused(_ name: String, _ line: Int, _ column: Int, _ message: String, placement: Placement = .file) -> BadInputCase {
        BadInputCase(name: name, status: 2, counted: false, located: [.invalid(line, column, message)], placement: placement)
    }

    /// A file that counts, with problems in some of its entries.
    static func flawed(_ name: String, _ located: [Located], status: Int32 = 2) -> BadInputCase {
        BadInputCase(name: name, status: status, counted: true, located: located)
    }

    /// `self-check` looks only at the report's own month: without problems of its own it exits 0.
    var selfCheckStatus: Int32 {
        if status == 2 { return 2 }
        return located.contains { !["off-pace", "late", "late-report"].contains($0.kind) } ? 1 : 0
    }

    func adding(_ more: Located) -> BadInputCase {
        var c = self
        c.located.append(more)
        return c
    }

    /// The file's bytes: made in code, or read from the fixture folder.
    func bytes() throws -> [UInt8] {
        if let made = Self.generated(name) { return made }
        return try [UInt8](Data(contentsOf: Self.fixtures.appendingPathComponent("\(name).yaml")))
    }

    /// A valid report of 东城区政府 for June 2022; the hostile cases are variations of it.
    static let valid = """
    department: 东城区政府
    period: 2022-06
    submitted: 2022-07-05
    tasks:
      - rule: pollution.climate.5.1
        status: in-progress
        progress: 0.5
      - rule: pollution.climate.6.1
        status: done
        completed: 2022-06-20
    metrics:
      - metric: contaminated_plot_safe_use_pct
        value: 93.5

    """

    static func replacing(_ old: String, with new: String) -> String {
        precondition(valid.contains(old))
        return valid.replacingOccurrences(of: old, with: new)
    }

    /// The valid report with a `note:` on line 8 (after the first task's progress) holding raw bytes.
    static func note(_ raw: [UInt8]) -> [UInt8] {
        let range = valid.range(of: "    progress: 0.5\n")!
        let (head, tail) = (valid[..<range.upperBound], valid[range.upperBound...])
        return Array(head.utf8) + Array("    note: ".utf8) + raw + [0x0A] + Array(tail.utf8)
    }

    /// Bytes made in code, by case name.
    static func generated(_ name: String) -> [UInt8]? {
        let text = Array(valid.utf8)
        let dongcheng = Array("东城".utf8)
        switch name {
        case "crlf-valid":
            return Array(valid.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        case "crlf-impossible-month":
            return Array(replacing("2022-06\n", with: "2022-13\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)
        case "cr-only-line-ends":
            return Array(valid.replacingOccurrences(of: "\n", with: "\r").utf8)
        case "bom-valid":
            return [0xEF, 0xBB, 0xBF] + text
        case "bom-department-no":
            // Columns after a BOM count from the first real character.
            return [0xEF, 0xBB, 0xBF] + Array(replacing("department: 东城区政府", with: "department: no").utf8)
        case "bom-twice":
            return [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + text
        case "bom-only":
            return [0xEF, 0xBB, 0xBF]
        case "utf16le-bom":
            return [0xFF, 0xFE] + valid.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        case "utf16be-no-bom":
            return valid.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        case "utf16le-no-bom":
            return valid.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        case "gbk-department":
            // 东城区政府 in GBK, as an editor with a Chinese locale saves it.
            return Array("department: ".utf8) + [0xB6, 0xAB, 0xB3, 0xC7, 0xC7, 0xF8, 0xD5, 0xFE, 0xB8, 0xAE] + Array("\nperiod: 2022-06\n".utf8)
        case "gbk-note":
            // 已完成 in GBK after UTF-8 Chinese on the same line: the column counts characters.
            return note(dongcheng + [0xD2, 0xD1, 0xCD, 0xEA, 0xB3, 0xC9])
        case "invalid-utf8":
            return note(dongcheng + [0xFF])
        case "utf8-overlong":
            // An overlong encoding of '/' (C0 AF), a classic filter bypass.
            return note(dongcheng + [0xC0, 0xAF])
        case "truncated-utf8":
            // The file ends inside a three-byte character (a cut-off upload).
            return text + Array("# 东".utf8).dropLast(1)
        case "nul-byte":
            return note(dongcheng + [0x00])
        case "control-character":
            return note(dongcheng + [0x07])
        case "escape-sequence":
            return note([0x1B] + Array("[31m东城".utf8))
        case "line-separator-in-note":
            // U+2028, pasted from a web page or a word processor; editors show no line break.
            return note(dongcheng + Array("\u{2028}已完成".utf8))
        case "next-line-in-note":
            return note(dongcheng + Array("\u{85}已完成".utf8))
        case "paragraph-separator-in-note":
            return note(dongcheng + Array("\u{2029}已完成".utf8))
        case "gbk-lookalike-pair":
            // B6 AB is a GBK pair, but FF starts no GBK character: not called GBK.
            return note(dongcheng + [0xB6, 0xAB, 0xFF])
        case "huge-file":
            // Over the 4 MiB limit for status files: a valid report followed by a long comment.
            return text + Array("# ".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 4 << 20) + [0x0A]
        case "scalar-1mb":
            // A 1 MB note is large but within the limit: accepted.
            return note([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
        case "deep-nesting-100000":
            return note([UInt8](repeating: UInt8(ascii: "["), count: 100_000) + [UInt8](repeating: UInt8(ascii: "]"), count: 100_000))
        case "deep-block-nesting-1000":
            // Block mappings nested by indentation alone, one level per line.
            var lines = ""
            for level in 0..<1_000 { lines += "\n" + String(repeating: " ", count: level + 6) + "k:" }
            return note(Array(lines.utf8))
        case "long-line-error":
            // One 10,000-character line with an unknown key at its end: columns count characters, not bytes.
            let note = String(repeating: "中", count: 10_000)
            return Array(replacing("  - rule: pollution.climate.5.1\n    status: in-progress\n    progress: 0.5\n",
                                   with: "  - {rule: pollution.climate.5.1, status: in-progress, note: \(note), statis: x}\n").utf8)
        case "many-entries":
            // 20,000 copies of one task (1.1 MB): each after the first is a duplicate, and each duplicate is
            // a finding with its citation and roles (≈ 17 MB of JSON). 60,000 copies (3.3 MB) took over a
            // second in a release build, nearly all of it writing 50 MB of report, and over 10 s in a debug
            // build on a busy machine; the case is about many entries, not about the report's size.
            let task = "  - {rule: pollution.climate.5.1, status: in-progress}\n"
            return Array(("department: 东城区政府\nperiod: 2022-06\nsubmitted: 2022-07-05\ntasks:\n" + String(repeating: task, count: manyEntries)).utf8)
        case "unreadable", "gbk-file-name", "terminal-escape-in-file-name":
            return text
        default:
            return nil
        }
    }

    static let manyEntries = 20_000

    /// Writes the actual outcome of each case when exploring (`DUBAN_BADINPUT_DUMP=folder`).
    static func dump(name: String, command: String, outcome: DubanProcess.Outcome, report: BadInputReport, run: BadInputRun) {
        guard let folder = ProcessInfo.processInfo.environment["DUBAN_BADINPUT_DUMP"] else { return }
        var text = "\(command) \(name): status \(outcome.status), counted \(report.countsAsJuneReport(of: run.department)), files \(report.files)\n"
        for l in report.located(in: run.file).prefix(20) { text += "    \(l)\n" }
        try? text.write(toFile: "\(folder)/\(command)-\(name).txt", atomically: true, encoding: .utf8)
    }

    /// The other department's violations when its report is checked alone (computed once per companion).
    static func companionAlone(_ companion: Companion) throws -> [String] {
        try companionCache.value(for: companion) {
            let fixture = EvaluationFixture()
            let root = fixture.inputs.deletingLastPathComponent()
            defer { try? FileManager.default.removeItem(at: root) }
            fixture.submit("\(companion.slug)/2022-06.yaml", companion.text)
            let outcome = try DubanProcess.run(checkArguments(rules: fixture.rules.path), in: root, timeout: 10)
            let report = try BadInputReport(outcome)
            // Its report is evaluated in full: its own findings are there, not only missing reports.
            #expect(Set(report.kinds(of: companion.department)).isSuperset(of: companion.kinds), "\(report.kinds(of: companion.department))")
            return report.violations(of: companion.department)
        }
    }

    static let companionCache = BadInputCompanionCache()
}

extension BadInputCase {
    /// The valid report placed next to the hostile file, by another department.
    struct Companion: Sendable, Hashable {
        var slug: String
        var department: String
        var text: String
        /// Kinds its own evaluation must raise.
        var kinds: Set<String>

        /// 市水务局: a June report with a missed milestone, an overdue rule and a lagging progress.
        static let water = Companion(slug: "shuiwu", department: "市水务局", text: """
        department: 市水务局
        period: 2022-06
        submitted: 2022-07-05
        tasks:
          - rule: pollution.climate.2.1
            status: in-progress
          - rule: pollution.climate.3.1
            status: in-progress
          - rule: pollution.climate.4.1
            status: in-progress
          - rule: pollution.climate.5.1
            status: in-progress
            progress: 0.3

        """, kinds: ["missed-milestone", "overdue", "off-pace", "missing-report"])

        /// 东城区政府, for the cases placed in 市水务局's folder: a lagging progress and a missed target.
        static let dongcheng = Companion(slug: "dongcheng", department: "东城区政府", text: """
        department: 东城区政府
        period: 2022-06
        submitted: 2022-07-05
        tasks:
          - rule: pollution.climate.5.1
            status: in-progress
            progress: 0.3
          - rule: pollution.climate.6.1
            status: done
            completed: 2022-06-20
        metrics:
          - metric: contaminated_plot_safe_use_pct
            value: 93

        """, kinds: ["off-pace", "target-missed", "missing-report"])
    }
}

/// Results computed once and shared between test cases running in parallel.
final class BadInputCompanionCache: @unchecked Sendable {
    private var values: [BadInputCase.Companion: [String]] = [:]
    private let lock = NSLock()

    func value(for key: BadInputCase.Companion, _ make: () throws -> [String]) throws -> [String] {
        lock.lock()
        defer { lock.unlock() }
        if let value = values[key] { return value }
        let value = try make()
        values[key] = value
        return value
    }
}

/// A scratch fixture with the hostile file in place.
struct BadInputRun {
    let root: URL
    let rules: String
    /// The hostile file's path as duban names it (relative to `root`).
    let file: String
    let department: String
    let companion: BadInputCase.Companion

    init(_ c: BadInputCase) throws {
        let fixture = EvaluationFixture()
        root = fixture.inputs.deletingLastPathComponent()
        rules = fixture.rules.path
        department = ["dongcheng": "东城区政府", "shuiwu": "市水务局"][c.slug]!
        companion = c.slug == "shuiwu" ? BadInputCase.Companion.dongcheng : .water
        fixture.submit("\(companion.slug)/2022-06.yaml", companion.text)
        if case .oddName(_, let shown) = c.placement {
            file = "inputs/\(c.slug)/\(shown)"
        } else {
            file = "inputs/\(c.slug)/2022-06.yaml"
        }
        let path = root.appendingPathComponent(file).path
        let fm = FileManager.default
        try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        switch c.placement {
        case .file:
            try Data(c.bytes()).write(to: URL(fileURLWithPath: path))
        case .unreadable:
            try Data(c.bytes()).write(to: URL(fileURLWithPath: path))
            try fm.setAttributes([.posixPermissions: 0o000], ofItemAtPath: path)
        case .directory:
            try fm.createDirectory(atPath: path, withIntermediateDirectories: true)
        case .symlinkLoop:
            try fm.createSymbolicLink(atPath: path, withDestinationPath: "2022-06.yaml")
        case .danglingSymlink:
            try fm.createSymbolicLink(atPath: path, withDestinationPath: "2022-06-draft.yaml")
        case .fifo:
            // A named pipe nobody writes to: opening and reading it would block forever.
            try #require(mkfifo(path, 0o644) == 0)
        case .oddName(let bytes, _):
            try TestPaths.write(c.bytes(), in: root, named: [Array("inputs".utf8), Array(c.slug.utf8), bytes])
        }
    }

    /// Deletes the scratch fixture (some cases write megabytes).
    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}

/// The parts of a `--format json` report the cases look at.
struct BadInputReport {
    let files: Int
    let violations: [[String: Any]]

    init(_ outcome: DubanProcess.Outcome) throws {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any],
                                "not a JSON report: \(outcome.stdout.prefix(500)) \(outcome.stderr)")
        files = (json["summary"] as? [String: Any])?["files"] as? Int ?? -1
        violations = json["violations"] as? [[String: Any]] ?? []
    }

    private func location(_ v: [String: Any]) -> [String: Any]? { v["location"] as? [String: Any] }

    private func isIn(_ file: String) -> ([String: Any]) -> Bool {
        { location($0)?["file"] as? String == file }
    }

    func located(in file: String) -> [BadInputCase.Located] {
        violations.filter(isIn(file)).map { v in
            BadInputCase.Located(v["kind"] as? String ?? "", location(v)?["line"] as? Int ?? 0, location(v)?["column"] as? Int ?? 0, v["message_en"] as? String ?? "")
        }
    }

    func departments(locatedIn file: String) -> [String?] {
        violations.filter(isIn(file)).map { $0["department"] as? String }
    }

    /// No `missing-report` for June: the file counts as the department's report.
    func countsAsJuneReport(of department: String) -> Bool {
        !violations.contains { $0["kind"] as? String == "missing-report" && $0["department"] as? String == department && $0["period"] as? String == "2022-06" }
    }

    /// A department's violations, each as canonical JSON.
    func violations(of department: String) -> [String] {
        violations.filter { $0["department"] as? String == department }.map { v in
            String(decoding: try! JSONSerialization.data(withJSONObject: v, options: [.sortedKeys]), as: UTF8.self)
        }
    }

    func kinds(of department: String) -> [String] {
        violations.filter { $0["department"] as? String == department }.compactMap { $0["kind"] as? String }
    }
}

extension BadInputCase {
    static let nines = String(repeating: "9", count: 400)

    /// Every case with its expected outcome.
    static let table: [BadInputCase] = [
        // MARK: Malformed YAML
        .refused("unclosed-quote", 15, 1, "YAML syntax error: found unexpected end of stream (while scanning a quoted scalar at line 8, column 11)"),
        .refused("unclosed-flow", 6, 9, "YAML syntax error: did not find expected ',' or '}' (while parsing a flow mapping at line 5, column 5)"),
        .refused("bad-indentation", 6, 12, "YAML syntax error: mapping values are not allowed in this context"),
        .refused("missing-space-after-colon", 2, 7, "no space after ':': 'period:2022-06' is read as one piece of text; write 'period: 2022-06'"),
        .refused("fullwidth-colon", 1, 11, "full-width colon '：' after 'department'; write an ASCII colon and a space: 'department: …'"),
        .refused("ideographic-space-indent", 6, 1, "full-width space (U+3000) where YAML expects indentation; indent with ASCII spaces"),
        .refused("tab-indentation", 6, 1, "tab character where YAML expects indentation or a value; indent with spaces"),
        .accepted("tab-in-value"),
        .refused("complex-key", 11, 3, "a mapping key must be a single value, not a list"),
        .refused("top-level-list", 1, 1, "status file: expected a mapping of keys to values, found a list"),
        .refused("top-level-scalar", 1, 1, "status file: expected a mapping of keys to values, found a single value"),
        .accepted("flow-style-document"),
        .accepted("yaml-directive"),
        .refused("multi-document", 14, 1, "more than one YAML document in the file (a second '---'); keep one document per file"),

        // MARK: Empty files
        .refused("empty", 1, 1, "the file is empty"),
        .refused("whitespace-only", 1, 1, "the file is empty"),
        .refused("bom-only", 1, 1, "the file is empty"),
        .refused("comments-only", 1, 1, "the file holds no report: it has only comments"),
        .refused("document-marker-only", 2, 1, "status file: expected a mapping of keys to values, found nothing"),

        // MARK: Keys
        .refused("duplicate-top-level-key", 4, 1, "duplicate key 'period' (first at line 2)"),
        .refused("duplicate-task-key", 8, 5, "duplicate key 'status' (first at line 6)"),
        .flawed("duplicate-task", [.invalid(11, 11, "rule pollution.climate.5.1 is reported twice in this file (first at line 5)")]),
        .flawed("duplicate-metric", [.invalid(14, 13, "metric contaminated_plot_safe_use_pct (scope dongcheng) is reported twice in this file (first at line 12)")]),
        BadInputCase(name: "unknown-top-level-key", status: 2, counted: true,
                     located: [.invalid(4, 1, "unknown key 'taks' in status file; did you mean 'tasks'?"), .unreported, .unreported]),
        .refused("capitalised-key", 1, 1, "status file is missing 'department'")
            .adding(.invalid(1, 1, "unknown key 'Department' in status file; did you mean 'department'?")),
        .flawed("unknown-task-key", [.invalid(5, 5, "task is missing 'status'"), .invalid(6, 5, "unknown key 'statis' in task; did you mean 'status'?")]),
        .flawed("merge-key", [.invalid(8, 5, "unknown key '<<' in task")]),

        // MARK: Structure
        .flawed("task-is-a-list", [.invalid(5, 5, "task: expected a mapping of keys to values, found a list"), .unreported]),
        .flawed("task-is-a-scalar", [.invalid(5, 5, "task: expected a mapping of keys to values, found a single value"), .unreported]),
        .flawed("empty-task-item", [.invalid(11, 4, "task: expected a mapping of keys to values, found nothing")]),
        .flawed("tasks-is-a-mapping", [.invalid(5, 3, "status file 'tasks': expected a list, found a mapping"), .unreported, .unreported]),
        .flawed("nesting-at-limit", [.invalid(8, 11, "task 'note': expected text, found a list")]),
        .refused("nesting-over-limit", 8, 72, "nesting deeper than 64 levels"),
        .refused("deep-nesting-100000", 8, 72, "nesting deeper than 64 levels"),
        .refused("deep-block-nesting-1000", 70, 68, "nesting deeper than 64 levels"),

        // MARK: YAML 1.1 surprises and wrong types
        .refused("department-no", 1, 13, #"status file 'department': plain 'no' is read by YAML 1.1 as a boolean; quote it ("no") if you mean the text"#),
        .refused("department-on", 1, 13, #"status file 'department': plain 'on' is read by YAML 1.1 as a boolean; quote it ("on") if you mean the text"#),
        .refused("department-yes", 1, 13, #"status file 'department': plain 'yes' is read by YAML 1.1 as a boolean; quote it ("yes") if you mean the text"#),
        .refused("department-null", 1, 12, "status file is missing 'department'"),
        .refused("department-list", 1, 13, "status file 'department': expected text, found a list"),
        .refused("period-012", 2, 9, "status file 'period': expected a month written YYYY-MM, found '012'"),
        .accepted("quoted-values"),
        .flawed("status-Done", [.invalid(9, 13, "task 'status': expected done, in-progress, not-started or blocked, found 'Done'")]),
        .flawed("status-chinese", [.invalid(6, 13, "task 'status': expected done, in-progress, not-started or blocked, found '进行中'")]),
        .flawed("status-missing", [.invalid(5, 5, "task is missing 'status'")]),
        .flawed("progress-1.5", [.invalid(7, 15, "progress 1.5 must lie between 0 and 1")]),
        .flawed("progress-negative", [.invalid(7, 15, "progress -0.1 must lie between 0 and 1")]),
        .flawed("progress-quoted", [.invalid(7, 15, "task 'progress': expected a number, found the quoted text '0.5'; write the number without quotes")]),
        .flawed("progress-percent", [.invalid(7, 15, "task 'progress': expected a number such as 74.6, found '50%'")]),
        .flawed("progress-leading-dot", [.invalid(7, 15, "task 'progress': expected a number such as 74.6, found '.5'")]),
        .flawed("progress-exponent", [.invalid(7, 15, "task 'progress': expected a number such as 74.6, found '5e-1'")]),
        .flawed("progress-nan", [.invalid(7, 15, "task 'progress': expected a number such as 74.6, found '.nan'")]),
        .flawed("progress-leading-zeros", [.invalid(7, 15, "task 'progress': '00.5' has a leading zero, which YAML 1.1 reads as octal; write 0.5")]),
        .flawed("metric-value-negative-leading-zero", [.invalid(13, 12, "metric report 'value': '-07' has a leading zero, which YAML 1.1 reads as octal; write -7")]),
        .flawed("metric-value-quoted", [.invalid(13, 12, "metric report 'value': expected a number, found the quoted text '93.5'; write the number without quotes")]),
        .flawed("metric-value-comma", [.invalid(13, 12, "metric report 'value': expected a number such as 74.6, found '93,5'")]),
        .flawed("metric-value-huge", [.invalid(13, 12, "metric report 'value': '\(nines.prefix(50))…' has 400 significant digits, more than duban can keep exactly (at most 38)")]),
        .flawed("metric-value-too-precise", [.invalid(13, 12, "metric report 'value': '93.000000000000000000000000000000000000000001' has 44 significant digits, more than duban can keep exactly (at most 38)")]),
        .flawed("metric-bad-scope", [.invalid(14, 12, "scope '东城' must be city or a district")]),
        .flawed("unknown-metric", [.invalid(12, 13, "unknown metric 'contaminated_plot_safe_use'; did you mean 'contaminated_plot_safe_use_pct'?")]),

        // MARK: Dates
        .refused("period-2022-13", 2, 9, "status file 'period': expected a month written YYYY-MM, found '2022-13'"),
        .refused("period-2022-6", 2, 9, "status file 'period': expected a month written YYYY-MM, found '2022-6'"),
        .refused("period-is-a-day", 2, 9, "status file 'period': expected a month written YYYY-MM, found '2022-06-30'"),
        .refused("submitted-2022-02-30", 3, 12, "status file 'submitted': expected a real day written YYYY-MM-DD, found '2022-02-30'"),
        .refused("submitted-with-slashes", 3, 12, "status file 'submitted': expected a real day written YYYY-MM-DD, found '2022/07/05'"),
        .refused("submitted-with-time", 3, 12, "status file 'submitted': expected a real day written YYYY-MM-DD, found '2022-07-05T09:30:00+08:00'"),
        .refused("submitted-after-as-of", 3, 12, "submitted 2022-07-07 is after the as-of day 2022-07-06"),
        .refused("submitted-before-period", 3, 12, "submitted 2022-05-31 is before the reported month 2022-06 began"),
        .refused("submitted-missing", 1, 1, "status file is missing 'submitted'"),
        .flawed("completed-on-not-done", [.invalid(8, 16, "'completed' (2022-06-20) goes only with status done")]),
        .flawed("completed-after-submitted", [.invalid(10, 16, "completed 2022-07-06 is after submitted 2022-07-05")]),
        .flawed("completed-2022-06-31", [.invalid(10, 16, "task 'completed': expected a real day written YYYY-MM-DD, found '2022-06-31'")]),
        .flawed("done-without-completed", [.invalid(9, 13, "status done needs 'completed: YYYY-MM-DD'")]),

        // MARK: Tags, anchors, aliases
        .refused("tag-str", 1, 13, "tags such as '!!str' are not accepted; write a plain or quoted value"),
        .refused("tag-custom", 6, 13, "tags such as '!done' are not accepted; write a plain or quoted value"),
        .refused("anchor", 6, 13, "anchors (&s) are not accepted in this file; write the value out"),
        .refused("alias", 9, 13, "aliases (*s) are not accepted in this file; write the value out"),
        .refused("alias-bomb", 12, 7, "anchors (&a0) are not accepted in this file; write the value out"),

        // MARK: Departments
        .refused("department-group", 1, 13, "'各区政府' is the group 各区政府; a status file is sent by one department"),
        .refused("department-unknown", 1, 13, "unknown department '东城区政'; closest known unit: '东城区政府'"),
        .accepted("department-slug"),
        .accepted("department-variant", slug: "shuiwu", located: [
            Located("missed-milestone", 7, 5, "milestone 2022-03-31 (3月底前启动) not completed on time"),
            Located("overdue", 7, 5, "overdue: due 2022-06-30 (按时间节点完成), last reported in-progress"),
            Located("off-pace", 11, 5, "progress 30% lags the elapsed share of time 49.6%"),
        ]),
        BadInputCase(name: "department-other-unit", status: 1, counted: false, located: [
            Located("not-assigned", 1, 13, "the file is in 东城区政府's folder but reports in the name of 西城区政府; no unit may report for another"),
        ]),
        .flawed("unknown-rule", [Located("unknown-rule", 8, 11, "unknown rule id 'pollution.climat.6.1'; did you mean 'pollution.climate.6.1'?"), .unreported], status: 1),
        .flawed("rule-not-assigned", [Located("not-assigned", 8, 5, "东城区政府 holds no role in this rule and may not report on it"), .unreported], status: 1),

        // MARK: Encodings and bytes
        .accepted("bom-valid"),
        .accepted("bom-twice"),
        .refused("bom-department-no", 1, 13, #"status file 'department': plain 'no' is read by YAML 1.1 as a boolean; quote it ("no") if you mean the text"#),
        .accepted("crlf-valid"),
        .refused("crlf-impossible-month", 2, 9, "status file 'period': expected a month written YYYY-MM, found '2022-13'"),
        .accepted("cr-only-line-ends"),
        .refused("utf16le-bom", 1, 1, "file is encoded as UTF-16; save it as UTF-8"),
        .refused("utf16le-no-bom", 1, 1, "file is encoded as UTF-16; save it as UTF-8"),
        .refused("utf16be-no-bom", 1, 1, "file is encoded as UTF-16; save it as UTF-8"),
        .refused("gbk-department", 1, 13, "invalid UTF-8 (byte 0xB6); the file looks GBK-encoded: save it as UTF-8"),
        .refused("gbk-note", 8, 13, "invalid UTF-8 (byte 0xD2); the file looks GBK-encoded: save it as UTF-8"),
        .refused("invalid-utf8", 8, 13, "invalid UTF-8 (byte 0xFF); save the file as UTF-8"),
        .refused("utf8-overlong", 8, 13, "invalid UTF-8 (byte 0xC0); the file looks GBK-encoded: save it as UTF-8"),
        .refused("truncated-utf8", 14, 3, "the file ends in the middle of a character (byte 0xE4): was it cut off? save it again as UTF-8"),
        .refused("gbk-lookalike-pair", 8, 13, "invalid UTF-8 (byte 0xB6); save the file as UTF-8"),
        .refused("nul-byte", 8, 13, "NUL byte in the file; it is not text"),
        .refused("control-character", 8, 13, "control character in the file; only tab, line feed and carriage return are allowed"),
        .refused("escape-sequence", 8, 11, "control character in the file; only tab, line feed and carriage return are allowed"),
        .refused("line-separator-in-note", 8, 13, "line separator U+2028 in the file (pasted from a web page or word processor?); YAML reads it as a line break: remove it"),
        .refused("next-line-in-note", 8, 13, "next-line character U+0085 in the file; YAML reads it as a line break: remove it"),
        .refused("paragraph-separator-in-note", 8, 13, "paragraph separator U+2029 in the file (pasted from a web page or word processor?); YAML reads it as a line break: remove it"),

        // MARK: Size
        .refused("huge-file", 1, 1, "file is 4194597 bytes, larger than the limit of 4194304 bytes"),
        .accepted("scalar-1mb"),
        .flawed("long-line-error", [.invalid(5, 10064, "unknown key 'statis' in task; did you mean 'status'?")]),
        BadInputCase(name: "many-entries", status: 2, counted: true,
                     located: (6..<(5 + manyEntries)).map { .invalid($0, 12, "rule pollution.climate.5.1 is reported twice in this file (first at line 5)") } + [.unreported],
                     selfCheck: false),

        // MARK: Not a plain file
        BadInputCase(name: "directory-named-yaml", status: 2, counted: false, located: [.invalid(1, 1, "is a directory, not a file")], placement: .directory),
        .refused("symlink-loop", 1, 1, "symbolic link loop: the path never reaches a file", placement: .symlinkLoop),
        .refused("dangling-symlink", 1, 1, "symbolic link to '2022-06-draft.yaml', which does not exist", placement: .danglingSymlink),
        .refused("fifo", 1, 1, "is not a regular file", placement: .fifo),
        // Mode 000: root (as in CI containers) reads it anyway, so it is accepted; anyone else is refused.
        isRoot ? .accepted("unreadable", placement: .unreadable)
               : .refused("unreadable", 1, 1, "permission denied: the file cannot be read", placement: .unreadable),

        // MARK: Names
        // 2022-06报送.yaml with its Chinese in GBK, as a Chinese Windows system names it: a name no
        // String holds, listed with its bytes escaped, charged to its folder's department, never dropped.
        BadInputCase(name: "gbk-file-name", status: 2, counted: false, located: [.invalid(1, 1, notUTF8GBK)],
                     placement: .oddName(bytes: Array("2022-06".utf8) + [0xB1, 0xA8, 0xCB, 0xCD] + Array(".yaml".utf8), shown: "2022-06\\xB1\\xA8\\xCB\\xCD.yaml"),
                     selfCheck: false),
        // A report must not print what a name holds: here an escape that erases the line it stands on.
        BadInputCase(name: "terminal-escape-in-file-name", status: 2, counted: false, located: [.invalid(1, 1,
                     "the path holds a control character (shown as \\u{NNNN}), which would print as something else: rename the file or its folder")],
                     placement: .oddName(bytes: Array("2022-06\u{1B}[2K.yaml".utf8), shown: "2022-06\\u{1B}[2K.yaml"), selfCheck: false),
    ]

    static let notUTF8GBK = "the path is not UTF-8 (its stray bytes are shown as \\xNN); it looks GBK-encoded, as names from a Chinese Windows system are: rename the file or its folder"
}
