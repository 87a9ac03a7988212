public import DubanCore

/// Output formats of `duban validate`.
public enum DiagnosticFormat: String, CaseIterable, Sendable {
    case text, json
}

/// Renders the problems `duban validate` found in rule files.
public struct DiagnosticReport: Sendable {
    public var diagnostics: [Diagnostic]
    /// Files read.
    public var files: Int

    public init(diagnostics: [Diagnostic], files: Int) {
        self.diagnostics = diagnostics
        self.files = files
    }

    public var errors: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warnings: Int { diagnostics.filter { $0.severity == .warning }.count }

    public func rendered(as format: DiagnosticFormat) -> String {
        switch format {
        case .text: return text()
        case .json: return json().rendered()
        }
    }

    /// Compiler style, one line a problem, then a summary line.
    func text() -> String {
        var out = ""
        for d in diagnostics {
            out += "\(d.location): \(d.severity.rawValue): \(d.message)"
            if let rule = d.rule { out += " [\(rule)]" }
            out += "\n"
        }
        out += "\(files) files checked: \(errors) \(errors == 1 ? "error" : "errors"), \(warnings) \(warnings == 1 ? "warning" : "warnings")\n"
        return out
    }

    func json() -> JSON {
        .object([
            "summary": .object(["errors": .int(errors), "warnings": .int(warnings), "files": .int(files)]),
            "problems": .array(diagnostics.map { d in
                .object([
                    "file": .string(d.file), "line": .optional(d.line), "column": .optional(d.column),
                    "severity": .string(d.severity.rawValue), "message": .string(d.message), "rule": .optional(d.rule),
                ])
            }),
        ])
    }
}
