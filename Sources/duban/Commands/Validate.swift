import ArgumentParser
import DubanCore
import DubanReporters

/// `duban validate [RULES]`: what CI runs on the rule files.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check every rule file and report every problem at once.",
        discussion: """
        Checks schema and types, unique ids, ids against citations, departments and metrics \
        (with the closest match), real dates, resolvable deadlines, well-formed targets, and \
        lists as warnings the rules that still lean on a group whose members the text leaves open.

        Examples:
          duban validate
          duban validate rules --format json
          duban validate --strict        # warnings fail too

        Exit status: 0 the rules are valid, 1 problems were found, 2 the directory or the command line could not be used.
        """
    )

    @Argument(help: ArgumentHelp("The rules directory.", valueName: "rules"))
    var directory: String = "rules"

    @Option(help: "Output format: text or json.")
    var format: DiagnosticFormat = .text

    @Flag(help: "Treat warnings as problems (exit 1).")
    var strict = false

    func run() throws {
        let diagnostics: [Diagnostic]
        let files: Int
        do throws(RuleSetLoader.Unusable) {
            let (set, found) = try RuleSetLoader.load(directory: directory)
            diagnostics = found
            files = set.fileCount
        } catch {
            fail(error.description)
        }
        let report = DiagnosticReport(diagnostics: diagnostics, files: files)
        emit(report.rendered(as: format))
        if report.errors > 0 || (strict && report.warnings > 0) {
            throw ExitCode(1)
        }
    }
}

