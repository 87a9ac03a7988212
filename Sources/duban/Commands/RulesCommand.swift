import ArgumentParser
import DubanCore
import DubanReporters

/// `duban rules [--department D]`: list the rules.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules, or those in which one department holds a role.",
        discussion: """
        Examples:
          duban rules
          duban rules --department 市水务局      # canonical name, slug or known variant
          duban rules --department shuiwu --format json
        """
    )

    @Option(help: ArgumentHelp("Only rules in which this department holds a role (directly or as a group member).", valueName: "department"))
    var department: String?

    @Option(help: "Output format: text or json.")
    var format: DiagnosticFormat = .text

    @OptionGroup var rulesOptions: RulesOptions

    func run() throws {
        let set = rulesOptions.load()
        var rules = set.rules
        if let department {
            rules = set.rules(for: resolveDepartment(department, in: set))
        }
        let catalog = RuleCatalog(set: set)
        emit(format == .json ? catalog.json(rules).rendered() : catalog.list(rules))
    }
}

/// A department given on the command line; anything else ends the command with status 2.
func resolveDepartment(_ text: String, in set: RuleSet) -> Department {
    switch set.departments.resolve(text) {
    case .department(let d)?:
        return d
    case .group(let g)?:
        fail("'\(text)' is the group \(g.name), not one department; name one of its members")
    case nil:
        let hint = set.departments.closestName(to: text).map { "; did you mean '\($0)'?" } ?? ""
        fail("unknown department '\(text)'\(hint)")
    }
}
