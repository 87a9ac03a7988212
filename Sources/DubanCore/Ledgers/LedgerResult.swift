/// The rows and the total of one month of one ledger, every readable row counted (flagged ones too).
public struct LedgerMonthTotal: Sendable, Hashable {
    public var month: YearMonth
    public var rows: Int
    /// Yuan credited (or spent) in whole fen.
    public var fen: Int64

    public init(month: YearMonth, rows: Int, fen: Int64) {
        self.month = month
        self.rows = rows
        self.fen = fen
    }

    /// The total in yuan with two decimals, e.g. `4123456.78`.
    public var yuan: String { LedgerFields.yuan(fen) }
}

/// What a supervisor compares with the fund's books: one ledger's kind and per-month totals.
public struct LedgerSummary: Sendable, Hashable {
    public var file: String
    /// nil when the header could not tell (the file is then `invalid` at 1:1).
    public var kind: LedgerKind?
    /// Lines after the header, readable or not.
    public var lines: Int
    public var months: [LedgerMonthTotal]

    public init(file: String, kind: LedgerKind?, lines: Int, months: [LedgerMonthTotal]) {
        self.file = file
        self.kind = kind
        self.lines = lines
        self.months = months
    }
}

/// Everything one ledger file yields: its totals and its findings.
public struct LedgerResult: Sendable {
    public var summary: LedgerSummary
    /// The rows' findings, compact, in file order (the first 10,000 of each kind).
    public var findings: [LedgerFinding] = []
    /// Findings about the file rather than a row: unreadable file or header, read errors, the
    /// counts of findings not listed, months counted but not checked.
    public var fileViolations: [Violation]
    /// True when the file could be opened and its header read (totals then mean something).
    public var readable: Bool

    /// Every finding built whole: the rows' in file order, then the file's. A report does not
    /// need them so (`ViolationList` builds each as it is read); tests and the fuzzer do.
    public var violations: [Violation] { findings.map(\.violation) + fileViolations }
}
