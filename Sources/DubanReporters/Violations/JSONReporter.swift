public import DubanCore

/// For tools: the fixed shape of SPEC §5 (keys may be added, never renamed).
public struct JSONReporter: CheckReporter {
    public init() {}

    public func render(_ report: CheckReport, language: Language) -> String {
        var out: [UInt8] = []
        write(report, language: language) { out.append(contentsOf: $0) }
        return String(decoding: out, as: UTF8.self)
    }

    public func write(_ report: CheckReport, language: Language, to write: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        let violations = report.violations, superseded = report.superseded
        try JSON.writeObject([
            "as_of": .string(report.asOf.description),
            "summary": .object(["errors": .int(report.errors), "warnings": .int(report.warnings), "files": .int(report.files)]),
            "ledgers": .array(report.ledgers.map(LedgerTotals.json)),
        ], arrays: [
            "violations": (violations.count, { Self.violation(violations[$0]) }),
            "superseded": (superseded.count, { i in
                let s = superseded[i]
                return .object(["file": .string(s.file), "department": .string(s.department), "period": .string(s.period.description),
                                "submitted": .string(s.submitted.description), "superseded_by": .string(s.supersededBy)])
            }),
        ], to: write)
    }

    static func violation(_ v: Violation) -> JSON {
        .object([
            "rule": .optional(v.rule), "kind": .string(v.kind.rawValue), "severity": .string(v.severity.rawValue),
            "department": .optional(v.department), "period": .optional(v.period?.description), "due": .optional(v.due?.description),
            "roles": .object(["lead": .array(v.roles.lead.map(JSON.string)), "responsible": .array(v.roles.responsible.map(JSON.string)),
                              "assisting": .array(v.roles.assisting.map(JSON.string))]),
            "message": .string(v.message), "message_en": .string(v.messageEN),
            "citation": v.citation.map(RuleJSON.citation) ?? .null,
            "evidence": .object(["reported": .optional(v.evidence.reported), "required": .optional(v.evidence.required)]),
            "location": v.location.map { .object(["file": .string($0.file), "line": .optional($0.line), "column": .optional($0.column)]) } ?? .null,
            "metric": .optional(v.metric), "scope": .optional(v.scope),
            "fingerprint": .string(v.fingerprint),
        ])
    }
}
