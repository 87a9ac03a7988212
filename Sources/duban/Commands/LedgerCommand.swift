import ArgumentParser
import DubanCore
import DubanReporters

/// `duban ledger FILE…`: checks 市医保局's account ledgers alone (docs/ledgers.md).
struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Check medical-insurance account ledgers (CSV) row by row against 京政办发〔2022〕8号.",
        discussion: """
        Every row of an account-credit ledger is checked against the credit standards in force in \
        its month (2% of the own contribution base, to the fen half-up; 100 or 110 yuan for \
        retirees under or from 70; nothing of the employer's share); every row of an \
        account-expense ledger against the allowed uses (beneficiary, payee, category, a positive \
        amount). The report lists the rows and the total of every month of every ledger. The \
        ledger's kind is read from its header unless --kind gives it. Formats, checks and \
        conventions: docs/ledgers.md.

        Examples:
          duban ledger ledgers/2022-06-credit.csv
          duban ledger ledgers/*.csv --format json --output out/ledgers.json
          duban ledger expenses.csv --kind account-expense --lang en

        Exit status: 0 no violation at or above --fail-on, 1 violations, 2 a ledger, row or field \
        that could not be read (every other row and file is still checked) or a bad command line.
        """
    )

    @Argument(help: ArgumentHelp("Ledger files (CSV).", valueName: "file"))
    var files: [String]

    @Option(help: "The ledgers' kind: account-credit or account-expense (default: read from each header).")
    var kind: LedgerKind?

    @OptionGroup var options: CheckOptions
    @OptionGroup var rulesOptions: RulesOptions

    func run() throws {
        let config = loadConfig()
        let set = rulesOptions.load(.document("medins"))
        let asOf = options.day(config: config)
        let checker: LedgerChecker
        do throws(LedgerChecker.MissingRules) {
            checker = try LedgerChecker(set: set)
        } catch {
            fail(error.description)
        }
        var findings: [LedgerFinding] = []
        var violations: [Violation] = []
        var ledgers: [LedgerSummary] = []
        for file in files {
            let result = checker.check(path: file, kind: kind)
            findings += result.findings
            violations += result.fileViolations
            if result.readable { ledgers.append(result.summary) }
        }
        let all = ViolationList(reportOrdered: Violation.inReportOrder(violations), ledger: findings)
        options.finish(CheckReport(.ledger, asOf: asOf, violations: all, superseded: [], files: files.count, ledgers: ledgers))
    }
}
