import Foundation
public import DubanYAML

/// Loads a rules directory: registries first (documents, departments, metrics, calendar),
/// then every rule file, collecting every problem of every file.
///
/// Layout: `documents.yaml`, `departments.yaml`, `metrics/*.yaml`, `calendar/*.yaml`;
/// every other `.yaml` file is a rule file.
public enum RuleSetLoader {
    /// Why a rules directory cannot be used at all.
    public struct Unusable: Error, CustomStringConvertible {
        public var description: String
    }

    /// What to load: everything; only the working-day calendar (which needs nothing else); or
    /// every registry and the rule files of one document (`<key>.yaml` or `<key>/…`, the layout
    /// of docs/rule-format.md), as `duban ledger` needs only the medical-insurance rules.
    public enum Scope: Sendable, Equatable {
        case everything, calendar
        case document(String)

        func includes(_ file: String) -> Bool {
            switch self {
            case .everything: true
            case .calendar: file.hasPrefix("calendar/")
            case .document(let key): RuleSetLoader.isRegistry(file) || file == "\(key).yaml" || file.hasPrefix("\(key)/")
            }
        }
    }

    static func isRegistry(_ file: String) -> Bool {
        file == "documents.yaml" || file == "departments.yaml" || file.hasPrefix("metrics/") || file.hasPrefix("calendar/")
    }

    /// The rule set and every diagnostic, sorted. Throws only when the directory cannot be read.
    public static func load(directory: String, scope: Scope = .everything, limits: YAMLLimits = .rules) throws(Unusable) -> (RuleSet, [Diagnostic]) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw Unusable(description: "\(directory): no such directory")
        }
        guard isDirectory.boolValue else { throw Unusable(description: "\(directory): not a directory") }
        // What the walk could not look into is a finding at its path, whatever the scope (it may
        // hold any file); the rest is read by name.
        let listed = SourceFile.yamlFiles(under: directory).filter { $0.failure != nil || scope.includes($0.path) }
        var set = RuleSet()
        set.fileCount = listed.count
        var diagnostics: [Diagnostic] = []

        func display(_ relative: String) -> String {
            directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
        }
        var files: [String] = []
        for entry in listed {
            if let failure = entry.failure {
                diagnostics.append(failure.diagnostic(file: display(entry.path)))
            } else {
                files.append(entry.path)
            }
        }
        func withFile(_ relative: String, _ body: (Node, IssueLog) -> Void) {
            let shown = display(relative)
            switch SourceFile.parse(path: shown, display: shown, limits: limits) {
            case .failure(let d): diagnostics.append(d)
            case .success(nil): diagnostics.append(Diagnostic(file: shown, line: 1, column: 1, message: "file is empty"))
            case .success(let root?):
                let log = IssueLog()
                body(root, log)
                diagnostics += log.issues.map { Diagnostic(file: shown, issue: $0) }
            }
        }

        for required in ["documents.yaml", "departments.yaml"] where scope != .calendar && !files.contains(required) {
            diagnostics.append(Diagnostic(file: display(required), message: "missing: every rules directory needs \(required)"))
        }
        let (registries, rules) = files.reduce(into: ([String](), [String]())) { acc, f in
            if isRegistry(f) { acc.0.append(f) } else { acc.1.append(f) }
        }
        var metricOrigins: [String: String] = [:]
        for file in registries.sorted(by: registryOrder) {
            withFile(file) { root, log in
                switch file {
                case "documents.yaml": RegistryDecoding.documents(root, into: &set, log: log)
                case "departments.yaml": RegistryDecoding.departments(root, into: &set, log: log)
                case _ where file.hasPrefix("metrics/"):
                    RegistryDecoding.metrics(root, into: &set, log: log, file: display(file), origins: &metricOrigins)
                default: RegistryDecoding.calendar(root, into: &set, log: log)
                }
            }
        }
        // Rule files need only the registries: they are parsed and decoded in parallel, each
        // into its own slot, and taken in file order.
        let registrySet = set, shownPaths = rules.map(display)
        var slots = [([Rule], [Diagnostic])](repeating: ([], []), count: rules.count)
        slots.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: rules.count) { i in
                let shown = shownPaths[i]
                switch SourceFile.parse(path: shown, display: shown, limits: limits) {
                case .failure(let d): out[i] = ([], [d])
                case .success(nil): out[i] = ([], [Diagnostic(file: shown, line: 1, column: 1, message: "file is empty")])
                case .success(let root?):
                    let log = IssueLog()
                    let decoded = RuleDecoding(set: registrySet, file: shown, log: log).decodeFile(root)
                    out[i] = (decoded, log.issues.map { Diagnostic(file: shown, issue: $0) })
                }
            }
        }
        var loaded: [Rule] = []
        for (decoded, found) in slots {
            loaded += decoded
            diagnostics += found
        }
        diagnostics += RuleSetValidator.check(loaded, in: set)
        // Sort the positions, not the rules: moving a rule moves (and retains) all its fields.
        let order = loaded.map { Rule.IDOrder($0.id) }
        set.rules = order.indices.sorted { order[$0] < order[$1] }.map { loaded[$0] }
        return (set, diagnostics.sorted(by: Diagnostic.ordered))
    }

    /// Documents before departments before metrics before calendars: later files refer to earlier ones.
    private static func registryOrder(_ a: String, _ b: String) -> Bool {
        func rank(_ f: String) -> Int {
            f == "documents.yaml" ? 0 : f == "departments.yaml" ? 1 : f.hasPrefix("metrics/") ? 2 : 3
        }
        return (rank(a), a) < (rank(b), b)
    }
}
