import ArgumentParser
import DubanCore
import DubanReporters

/// `duban self-check FILE`: a department checks its own submission before sending it.
struct SelfCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "self-check",
        abstract: "Check one submission: format, rule ids, rights, and what the report would trigger.",
        discussion: """
        Shows every violation this report would raise or leave open for its department as of the \
        day: unreadable fields, unknown rules, rules or figures the department has no role in, \
        rules it leaves out, overdue work, missed targets, and lagging progress, and every row of \
        the ledgers it names under ledgers: (docs/ledgers.md).

        Examples:
          duban self-check inputs/shuiwu/2022-06.yaml --as-of 2022-07-05
          duban self-check my-report.yaml --lang en

        Exit status: 0 clean, 1 violations, 2 the file could not be read.
        """
    )

    @Argument(help: ArgumentHelp("The status file.", valueName: "file"))
    var file: String

    @OptionGroup var options: CheckOptions
    @OptionGroup var rulesOptions: RulesOptions

    func run() throws {
        let config = loadConfig()
        let asOf = options.day(config: config)
        let (set, files) = rulesAndInputs(rulesOptions.loading(), paths: [file], walkFolders: false)
        // Who owes what is worked out while the file is read, as in `check`.
        let (loaded, ledgers, evaluator) = loadSubmissions(files, set: set, asOf: asOf)
        var violations = ViolationList(loaded.violations)
        if let submission = loaded.accepted.first {
            let focus = Evaluator.Focus(department: submission.department, period: submission.period)
            violations = ViolationList(reportOrdered: evaluator.evaluate(loaded, focus: focus),
                                       ledger: ledgers.findings.filter(focus.covers))
        }
        options.finish(CheckReport(.selfCheck, asOf: asOf, violations: violations, superseded: [], files: loaded.fileCount, ledgers: ledgers.ledgers))
    }
}
