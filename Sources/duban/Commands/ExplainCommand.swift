import ArgumentParser
import DubanCore
import DubanReporters

/// `duban explain RULE`: one rule in full.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show one rule in full: roles, deadline, targets and the source sentence.",
        discussion: """
        Examples:
          duban explain pollution.climate.1.1
          duban explain pollution.districts.haidian.pm25_ugm3 --format json
        """
    )

    @Argument(help: ArgumentHelp("The rule id.", valueName: "rule"))
    var id: String

    @Option(help: "Output format: text or json.")
    var format: DiagnosticFormat = .text

    @OptionGroup var rulesOptions: RulesOptions

    func run() throws {
        let set = rulesOptions.load()
        guard let rule = set.rule(id) else {
            let hint = set.closestRuleID(to: id).map { "; did you mean '\($0)'?" } ?? ""
            fail("unknown rule '\(id)'\(hint)")
        }
        let catalog = RuleCatalog(set: set)
        emit(format == .json ? RuleJSON.rule(rule, in: set).rendered() : catalog.explain(rule))
    }
}
