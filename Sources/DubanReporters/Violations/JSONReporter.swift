import DubanCore

/// For tools: the fixed shape of SPEC §5 (keys may be added, never renamed).
public struct JSONReporter: CheckReporter {
    public init() {}

    public func render(_ report: CheckReport, language: Language) -> String {
        var out: [UInt8] = []
        write(report, language: language) { out.append(contentsOf: $0) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Written element by element and handed on in pieces of some tens of kilobytes (a piece of
    /// the long arrays: 256 superseded submissions, 48 violations, written a few at once on the
    /// cores), so a large report never exists whole, neither as values nor as text. Keys in
    /// sorted order, as `JSON` has them.
    public func write(_ report: CheckReport, language: Language, to write: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        var w = JSONWriter(capacity: 1 << 12)
        try w.object { w in
            w.member("as_of", report.asOf.description)
            w.key("ledgers")
            w.array(report.ledgers) { $0.value(LedgerTotals.json($1)) }
            w.key("summary")
            w.object { w in
                w.member("errors", report.errors)
                w.member("files", report.files)
                w.member("warnings", report.warnings)
            }
            w.key("superseded")
            try w.array(report.superseded, inPiecesOf: 256, flushingTo: write, state: {}) { w, s, _ in
                w.object { w in
                    w.member("department", s.department)
                    w.member("file", s.file)
                    w.member("period", s.period.description)
                    w.member("submitted", s.submitted.description)
                    w.member("superseded_by", s.supersededBy)
                }
            }
            w.key("violations")
            try w.array(report.violations, inPiecesOf: 48, flushingTo: write, state: { [String: RuleParts]() }) {
                Self.violation($1, into: &$0, reusing: &$2)
            }
        }
        w.raw("\n")
        try w.bytes.withUnsafeBufferPointer(write)
    }

    /// A rule's citation and roles as last written: every violation of a rule carries the same
    /// ones (`ViolationBuilder`), which are copied from here instead of written anew (≈ 15,000
    /// instructions a violation).
    struct RuleParts {
        var citation: Citation?
        var roles: Violation.RoleNames
        var citationJSON: [UInt8] = []
        var rolesJSON: [UInt8] = []
    }

    /// Writes a violation; its citation and roles are copied from `written` (by rule id) when
    /// they are the ones written last for its rule: compared first, which costs little as they
    /// share their storage.
    static func violation(_ v: Violation, into w: inout JSONWriter, reusing written: inout [String: RuleParts]) {
        let known = v.rule.flatMap { written[$0] }.flatMap { $0.citation == v.citation && $0.roles == v.roles ? $0 : nil }
        var fresh = RuleParts(citation: v.citation, roles: v.roles)
        w.object { w in
            w.key("citation")
            if let known {
                w.raw(known.citationJSON)
            } else {
                fresh.citationJSON = w.recording { w in
                    if let citation = v.citation { RuleJSON.write(citation, into: &w) } else { w.null() }
                }
            }
            w.member("department", v.department)
            w.member("due", v.due?.description)
            w.key("evidence")
            w.object { w in
                w.member("reported", v.evidence.reported)
                w.member("required", v.evidence.required)
            }
            w.member("fingerprint", v.fingerprint)
            w.member("kind", v.kind.rawValue)
            w.key("location")
            if let location = v.location {
                w.object { w in
                    w.member("column", location.column)
                    w.member("file", location.file)
                    w.member("line", location.line)
                }
            } else {
                w.null()
            }
            w.member("message", v.message)
            w.member("message_en", v.messageEN)
            w.member("metric", v.metric)
            w.member("period", v.period?.description)
            w.key("roles")
            if let known {
                w.raw(known.rolesJSON)
            } else {
                fresh.rolesJSON = w.recording { w in
                    w.object { w in
                        w.key("assisting")
                        w.array(v.roles.assisting) { $0.string($1) }
                        w.key("lead")
                        w.array(v.roles.lead) { $0.string($1) }
                        w.key("responsible")
                        w.array(v.roles.responsible) { $0.string($1) }
                    }
                }
            }
            w.member("rule", v.rule)
            w.member("scope", v.scope)
            w.member("severity", v.severity.rawValue)
        }
        if known == nil, let rule = v.rule { written[rule] = fresh }
    }
}
