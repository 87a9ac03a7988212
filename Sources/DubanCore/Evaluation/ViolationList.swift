/// The violations of a report: ordinary violations held whole and ledger row findings held
/// compact (`LedgerFinding`), each built into a `Violation` only when it is read. A report of
/// tens of thousands of ledger findings thus costs about 100 bytes a finding, not 2 KB.
/// Kinds, severities and departments are read without building anything.
public struct ViolationList: RandomAccessCollection, Sendable {
    private let whole: [Violation]
    private let compact: [LedgerFinding]
    /// Per position: an index into `whole`, or the complement (`~i`) of an index into `compact`.
    private let slots: [Int]

    /// `violations` in the order given.
    public init(_ violations: [Violation] = []) {
        self.init(whole: violations, compact: [], slots: Array(violations.indices))
    }

    /// `ordinary` violations, already in report order (`Violation.inReportOrder`), and ledger
    /// findings in the order found, sorted into them: the order `Violation.inReportOrder` gives
    /// all of them built whole. (A finding never ties with an ordinary violation on every key —
    /// its line is a row's and its subject names the row —; if it did, the violation would come first.)
    public init(reportOrdered ordinary: [Violation], ledger findings: [LedgerFinding]) {
        let ledger = Violation.inReportOrder(items: findings)
        var slots: [Int] = []
        slots.reserveCapacity(ordinary.count + ledger.count)
        var i = 0, j = 0
        while i < ordinary.count || j < ledger.count {
            if j < ledger.count && (i == ordinary.count || Violation.precedes(ledger[j], ordinary[i])) {
                slots.append(~j)
                j += 1
            } else {
                slots.append(i)
                i += 1
            }
        }
        self.init(whole: ordinary, compact: ledger, slots: slots)
    }

    private init(whole: [Violation], compact: [LedgerFinding], slots: [Int]) {
        self.whole = whole
        self.compact = compact
        self.slots = slots
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { slots.count }

    /// The violation at `position`, built now if it is a ledger finding.
    public subscript(position: Int) -> Violation {
        let slot = slots[position]
        return slot >= 0 ? whole[slot] : compact[~slot].violation
    }

    public func kind(at position: Int) -> Violation.Kind {
        let slot = slots[position]
        return slot >= 0 ? whole[slot].kind : compact[~slot].kind
    }

    public func severity(at position: Int) -> Diagnostic.Severity {
        let slot = slots[position]
        return slot >= 0 ? whole[slot].severity : compact[~slot].kind.severity
    }

    /// The accountable department's canonical name.
    public func department(at position: Int) -> String? {
        let slot = slots[position]
        return slot >= 0 ? whole[slot].department : compact[~slot].department
    }

    public var errors: Int { indices.count { severity(at: $0) == .error } }
    public var warnings: Int { indices.count { severity(at: $0) == .warning } }

    /// The violations at `positions`, in that order (sharing this list's storage).
    public func subset(_ positions: [Int]) -> ViolationList {
        ViolationList(whole: whole, compact: compact, slots: positions.map { slots[$0] })
    }
}
