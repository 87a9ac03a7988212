import ArgumentParser
import DubanCore
import DubanReporters

/// `duban check [INPUTS…]`: the supervisors' nightly check.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check every submission and report every violation, grouped by accountable department.",
        discussion: """
        Folders are walked recursively and files read in name order. A file anywhere in \
        inputs/<slug>/ is sent by the department with that slug (docs/checks.md). Later submissions \
        for the same department and month supersede earlier ones; the superseded ones are listed. \
        The ledgers a status file names under ledgers: are checked row by row with it (docs/ledgers.md).

        Examples:
          duban check                                  # inputs/ as of today (or as_of in .duban.yml)
          duban check inputs --as-of 2022-07-06
          duban check inputs --format json --output out/report.json
          duban check inputs/shuiwu --lang en --fail-on warning

        Exit status: 0 no violation at or above --fail-on, 1 violations, 2 an unreadable submission \
        (the report still covers every other file) or a bad command line.
        """
    )

    @Argument(help: ArgumentHelp("Status files or folders (default: inputs, or inputs in .duban.yml).", valueName: "inputs"))
    var inputs: [String] = []

    @OptionGroup var options: CheckOptions
    @OptionGroup var rulesOptions: RulesOptions

    func run() throws {
        let config = loadConfig()
        let asOf = options.day(config: config)
        let paths = inputs.isEmpty ? (config.inputs ?? ["inputs"]) : inputs
        // Work that needs nothing of the work beside it runs beside it: the inputs are listed
        // while the rules load, and who owes what is worked out while the submissions are read.
        let (set, files) = rulesAndInputs(rulesOptions.loading(), paths: paths)
        let (loaded, ledgers, evaluator) = loadSubmissions(files, set: set, asOf: asOf)
        let violations = evaluator.evaluate(loaded)
        options.finish(CheckReport(asOf: asOf, violations: ViolationList(reportOrdered: violations, ledger: ledgers.findings),
                                   superseded: loaded.superseded, files: loaded.fileCount, ledgers: ledgers.ledgers))
    }
}
