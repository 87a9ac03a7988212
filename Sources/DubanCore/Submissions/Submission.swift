public import Foundation
import DubanYAML

/// One department's status file for one month (SPEC §4), decoded and resolved.
public struct Submission: Sendable {
    public var file: String
    public var department: Department
    public var period: YearMonth
    public var submitted: Day
    public var tasks: [TaskReport]
    /// Rules (by index) whose task entry is there but could not be read: the entry is `invalid`,
    /// and the report still speaks of the rule, so it is not `unreported` as well.
    public var unreadableRules: [Int] = []
    public var metrics: [MetricReport]
    /// Ledgers the file names (docs/ledgers.md), checked with it.
    public var ledgers: [LedgerReference] = []
    /// Where the `department:` key stands, for file-level findings.
    public var location: Violation.Location
}

/// What a department reported about one rule.
public struct TaskReport: Sendable {
    /// SPEC §4 statuses.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case done
        case inProgress = "in-progress"
        case notStarted = "not-started"
        case blocked

        /// The status spelled by `bytes`: compared as bytes, so a valid status builds no String
        /// (nor reads `allCases`, an array that the threads reading files at once would all retain).
        init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
            if Node.equal(bytes, Self.done.rawValue) { self = .done }
            else if Node.equal(bytes, Self.inProgress.rawValue) { self = .inProgress }
            else if Node.equal(bytes, Self.notStarted.rawValue) { self = .notStarted }
            else if Node.equal(bytes, Self.blocked.rawValue) { self = .blocked }
            else { return nil }
        }
    }

    /// The rule's position in `RuleSet.rules` (its id is `rules[ruleIndex].id`).
    public var ruleIndex: Int
    public var status: Status
    public var progress: Decimal?
    public var completed: Day?
    /// Milestones the department declares completed (for `milestones` rules).
    public var milestones: [(due: Day, completed: Day)]
    public var location: Violation.Location
}

/// A value a department reported for a metric.
public struct MetricReport: Sendable {
    public var metric: String
    public var value: Decimal
    /// `city` or a district slug.
    public var scope: String
    public var location: Violation.Location
}

/// A ledger named under `ledgers:` in a status file, with the totals declared for one month.
public struct LedgerReference: Sendable {
    /// The path as written, relative to the status file's folder.
    public var file: String
    /// The path to open: the status file's folder joined with `file`.
    public var path: String
    public var kind: LedgerKind
    public var month: YearMonth
    public var rows: Int?
    /// Declared yuan in whole fen.
    public var totalFen: Int64?
    /// Where `file:`, `rows:` and `total:` stand.
    public var location: Violation.Location
    public var rowsLocation: Violation.Location
    public var totalLocation: Violation.Location
}
