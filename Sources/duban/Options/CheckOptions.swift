import ArgumentParser
import DubanCore
import DubanReporters
import Foundation

/// Options shared by `check` and `self-check`: the day, the format, where the report goes.
struct CheckOptions: ParsableArguments {
    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "Check as of this day (YYYY-MM-DD). Default: as_of in .duban.yml, else today in Beijing time.", valueName: "day"))
    var asOf: String?

    @Option(help: "Output format: text, json, csv, junit, sarif or markdown.")
    var format: CheckFormat = .text

    @Option(help: ArgumentHelp("Write the report to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: "Language of messages: zh or en.")
    var lang: Language = .zh

    @Option(name: .customLong("fail-on"), help: "Lowest severity that makes the exit status 1: error or warning.")
    var failOn: Diagnostic.Severity = .error

    func validate() throws {
        if let asOf, Day(iso: asOf) == nil {
            throw ValidationError("--as-of '\(asOf)' is not a real day; write YYYY-MM-DD, e.g. 2022-07-06")
        }
    }

    /// The as-of day: the option, else the config's, else today in Beijing (UTC+8).
    func day(config: Config) -> Day {
        if let asOf { return Day(iso: asOf)! }
        if let day = config.asOf { return day }
        let seconds = Int(Date().timeIntervalSince1970) + 8 * 3600
        return Day(ordinal: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    }

    /// Writes the report and exits: 2 when a submission was unreadable, 1 when violations
    /// at or above --fail-on were found, else 0.
    func finish(_ report: CheckReport) -> Never {
        let reporter = format.reporter
        if let output {
            do {
                try writeAtomically(to: output) { write in try reporter.write(report, language: lang, to: write) }
            } catch {
                fail("cannot write \(output): \(error.localizedDescription)")
            }
        } else {
            reporter.write(report, language: lang) { FileHandle.standardOutput.write(Data(noCopy: $0)) }
        }
        let violations = report.violations
        if violations.indices.contains(where: { violations.kind(at: $0) == .invalid }) { Foundation.exit(2) }
        let failing = failOn == .warning ? !violations.isEmpty : violations.errors > 0
        Foundation.exit(failing ? 1 : 0)
    }
}

/// Reads the submissions, building the evaluator (who owes what) meanwhile, and checks the
/// ledgers the accepted ones name (docs/ledgers.md); the ledgers' whole violations join the
/// loader's, their rows' compact findings are returned apart (`ViolationList` sorts them in).
func loadSubmissions(_ files: [SubmissionLoader.Input], set: RuleSet, asOf: Day)
    -> (loaded: SubmissionLoader.Result, ledgers: SubmissionLedgers.Outcome, evaluator: Evaluator) {
    var (loaded, evaluator) = SubmissionLoader.load(files: files, set: set, asOf: asOf, beside: { Evaluator(set: set, asOf: asOf) })
    let ledgers = SubmissionLedgers.check(loaded.accepted, set: set)
    loaded.violations += ledgers.violations
    return (loaded, ledgers, evaluator)
}

/// The rules, which `rules` loads on another thread, and the status files `paths` name
/// (`SubmissionLoader.files(in:)`), listed meanwhile on this one: a long list is thus made in
/// this thread's memory, where the rest of the check works. A path that does not exist ends
/// the command with status 2, after any problem of the rules, which is reported first.
func rulesAndInputs(_ rules: RulesLoading, paths: [String], walkFolders: Bool = true) -> (RuleSet, [SubmissionLoader.Input]) {
    let listed = Result<[SubmissionLoader.Input], SubmissionLoader.Unusable> { () throws(SubmissionLoader.Unusable) in
        try SubmissionLoader.files(in: paths, walkFolders: walkFolders)
    }
    let set = usableRules(rules.wait(), directory: rules.directory)
    switch listed {
    case .success(let files): return (set, files)
    case .failure(let error): fail(error.description)
    }
}

/// `.duban.yml` of the working directory, read once a process: the rules loading started with
/// the process, the command and its rules options all ask for it.
let workingConfig = Config.load()

/// `.duban.yml`; a broken config ends the command with status 2.
func loadConfig() -> Config {
    switch workingConfig {
    case .success(let config): return config
    case .failure(let d): fail("\(d.location): \(d.message)")
    }
}

/// Writes a whole file or nothing: a temporary file beside the target, then a rename.
/// `body` writes the content through the function it is given, in one piece or several.
func writeAtomically(to path: String, _ body: (_ write: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Void) throws {
    let url = URL(fileURLWithPath: path)
    let temporary = url.deletingLastPathComponent()
        .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    do {
        // Created empty first: a folder that cannot be written fails here, as a whole write would.
        try Data().write(to: temporary)
        let handle = try FileHandle(forWritingTo: temporary)
        do {
            try body { try handle.write(contentsOf: Data(noCopy: $0)) }
            try handle.close()
        } catch {
            try? handle.close()
            throw error
        }
        if rename(temporary.path, url.path) != 0 {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
    } catch {
        try? FileManager.default.removeItem(at: temporary)
        throw error
    }
}
