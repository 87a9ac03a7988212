/// A problem found in a rule file or a submission, compiler style: where, how bad, what.
public struct Diagnostic: Error, Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    public var file: String
    public var line: Int?
    public var column: Int?
    public var severity: Severity
    /// In English: rule files are read by CI (`duban validate`).
    public var message: String
    /// In Chinese, where a status file can cause the problem (see `Bilingual`); nil otherwise.
    public var zh: String?
    /// The rule the problem concerns, where there is one.
    public var rule: String?

    public init(file: String, line: Int? = nil, column: Int? = nil, severity: Severity = .error, message: String, zh: String? = nil,
                rule: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
        self.zh = zh
        self.rule = rule
    }

    /// `file:line:column`, as far as known.
    public var location: String {
        var text = file
        if let line { text += ":\(line)" }
        if let column { text += ":\(column)" }
        return text
    }

    /// Sorts by file, then position, then message.
    public static func ordered(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        (a.file, a.line ?? 0, a.column ?? 0, a.message) < (b.file, b.line ?? 0, b.column ?? 0, b.message)
    }
}
