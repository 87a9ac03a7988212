import DubanCore

/// One row per violation, UTF-8, RFC 4180 quoting.
public struct CSVReporter: CheckReporter {
    public init() {}

    static let header = ["severity", "kind", "rule", "department", "period", "due", "file", "line", "column",
                         "message", "reported", "required", "fingerprint"]

    public func render(_ report: CheckReport, language: Language) -> String {
        var rows = [Self.header]
        for v in report.violations {
            rows.append([v.severity.rawValue, v.kind.rawValue, v.rule ?? "", v.department ?? "", v.period?.description ?? "",
                         v.due?.description ?? "", v.location?.file ?? "", v.location?.line.map(String.init) ?? "",
                         v.location?.column.map(String.init) ?? "", v.message(in: language), v.evidence.reported ?? "",
                         v.evidence.required ?? "", v.fingerprint])
        }
        return rows.map { $0.map(Self.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
