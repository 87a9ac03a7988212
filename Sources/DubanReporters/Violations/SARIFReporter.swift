import DubanCore

/// SARIF 2.1.0 for code-scanning tools: one result per violation, the fingerprint in
/// `partialFingerprints`, no region when the violation has no line, no location without a file;
/// ledger totals, where there are any, in the run's properties as the JSON report has them.
public struct SARIFReporter: CheckReporter {
    public init() {}

    public func render(_ report: CheckReport, language: Language) -> String {
        let kinds = Set(report.violations.indices.map { report.violations.kind(at: $0).rawValue }).sorted()
        let results: [JSON] = report.violations.map { v in
            var result: [String: JSON] = [
                "ruleId": .string(v.kind.rawValue),
                "level": .string(v.severity.rawValue),
                "message": .object(["text": .string(v.message(in: language))]),
                "partialFingerprints": .object(["duban/v1": .string(v.fingerprint)]),
                "properties": .object([
                    "rule": .optional(v.rule), "department": .optional(v.department), "period": .optional(v.period?.description),
                    "due": .optional(v.due?.description), "reported": .optional(v.evidence.reported), "required": .optional(v.evidence.required),
                ]),
            ]
            if let location = v.location {
                var physical: [String: JSON] = ["artifactLocation": .object(["uri": .string(location.file)])]
                if let line = location.line {
                    var region: [String: JSON] = ["startLine": .int(line)]
                    if let column = location.column { region["startColumn"] = .int(column) }
                    physical["region"] = .object(region)
                }
                result["locations"] = .array([.object(["physicalLocation": .object(physical)])])
            }
            return .object(result)
        }
        return JSON.object([
            "$schema": .string("https://json.schemastore.org/sarif-2.1.0.json"),
            "version": .string("2.1.0"),
            "runs": .array([.object([
                "tool": .object(["driver": .object([
                    "name": .string("duban"),
                    "rules": .array(kinds.map { .object(["id": .string($0)]) }),
                ])]),
                "properties": .object(report.ledgers.isEmpty ? ["asOf": .string(report.asOf.description)]
                    : ["asOf": .string(report.asOf.description), "ledgers": .array(report.ledgers.map(LedgerTotals.json))]),
                "results": .array(results),
            ])]),
        ]).rendered()
    }
}
