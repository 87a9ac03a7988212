/// A problem found while reading a file's values, at the node it concerns.
public struct YAMLIssue: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable { case error, warning }

    public var mark: Mark
    /// In English, as `duban validate` and `message_en` show it.
    public var message: String
    /// In Chinese, where the message can come from a status file (`Bilingual`); nil for rule-file-only messages.
    public var zh: String?
    public var severity: Severity

    public init(_ message: String, zh: String? = nil, at mark: Mark, severity: Severity = .error) {
        self.mark = mark
        self.message = message
        self.zh = zh
        self.severity = severity
    }
}

/// Collects issues while a file is decoded, so that every problem is reported at once.
public final class IssueLog {
    public private(set) var issues: [YAMLIssue] = []

    public init() {}

    /// `zh`: the Chinese text, for every message a status file can trigger.
    public func error(_ message: String, zh: String? = nil, at mark: Mark) {
        issues.append(YAMLIssue(message, zh: zh, at: mark))
    }

    public func warning(_ message: String, zh: String? = nil, at mark: Mark) {
        issues.append(YAMLIssue(message, zh: zh, at: mark, severity: .warning))
    }

    public var hasErrors: Bool { issues.contains { $0.severity == .error } }
}
