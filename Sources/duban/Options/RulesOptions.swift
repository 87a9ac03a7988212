import ArgumentParser
import DubanCore

/// Where the rules are, shared by every command that needs them.
struct RulesOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The rules directory (default: rules, or rules in .duban.yml).", valueName: "dir"))
    var rules: String?

    /// The directory: the option, else the config's, else `rules`.
    var directory: String { rules ?? loadConfig().rules ?? "rules" }

    func load(_ scope: RuleSetLoader.Scope = .everything) -> RuleSet {
        let directory = directory
        return usableRules(Result { () throws(RuleSetLoader.Unusable) in try RuleSetLoader.load(directory: directory, scope: scope) },
                           directory: directory)
    }

    /// The whole directory, loading on another thread: the loading started with the process
    /// (`RulesLoading.early`) when it is of this directory, else one started now.
    func loading() -> RulesLoading {
        let directory = directory
        if let early = RulesLoading.early, early.directory == directory { return early }
        return RulesLoading(directory: directory)
    }
}

/// The rule set of a loading; an unusable directory or invalid rules end the command with status 2.
func usableRules(_ loaded: Result<(RuleSet, [Diagnostic]), RuleSetLoader.Unusable>, directory: String) -> RuleSet {
    do throws(RuleSetLoader.Unusable) {
        let (set, diagnostics) = try loaded.get()
        let errors = diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            fail("the rules in \(directory) have \(errors.count) problems (first: \(errors[0].location): \(errors[0].message)); run 'duban validate \(directory)'")
        }
        return set
    } catch {
        fail(error.description)
    }
}
