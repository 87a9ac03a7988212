import ArgumentParser
import DubanCore

/// Where the rules are, shared by every command that needs them.
struct RulesOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The rules directory.", valueName: "dir"))
    var rules: String = "rules"

    /// Loads the rules; unusable directories and invalid rules end the command with status 2.
    func load(_ scope: RuleSetLoader.Scope = .everything) -> RuleSet {
        do throws(RuleSetLoader.Unusable) {
            let (set, diagnostics) = try RuleSetLoader.load(directory: rules, scope: scope)
            let errors = diagnostics.filter { $0.severity == .error }
            if !errors.isEmpty {
                fail("the rules in \(rules) have \(errors.count) problems (first: \(errors[0].location): \(errors[0].message)); run 'duban validate \(rules)'")
            }
            return set
        } catch {
            fail(error.description)
        }
    }
}
