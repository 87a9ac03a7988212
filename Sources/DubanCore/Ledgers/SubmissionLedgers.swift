/// Checks the ledgers that status files name (`ledgers:`, docs/ledgers.md): rights first (only
/// 市医保局, accountable for every ledger finding, may name ledgers), then every row, then the
/// declared rows and totals against the ledger's own.
public enum SubmissionLedgers {
    /// Findings and per-month totals of every ledger named by the accepted submissions.
    public struct Outcome: Sendable {
        /// The rows' findings, compact (built whole only when a report reads them).
        public var findings: [LedgerFinding] = []
        /// Everything else: rights, unreadable ledgers, file-level findings, declared totals.
        public var violations: [Violation] = []
        public var ledgers: [LedgerSummary] = []
    }

    /// `checker` nil uses the default chunk size and every core.
    public static func check(_ submissions: [Submission], set: RuleSet, checker given: LedgerChecker? = nil) -> Outcome {
        var outcome = Outcome()
        let named = submissions.filter { !$0.ledgers.isEmpty }
        guard !named.isEmpty else { return outcome }
        let build = ViolationBuilder(set: set)
        let checker: LedgerChecker
        do throws(LedgerChecker.MissingRules) {
            if let given { checker = given } else { checker = try LedgerChecker(set: set) }
        } catch {
            for s in named {
                outcome.violations.append(build.invalid("规则缺少账目检查所需的规则：\(error.description)", error.description,
                                                        at: s.ledgers[0].location, department: s.department.name, period: s.period,
                                                        subject: "ledger rules"))
            }
            return outcome
        }
        let inService = checker.rules.inService
        var results: [String: LedgerResult] = [:]
        for s in named {
            // The ledgers are kept by the department that answers for every ledger finding (the
            // lead of the credit standard); one that only assists with the standard keeps none.
            guard s.department.name == checker.department else {
                for ledger in s.ledgers {
                    outcome.violations.append(build.make(.notAssigned, rule: inService, department: s.department.name,
                        zh: "\(s.department.name) 不承担医保个人账户台账的报送责任，不得报送账目 \(ledger.file)",
                        en: "\(s.department.name) keeps no personal-account ledgers and may not submit \(ledger.file)",
                        period: s.period, reported: s.department.name, required: checker.department, location: ledger.location,
                        subject: "ledger \(ledger.file)"))
                }
                continue
            }
            for ledger in s.ledgers {
                let key = "\(ledger.kind.rawValue) \(ledger.path)"
                if results[key] == nil {
                    let result = checker.check(path: ledger.path, kind: ledger.kind, unreadableAt: ledger.location)
                    results[key] = result
                    outcome.findings += result.findings
                    outcome.violations += result.fileViolations
                    if result.readable { outcome.ledgers.append(result.summary) }
                }
                guard let result = results[key], result.readable else { continue }
                outcome.violations += reconcile(ledger, result.summary, checker: checker)
            }
        }
        return outcome
    }

    /// `totals-mismatch` where the declared rows or total of the month differ from the ledger's.
    static func reconcile(_ ledger: LedgerReference, _ summary: LedgerSummary, checker: LedgerChecker) -> [Violation] {
        let month = summary.months.first { $0.month == ledger.month } ?? LedgerMonthTotal(month: ledger.month, rows: 0, fen: 0)
        let rules = checker.rules
        let rule = ledger.kind == .accountCredit ? rules.inService : rules.accountUse
        let what = ledger.kind == .accountCredit ? ("计入", "credited") : ("支付", "spent")
        var found: [Violation] = []
        if let rows = ledger.rows, rows != month.rows {
            found.append(rules.build.make(.totalsMismatch, rule: rule, department: rules.department,
                zh: "报送文件申报 \(ledger.file) \(ledger.month) 共 \(rows) 行，账目实有 \(month.rows) 行",
                en: "the status file declares \(rows) rows of \(ledger.month) in \(ledger.file); the ledger has \(month.rows)",
                period: ledger.month, reported: "\(rows) rows", required: "\(month.rows) rows", location: ledger.rowsLocation,
                subject: "rows \(ledger.file)"))
        }
        if let total = ledger.totalFen, total != month.fen {
            let declared = LedgerFields.yuan(total)
            found.append(rules.build.make(.totalsMismatch, rule: rule, department: rules.department,
                zh: "报送文件申报 \(ledger.file) \(ledger.month) \(what.0)合计 \(declared) 元，账目合计 \(month.yuan) 元",
                en: "the status file declares \(declared) yuan \(what.1) in \(ledger.month) in \(ledger.file); the ledger totals \(month.yuan)",
                period: ledger.month, reported: declared, required: month.yuan, location: ledger.totalLocation,
                subject: "total \(ledger.file)"))
        }
        return found
    }
}
