import DubanCore

/// A briefing: counts per department in a table, then each department's violations.
public struct MarkdownReporter: CheckReporter {
    public init() {}

    public func render(_ report: CheckReport, language: Language) -> String {
        let zh = language == .zh
        let command = report.command
        var out = zh ? "# \(command.nameZH)简报（截至 \(report.asOf)）\n\n"
                     : "# duban \(command == .check ? "briefing" : command.name + " briefing") (as of \(report.asOf))\n\n"
        out += zh ? "共 \(report.files) 个\(command.files(.zh))：\(report.errors) 个错误，\(report.warnings) 个警告。\n\n"
                  : "\(report.files) \(command.files(.en)): \(report.errors) errors, \(report.warnings) warnings.\n\n"
        out += zh ? "| 责任单位 | 错误 | 警告 |\n|---|---:|---:|\n" : "| department | errors | warnings |\n|---|---:|---:|\n"
        let groups = report.byDepartment
        for (department, violations) in groups {
            let errors = violations.errors
            out += "| \(cell(department.isEmpty ? "—" : department)) | \(errors) | \(violations.count - errors) |\n"
        }
        for (department, violations) in groups {
            out += "\n## \(department.isEmpty ? (zh ? "无法确定报送单位" : "No department") : department)\n\n"
            out += zh ? "| 级别 | 类型 | 规则 | 期间 | 时限 | 说明 | 位置 |\n|---|---|---|---|---|---|---|\n"
                      : "| severity | kind | rule | period | due | message | where |\n|---|---|---|---|---|---|---|\n"
            for v in violations {
                out += "| \(v.severity.rawValue) | \(v.kind.rawValue) | \(cell(v.rule ?? "—")) | \(v.period?.description ?? "—") | \(v.due?.description ?? "—") | \(cell(v.message(in: language))) | \(cell(v.place ?? "—")) |\n"
            }
        }
        out += LedgerTotals.markdown(report.ledgers, language: language)
        if !report.superseded.isEmpty {
            out += zh ? "\n## 被替代的报送\n\n" : "\n## Superseded submissions\n\n"
            for s in report.superseded { out += "- `\(s.file)` (\(s.department) \(s.period)) → `\(s.supersededBy)`\n" }
        }
        return out
    }

    /// Table cells: no pipes or line breaks.
    private func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\r\n", with: "<br>")
            .replacingOccurrences(of: "\n", with: "<br>")
    }
}
