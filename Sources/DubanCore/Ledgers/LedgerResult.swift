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

/// Everything one ledger file yields: its totals and its findings, in file order.
public struct LedgerResult: Sendable {
    public var summary: LedgerSummary
    public var violations: [Violation]
    /// True when the file could be opened and its header read (totals then mean something).
    public var readable: Bool
}
