import Foundation
import DubanYAML

/// Project defaults read from `.duban.yml` in the working directory: the as-of day of a
/// reproducible run, and where rules and inputs are. Command-line options win.
public struct Config: Sendable {
    public var asOf: Day?
    public var rules: String?
    public var inputs: [String]?

    public init() {}

    public static let fileName = ".duban.yml"

    /// The config in `directory`, none when the file is absent; a broken file is an error.
    public static func load(directory: String = ".") -> Result<Config, Diagnostic> {
        let path = directory == "." ? fileName : directory + "/" + fileName
        guard FileManager.default.fileExists(atPath: path) else { return .success(Config()) }
        switch SourceFile.parse(path: path, display: path, limits: .submissions) {
        case .failure(let d): return .failure(d)
        case .success(nil): return .success(Config())
        case .success(let root?):
            let log = IssueLog()
            var config = Config()
            if let m = MappingReader(root, what: "config", keys: ["as_of", "rules", "inputs"], log: log) {
                config.asOf = m.day("as_of")
                config.rules = m.string("rules")
                let inputs = m.strings("inputs")
                config.inputs = inputs.isEmpty ? nil : inputs.map(\.text)
            }
            if let issue = log.issues.first {
                return .failure(Diagnostic(file: path, issue: issue))
            }
            return .success(config)
        }
    }
}
