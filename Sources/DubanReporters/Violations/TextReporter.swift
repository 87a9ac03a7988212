import DubanCore

/// For people: a header, then the violations grouped by accountable department, compiler style.
public struct TextReporter: CheckReporter {
    public init() {}

    public func render(_ report: CheckReport, language: Language) -> String {
        let command = report.command
        var out = language == .zh
            ? "duban \(command.nameZH) — 截至 \(report.asOf)：\(report.files) 个\(command.files(.zh))，\(report.errors) 个错误，\(report.warnings) 个警告\n"
            : "duban \(command.name) — as of \(report.asOf): \(report.files) files, \(report.errors) errors, \(report.warnings) warnings\n"
        for (department, violations) in report.byDepartment {
            let errors = violations.errors
            let name = department.isEmpty ? (language == .zh ? "（无法确定报送单位）" : "(no department)") : department
            out += language == .zh
                ? "\n\(name) — \(errors) 个错误，\(violations.count - errors) 个警告\n"
                : "\n\(name) — \(errors) errors, \(violations.count - errors) warnings\n"
            for v in violations {
                var line = "  "
                if let place = v.place { line += "\(place): " }
                line += "\(v.severity.rawValue): \(v.message(in: language).replacingOccurrences(of: "\n", with: " ")) [\(v.kind.rawValue)"
                if let rule = v.rule { line += " \(rule)" }
                out += line + "]\n"
            }
        }
        out += LedgerTotals.text(report.ledgers, language: language)
        if !report.superseded.isEmpty {
            out += language == .zh ? "\n已被后续报送替代的文件：\n" : "\nSuperseded submissions:\n"
            for s in report.superseded {
                out += "  \(s.file) (\(s.department) \(s.period), \(s.submitted)) → \(s.supersededBy)\n"
            }
        }
        return out
    }
}
