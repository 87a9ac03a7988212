public import DubanCore

/// For tools: the fixed shape of SPEC §5 (keys may be added, never renamed).
public struct JSONReporter: CheckReporter {
    public init() {}

    public func render(_ report: CheckReport, language: Language) -> String {
        var out: [UInt8] = []
        write(report, language: language) { out.append(contentsOf: $0) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Written element by element and handed on in pieces of about 64 KiB, so a large report
    /// never exists whole, neither as values nor as text. Keys in sorted order, as `JSON` has them.
    public func write(_ report: CheckReport, language: Language, to write: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        let piece = 1 << 16
        var w = JSONWriter(capacity: piece + 4096)
        try w.object { w in
            w.key("as_of")
            w.string(report.asOf.description)
            w.key("ledgers")
            w.array(report.ledgers) { $0.value(LedgerTotals.json($1)) }
            w.key("summary")
            w.object { w in
                w.key("errors")
                w.int(report.errors)
                w.key("files")
                w.int(report.files)
                w.key("warnings")
                w.int(report.warnings)
            }
            w.key("superseded")
            w.array(report.superseded) { w, s in
                w.object { w in
                    w.key("department")
                    w.string(s.department)
                    w.key("file")
                    w.string(s.file)
                    w.key("period")
                    w.string(s.period.description)
                    w.key("submitted")
                    w.string(s.submitted.description)
                    w.key("superseded_by")
                    w.string(s.supersededBy)
                }
            }
            w.key("violations")
            try w.array { w in
                for v in report.violations {
                    w.element()
                    Self.violation(v, into: &w)
                    try w.flush(atLeast: piece, to: write)
                }
            }
        }
        w.raw("\n")
        try w.bytes.withUnsafeBufferPointer(write)
    }

    static func violation(_ v: Violation, into w: inout JSONWriter) {
        w.object { w in
            w.key("citation")
            if let citation = v.citation { w.value(RuleJSON.citation(citation)) } else { w.null() }
            w.key("department")
            w.string(v.department)
            w.key("due")
            w.string(v.due?.description)
            w.key("evidence")
            w.object { w in
                w.key("reported")
                w.string(v.evidence.reported)
                w.key("required")
                w.string(v.evidence.required)
            }
            w.key("fingerprint")
            w.string(v.fingerprint)
            w.key("kind")
            w.string(v.kind.rawValue)
            w.key("location")
            if let location = v.location {
                w.object { w in
                    w.key("column")
                    w.int(location.column)
                    w.key("file")
                    w.string(location.file)
                    w.key("line")
                    w.int(location.line)
                }
            } else {
                w.null()
            }
            w.key("message")
            w.string(v.message)
            w.key("message_en")
            w.string(v.messageEN)
            w.key("metric")
            w.string(v.metric)
            w.key("period")
            w.string(v.period?.description)
            w.key("roles")
            w.object { w in
                w.key("assisting")
                w.array(v.roles.assisting) { $0.string($1) }
                w.key("lead")
                w.array(v.roles.lead) { $0.string($1) }
                w.key("responsible")
                w.array(v.roles.responsible) { $0.string($1) }
            }
            w.key("rule")
            w.string(v.rule)
            w.key("scope")
            w.string(v.scope)
            w.key("severity")
            w.string(v.severity.rawValue)
        }
    }
}
