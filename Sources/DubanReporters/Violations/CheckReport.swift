public import DubanCore

/// What a check found, ready for any output format.
public struct CheckReport: Sendable {
    /// The command that made the report, named in its heading.
    public enum Command: Sendable {
        case check, selfCheck, ledger

        var name: String {
            switch self {
            case .check: "check"
            case .selfCheck: "self-check"
            case .ledger: "ledger"
            }
        }

        /// The heading's Chinese name of the check.
        var nameZH: String {
            switch self {
            case .check: "督办检查"
            case .selfCheck: "报送自查"
            case .ledger: "账目检查"
            }
        }

        /// What `files` counts, in each language.
        func files(_ language: Language) -> String {
            switch (self, language) {
            case (.ledger, .zh): "账目文件"
            case (.ledger, .en): "ledger files"
            case (_, .zh): "报送文件"
            case (_, .en): "submission files"
            }
        }
    }

    public var command: Command = .check
    public var asOf: Day
    /// In report order as the commands build it (ledger findings built whole only when read).
    public var violations: ViolationList
    public var superseded: [SubmissionLoader.Superseded]
    /// Submission (or ledger) files read.
    public var files: Int
    /// Per-month totals of every ledger read (docs/ledgers.md).
    public var ledgers: [LedgerSummary]

    public init(_ command: Command = .check, asOf: Day, violations: ViolationList, superseded: [SubmissionLoader.Superseded], files: Int,
                ledgers: [LedgerSummary] = []) {
        self.command = command
        self.asOf = asOf
        self.violations = violations
        self.superseded = superseded
        self.files = files
        self.ledgers = ledgers
    }

    /// `violations` in the order given.
    public init(_ command: Command = .check, asOf: Day, violations: [Violation], superseded: [SubmissionLoader.Superseded], files: Int,
                ledgers: [LedgerSummary] = []) {
        self.init(command, asOf: asOf, violations: ViolationList(violations), superseded: superseded, files: files, ledgers: ledgers)
    }

    public var errors: Int { violations.errors }
    public var warnings: Int { violations.warnings }

    /// Violations by accountable department, departments in name order (none last); none is built.
    var byDepartment: [(department: String, violations: ViolationList)] {
        let all = violations
        let groups = Dictionary(grouping: all.indices) { all.department(at: $0) ?? "" }
        return groups.keys.sorted { ($0.isEmpty ? 1 : 0, $0) < ($1.isEmpty ? 1 : 0, $1) }.map { ($0, all.subset(groups[$0]!)) }
    }
}

/// Which language messages are shown in.
public enum Language: String, Sendable, CaseIterable {
    case zh, en
}

extension Violation {
    func message(in language: Language) -> String { language == .zh ? message : messageEN }

    /// `file:line:column` as far as known, or nil when the violation came from no file.
    var place: String? {
        guard let location else { return nil }
        var text = location.file
        if let line = location.line { text += ":\(line)" }
        if let column = location.column { text += ":\(column)" }
        return text
    }
}

/// One output format of a check (SPEC §6).
public protocol CheckReporter {
    func render(_ report: CheckReport, language: Language) -> String
    /// Hands the rendered report to `write` as UTF-8, in one piece or several: a reporter that
    /// builds bytes streams them, so a large report is never held whole.
    func write(_ report: CheckReport, language: Language, to write: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows
}

extension CheckReporter {
    public func write(_ report: CheckReport, language: Language, to write: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        var text = render(report, language: language)
        try text.withUTF8(write)
    }
}

/// The formats `duban check` and `self-check` can write.
public enum CheckFormat: String, CaseIterable, Sendable {
    case text, json, csv, junit, sarif, markdown

    public var reporter: any CheckReporter {
        switch self {
        case .text: return TextReporter()
        case .json: return JSONReporter()
        case .csv: return CSVReporter()
        case .junit: return JUnitReporter()
        case .sarif: return SARIFReporter()
        case .markdown: return MarkdownReporter()
        }
    }
}
