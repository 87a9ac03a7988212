public import DubanCore
import Foundation

/// The JSON form of rules, citations and roles (SPEC §5), shared by every report that shows them.
public enum RuleJSON {
    public static func rule(_ rule: Rule, in set: RuleSet) -> JSON {
        .object([
            "id": .string(rule.id),
            "kind": .string(rule.kind.rawValue),
            "title": .optional(rule.title),
            "task": .optional(rule.task),
            "citation": citation(rule.citation),
            "roles": roles(rule.roles, registry: set.departments),
            "deadline": rule.deadline.map(deadline) ?? .null,
            "targets": .array(rule.targets.map { target($0, metric: set.metrics[$0.metric]) }),
            "standard": rule.standard.map(standard) ?? .null,
            "uses": rule.uses.map { .object(["allowed": .array($0.allowed.map(JSON.string)), "prohibited": .array($0.prohibited.map(JSON.string))]) } ?? .null,
            "report": rule.report.map(report) ?? .null,
            "note": .optional(rule.note),
            "location": .object(["file": .string(rule.location.file), "line": .int(rule.location.line), "column": .int(rule.location.column)]),
        ])
    }

    public static func citation(_ c: Citation) -> JSON {
        .object([
            "document": .string(c.document), "annex": .optional(c.annex), "item": .optional(c.item),
            "measure": .optional(c.measure), "section": .optional(c.section), "quote": .string(c.quote),
        ])
    }

    /// `citation(_:)` written straight into `w` (keys in sorted order): a report writes one per violation.
    static func write(_ c: Citation, into w: inout JSONWriter) {
        w.object { w in
            w.member("annex", c.annex)
            w.member("document", c.document)
            w.member("item", c.item)
            w.member("measure", c.measure)
            w.member("quote", c.quote)
            w.member("section", c.section)
        }
    }

    /// Role lists by canonical name; a group with members is expanded to them, an open group stays itself.
    public static func roles(_ roles: Roles, registry: DepartmentRegistry) -> JSON {
        .object([
            "lead": .array(registry.names(roles.lead).map(JSON.string)),
            "responsible": .array(registry.names(roles.responsible).map(JSON.string)),
            "assisting": .array(registry.names(roles.assisting).map(JSON.string)),
        ])
    }

    public static func deadline(_ d: Deadline) -> JSON {
        var members: [String: JSON] = ["phrase": .string(d.phrase), "due": .optional(d.finalDay?.description),
                                       "ongoing": .bool(false), "milestones": .array([]), "window": .null]
        switch d.resolution {
        case .due: break
        case .ongoing: members["ongoing"] = .bool(true)
        case .milestones(let ms):
            members["milestones"] = .array(ms.map { .object(["due": .string($0.due.description), "text": .string($0.text)]) })
        case .window(let from, let to):
            members["window"] = .object(["from": .string(from.description), "to": .string(to.description)])
        }
        return .object(members)
    }

    public static func target(_ t: Target, metric: Metric?) -> JSON {
        .object([
            "metric": .string(t.metric), "metric_name": .optional(metric?.name), "op": .string(t.comparison.rawValue),
            "value": .number("\(t.value)"), "tolerance": t.tolerance.map { .number("\($0)") } ?? .null,
            "unit": .string(t.unit), "scope": .string(t.scope.description), "due": .optional(t.due?.description),
            "per": t.perYear ? .string("year") : .null,
        ])
    }

    static func standard(_ s: Standard) -> JSON {
        .object([
            "metric": .string(s.metric),
            "adjusted_by": .array(s.adjustedBy.map { .string($0.unit.name) }),
            "approved_by": .optional(s.approvedBy?.unit.name),
            "values": .array(s.values.map { .object(["effective": .string($0.effective.description), "value": .number("\($0.value)"), "unit": .string($0.unit)]) }),
        ])
    }

    static func report(_ r: ReportDuty) -> JSON {
        .object([
            "recipient": .string(r.recipient.name), "due_working_day": .int(r.dueWorkingDay),
            "first_period": .string(r.firstPeriod.description), "last_period": .string(r.lastPeriod.description),
            "owed_by": .string(r.owedBy),
        ])
    }
}
