import Foundation

/// One finding of a check: what is wrong, who is accountable, where it comes from (SPEC §5).
public struct Violation: Sendable, Hashable {
    /// What kind of failure (SPEC §5, plus the medical-insurance kinds).
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case overdue, late
        case missedMilestone = "missed-milestone"
        case missingReport = "missing-report"
        case lateReport = "late-report"
        case unreported
        case targetMissed = "target-missed"
        case offPace = "off-pace"
        case unknownRule = "unknown-rule"
        case notAssigned = "not-assigned"
        case invalid
        /// 京政办发〔2022〕8号: a credit standard applied that is not the one in force.
        case standardMismatch = "standard-mismatch"
        /// A ledger row credits other than the standard in force (docs/ledgers.md).
        case creditMismatch = "credit-mismatch"
        /// A ledger row credits part of the employer's contribution to the personal account.
        case employerShareCredited = "employer-share-credited"
        /// A payment for someone other than the insured, the spouse, parents or children.
        case ineligibleBeneficiary = "ineligible-beneficiary"
        /// A payment to other than a designated institution, pharmacy or linked insurance.
        case undesignatedPayee = "undesignated-payee"
        /// A payment for a use the account may not pay for.
        case prohibitedUse = "prohibited-use"
        /// A payment of zero or a negative amount.
        case nonpositiveAmount = "nonpositive-amount"
        /// Ledger rows of a month before the first standard is in force (counted, not checked).
        case noStandard = "no-standard"
        /// Declared ledger rows or total differ from the ledger's.
        case totalsMismatch = "totals-mismatch"

        public var severity: Diagnostic.Severity {
            switch self {
            case .late, .lateReport, .offPace, .noStandard: return .warning
            default: return .error
            }
        }
    }

    /// Where a violation was found in a file.
    public struct Location: Sendable, Hashable {
        public var file: String
        public var line: Int?
        public var column: Int?

        public init(file: String, line: Int? = nil, column: Int? = nil) {
            self.file = file
            self.line = line
            self.column = column
        }
    }

    /// What was reported against what was required.
    public struct Evidence: Sendable, Hashable {
        public var reported: String?
        public var required: String?

        public init(reported: String?, required: String?) {
            self.reported = reported
            self.required = required
        }
    }

    /// The three role lists by canonical name, groups expanded.
    public struct RoleNames: Sendable, Hashable {
        public var lead: [String] = []
        public var responsible: [String] = []
        public var assisting: [String] = []

        public init(lead: [String] = [], responsible: [String] = [], assisting: [String] = []) {
            self.lead = lead
            self.responsible = responsible
            self.assisting = assisting
        }
    }

    public var rule: String?
    public var kind: Kind
    public var severity: Diagnostic.Severity
    /// The accountable department's canonical name.
    public var department: String?
    public var roles: RoleNames
    public var message: String
    public var messageEN: String
    public var citation: Citation?
    public var due: Day?
    /// The month a report covers, where the violation concerns one.
    public var period: YearMonth?
    public var evidence: Evidence
    public var location: Location?
    public var metric: String?
    public var scope: String?
    /// What else identifies the violation for its fingerprint (a field name, a written rule id).
    public var subject: String?

    /// Same violation, same fingerprint, night after night: FNV-1a 64 over what the violation is,
    /// never where it was found.
    public var fingerprint: String {
        // The parts one by one, each after a unit separator (U+001F), without gathering them first.
        var hash = Fingerprint()
        hash.add(kind.rawValue)
        hash.add(afterSeparator: rule)
        hash.add(afterSeparator: department)
        hash.add(afterSeparator: period?.description ?? due?.description)
        hash.add(afterSeparator: metric)
        hash.add(afterSeparator: scope)
        hash.add(afterSeparator: subject)
        return hash.hex
    }

    /// `violations` in report order: department, rule (reading order; no rule first), kind,
    /// period (none first), file position; a stable sort. The departments and rules are ranked
    /// once, so that a comparison compares integers instead of Chinese names (and rule ids part
    /// by part).
    public static func inReportOrder(_ violations: [Violation]) -> [Violation] {
        inReportOrder(items: violations)
    }

    /// `inReportOrder` of anything that has the keys (compact ledger findings, sorted without building them).
    static func inReportOrder<Item: ReportOrdered>(items violations: [Item]) -> [Item] {
        let departments = ranks(violations.map { $0.department ?? "" }) { $0 }
        let unassigned = violations.map { $0.department == nil }
        let rules = ranks(violations.map(\.rule), key: Rule.IDOrder.init)
        let order = violations.indices.sorted { i, j in
            // Distinct names rank apart, so this is `a.department != b.department`.
            if departments[i].rank != departments[j].rank || unassigned[i] != unassigned[j] {
                return departments[i].rank < departments[j].rank
            }
            // Two ids may rank alike (`a.1`, `a.01`): the distinct value, not the rank, tells them apart.
            if rules[i].value != rules[j].value { return rules[i].rank < rules[j].rank }
            return orderedWithinRule(violations[i], violations[j])
        }
        return order.map { violations[$0] }
    }

    /// For each value, its rank, an integer that orders as the values' keys order (equal for
    /// equal keys), and which distinct value it is; no value ranks first (-1, value -1). Each
    /// value is looked up once, and each distinct value's key made once.
    private static func ranks<Key: Comparable>(_ values: [String?], key: (String) -> Key) -> [(rank: Int, value: Int)] {
        // Distinct values in order of first appearance: violations are found rule by rule, so the
        // sort below mostly meets runs already in order.
        var position: [String: Int] = [:]
        var distinct: [String] = []
        let positions = values.map { value -> Int in
            guard let value else { return -1 }
            if let known = position[value] { return known }
            position[value] = distinct.count
            distinct.append(value)
            return distinct.count - 1
        }
        let keys = distinct.map(key)
        let sorted = keys.indices.sorted { keys[$0] < keys[$1] }
        var rankOf = [Int](repeating: 0, count: keys.count), r = 0
        for (k, d) in sorted.enumerated() {
            if k > 0, keys[sorted[k - 1]] < keys[d] { r += 1 }
            rankOf[d] = r
        }
        return positions.map { $0 < 0 ? (-1, -1) : (rankOf[$0], $0) }
    }

    /// Whether `a` comes before `b` in report order: `inReportOrder` one pair at a time, for
    /// what is sorted or merged without being a `Violation` (a compact ledger finding).
    static func precedes(_ a: some ReportOrdered, _ b: some ReportOrdered) -> Bool {
        if a.department != b.department {
            guard let left = a.department else { return true }
            guard let right = b.department else { return false }
            return left < right
        }
        if a.rule != b.rule {
            guard let left = a.rule else { return true }
            guard let right = b.rule else { return false }
            return Rule.idPrecedes(left, right)
        }
        return orderedWithinRule(a, b)
    }

    /// Report order of two violations of the same department and rule.
    private static func orderedWithinRule(_ a: some ReportOrdered, _ b: some ReportOrdered) -> Bool {
        if a.kind != b.kind { return a.kind.rawValue < b.kind.rawValue }
        if a.period != b.period {
            guard let left = a.period else { return true }
            guard let right = b.period else { return false }
            return left < right
        }
        let la = a.location, lb = b.location
        if la?.file != lb?.file { return (la?.file ?? "") < (lb?.file ?? "") }
        if la?.line != lb?.line { return (la?.line ?? 0) < (lb?.line ?? 0) }
        if la?.column != lb?.column { return (la?.column ?? 0) < (lb?.column ?? 0) }
        return a.lastKey < b.lastKey
    }
}

