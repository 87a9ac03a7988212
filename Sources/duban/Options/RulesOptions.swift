import ArgumentParser
import DubanCore

/// Where the rules are, shared by every command that needs them.
struct RulesOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The rules directory (default: rules, or rules in .duban.yml).", valueName: "dir"))
    var rules: String?

    /// The directory: the option, else the config's, else `rules`.
    var directory: String { rules ?? loadConfig().rules ?? "rules" }

    func load(_ scope: RuleSetLoader.Scope = .everything) -> RuleSet {
        loadRules(directory: directory, scope: scope)
    }
}

/// Loads the rules; an unusable directory or invalid rules end the command with status 2.
func loadRules(directory: String, scope: RuleSetLoader.Scope = .everything) -> RuleSet {
    do throws(RuleSetLoader.Unusable) {
        let (set, diagnostics) = try RuleSetLoader.load(directory: directory, scope: scope)
        let errors = diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            fail("the rules in \(directory) have \(errors.count) problems (first: \(errors[0].location): \(errors[0].message)); run 'duban validate \(directory)'")
        }
        return set
    } catch {
        fail(error.description)
    }
}
