import DubanCore
import Foundation

/// A whole rules directory loading on another thread, for `check` and `self-check`, which list
/// their inputs meanwhile. For them it starts with the process (`early`): building the command
/// line's parser takes about 2 ms, in which the rules already load. Nothing is reported from
/// the other thread: the command reports the outcome (`usableRules`).
final class RulesLoading: @unchecked Sendable {
    /// The loading started for this process's arguments, if they name `check` or `self-check`:
    /// the directory is read from the raw arguments as `RulesOptions` reads it from the parsed
    /// ones. A command line read differently costs a second loading, never a wrong one, as
    /// `RulesOptions.loading()` takes this one only for the same directory. Started the first
    /// time it is touched (`Duban.main`).
    static let early = RulesLoading(arguments: CommandLine.arguments)

    let directory: String
    private let done = DispatchGroup()
    // Written once by the loading thread before it leaves `done`, read only after waiting on it.
    private var outcome: Result<(RuleSet, [Diagnostic]), RuleSetLoader.Unusable>?

    /// Starts loading `directory`.
    init(directory: String) {
        self.directory = directory
        done.enter()
        DispatchQueue.global().async { [self] in
            outcome = Result { () throws(RuleSetLoader.Unusable) in try RuleSetLoader.load(directory: directory) }
            done.leave()
        }
    }

    /// Starts loading the rules `arguments` would have `check` or `self-check` load; nil for any
    /// other command. `config` is `.duban.yml`'s, read only when no `--rules` is given.
    convenience init?(arguments: [String], config: () -> Config? = { try? workingConfig.get() }) {
        guard let directory = Self.directory(in: arguments, config: config) else { return nil }
        self.init(directory: directory)
    }

    /// The rule set and its diagnostics, once loaded.
    func wait() -> Result<(RuleSet, [Diagnostic]), RuleSetLoader.Unusable> {
        done.wait()
        return outcome!
    }

    /// The rules directory of a `check` or `self-check` command line (program name first): that of
    /// its one `--rules` option, else the config's, else `rules`. Nil for any other command, for
    /// a repeated `--rules` and for one without its value: those are left to the parser.
    static func directory(in arguments: [String], config: () -> Config?) -> String? {
        guard arguments.count > 1, ["check", "self-check"].contains(arguments[1]) else { return nil }
        var given: [String] = []
        var rest = arguments.dropFirst(2)[...]
        while let argument = rest.popFirst(), argument != "--" {
            if argument == "--rules" {
                guard let value = rest.popFirst(), !value.hasPrefix("-") else { return nil }
                given.append(value)
            } else if argument.hasPrefix("--rules=") {
                given.append(String(argument.dropFirst("--rules=".count)))
            }
        }
        switch given.count {
        case 0: return config()?.rules ?? "rules"
        case 1: return given[0]
        default: return nil
        }
    }
}