/// What report order compares (`Violation.inReportOrder`), so that something held in another
/// form (a compact ledger finding) sorts among violations without being built into one.
protocol ReportOrdered {
    var department: String? { get }
    var rule: String? { get }
    var kind: Violation.Kind { get }
    var period: YearMonth? { get }
    var location: Violation.Location? { get }
    /// The last key: the subject, or the message where there is none.
    var lastKey: String { get }
}

extension Violation: ReportOrdered {
    var lastKey: String { subject ?? message }
}

/// A fixed, process-independent hash (Swift's `Hasher` is seeded per process): FNV-1a 64 over
/// UTF-8 text added piece by piece, as 16 hex digits.
public struct Fingerprint {
    private var hash: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add(bytes: $0) }
    }

    mutating func add(bytes: UnsafeBufferPointer<UInt8>) {
        for byte in bytes { add(byte: byte) }
    }

    /// U+001F, then `text` (nothing for nil).
    mutating func add(afterSeparator text: String?) {
        add(byte: 0x1F)
        if let text { add(text) }
    }

    private mutating func add(byte: UInt8) {
        hash ^= UInt64(byte)
        hash = hash &* 0x0000_0100_0000_01B3
    }

    /// The hash so far, as a number (`ByteKeyIndex` hashes with it).
    var value: UInt64 { hash }

    public var hex: String {
        String(unsafeUninitializedCapacity: 16) { out in
            let digits: StaticString = "0123456789abcdef"
            for i in 0..<16 {
                out[i] = digits.utf8Start[Int(hash >> (60 - 4 * UInt64(i)) & 0xF)]
            }
            return 16
        }
    }
}
