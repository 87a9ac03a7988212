/// A problem found while reading a file's values, at the node it concerns.
public struct YAMLIssue: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable { case error, warning }

    public var mark: Mark
    public var message: String
    public var severity: Severity

    public init(_ message: String, at mark: Mark, severity: Severity = .error) {
        self.mark = mark
        self.message = message
        self.severity = severity
    }
}

/// Collects issues while a file is decoded, so that every problem is reported at once.
public final class IssueLog {
    public private(set) var issues: [YAMLIssue] = []

    public init() {}

    public func error(_ message: String, at mark: Mark) {
        issues.append(YAMLIssue(message, at: mark))
    }

    public func warning(_ message: String, at mark: Mark) {
        issues.append(YAMLIssue(message, at: mark, severity: .warning))
    }

    public var hasErrors: Bool { issues.contains { $0.severity == .error } }
}
