import Foundation
import DubanYAML

/// Decodes a rule file against the registries already loaded, resolving every
/// department and metric and checking each rule on its own (cross-rule checks: `RuleSetValidator`).
struct RuleDecoding {
    let set: RuleSet
    let file: String
    let log: IssueLog

    static let ruleKeys = ["id", "kind", "title", "task", "citation", "roles", "deadline", "targets",
                           "report", "standard", "uses", "note"]

    func decodeFile(_ root: Node) -> [Rule] {
        guard let m = MappingReader(root, what: "rule file", keys: ["document", "annex", "section", "rules"], log: log) else { return [] }
        guard let key = m.string("document", required: true) else { return [] }
        guard let document = set.documents[key] else {
            log.error("unknown document '\(key)'\(Suggestion.hint(for: key, in: set.documents.keys))", at: m.mark("document"))
            return []
        }
        let annex = m.int("annex")
        let section = m.string("section")
        if annex != nil && section == nil {
            log.error("an annex file needs 'section' (climate, air, water, soil, ecology, districts)", at: root.mark)
        }
        let context = FileContext(document: document, annex: annex, section: section)
        return m.list("rules", required: true).compactMap { decodeRule($0, context: context) }
    }

    struct FileContext {
        let document: Document
        let annex: Int?
        let section: String?
    }

    private func decodeRule(_ node: Node, context: FileContext) -> Rule? {
        guard let m = MappingReader(node, what: "rule", keys: Self.ruleKeys, log: log) else { return nil }
        let id = m.string("id", required: true)
        let kind: RuleKind? = m.string("kind", required: true).flatMap { written in
            if let kind = RuleKind(rawValue: written) { return kind }
            let names = RuleKind.allCases.map(\.rawValue)
            log.error("unknown kind '\(written)'\(Suggestion.hint(for: written, in: names)); kinds: \(names.joined(separator: ", "))", at: m.mark("kind"))
            return nil
        }
        let citation = decodeCitation(m, context: context)
        let roles = decodeRoles(m)
        let deadline = decodeDeadline(m, kind: kind, plan: context.document.year)
        let targets = m.list("targets").compactMap { decodeTarget($0, deadline: deadline, planYear: context.document.year) }
        let report = kind == .monthlyReport ? decodeReport(m) : nil
        let standard = kind == .standard ? decodeStandard(m) : nil
        let uses = kind == .accountUse ? decodeUses(m) : nil
        let note = m.string("note")
        guard let id, let kind, let citation else { return nil }
        checkID(id, citation: citation, context: context, at: m.mark("id"))
        checkShape(kind: kind, m: m, deadline: deadline, targets: targets, roles: roles)
        return Rule(id: id, kind: kind, title: m.string("title"), task: m.string("task"), citation: citation, roles: roles,
                    deadline: deadline, targets: targets, report: report, standard: standard, uses: uses, note: note,
                    location: SourceLocation(file: file, line: node.mark.line, column: node.mark.column))
    }

    // MARK: Parts

    private func decodeCitation(_ m: MappingReader, context: FileContext) -> Citation? {
        guard let c = m.mapping("citation", required: true, what: "citation", keys: ["item", "measure", "section", "quote"]) else { return nil }
        let item = c.int("item", required: context.annex != nil)
        let measure = c.int("measure", required: context.annex != nil)
        let quote = c.string("quote", required: true)
        if let quote, quote.allSatisfy(\.isWhitespace) { log.error("citation 'quote' is empty", at: c.mark("quote")) }
        guard let quote else { return nil }
        return Citation(document: context.document.number, documentKey: context.document.key, annex: context.annex,
                        item: item, measure: measure, section: c.string("section"),
                        quote: Self.trimmed(quote))
    }

    /// The text without surrounding white space; Foundation is asked only when there may be
    /// some (bridging every quote to NSString is costly).
    static func trimmed(_ text: String) -> String {
        // Foundation's whitespacesAndNewlines: Unicode's space, line and paragraph separators,
        // tab to carriage return, and U+0085.
        func plain(_ scalar: Unicode.Scalar?) -> Bool {
            guard let scalar, !(0x09...0x0D).contains(scalar.value), scalar.value != 0x85 else { return false }
            switch scalar.properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator: return false
            default: return true
            }
        }
        if plain(text.unicodeScalars.first) && plain(text.unicodeScalars.last) { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func decodeRoles(_ m: MappingReader) -> Roles {
        guard let r = m.mapping("roles", required: true, what: "roles", keys: ["lead", "responsible", "assisting"]) else { return Roles() }
        return Roles(lead: holders(r.strings("lead")), responsible: holders(r.strings("responsible")),
                     assisting: holders(r.strings("assisting")))
    }

    private func holders(_ written: [(text: String, mark: Mark)]) -> [RoleHolder] {
        written.compactMap { resolve($0.text, at: $0.mark) }
    }

    /// A department reference, resolved; unknown ones are errors, open groups warnings.
    func resolve(_ text: String, at mark: Mark) -> RoleHolder? {
        guard let unit = set.departments.resolve(text) else {
            let hint = set.departments.closestName(to: text).map { "; closest known unit: '\($0)'" } ?? ""
            log.error("unknown department '\(text)'\(hint)", at: mark)
            return nil
        }
        if case .group(let g) = unit, !g.isResolved {
            log.warning("leans on the unresolved group '\(g.name)'; name its members where the measure text does", at: mark)
        }
        return RoleHolder(written: text, unit: unit)
    }

    private func decodeDeadline(_ m: MappingReader, kind: RuleKind?, plan: Int) -> Deadline? {
        guard let d = m.mapping("deadline", what: "deadline", keys: ["phrase", "due", "milestones", "window"]) else { return nil }
        guard let phrase = d.string("phrase", required: true) else { return nil }
        let due = d.day("due")
        let meaning = DeadlinePhrase.meaning(of: phrase, planYear: plan)
        let milestones: [Milestone] = d.list("milestones").compactMap { item in
            guard let ms = MappingReader(item, what: "milestone", keys: ["due", "text"], log: log),
                  let day = ms.day("due", required: true), let text = ms.string("text", required: true) else { return nil }
            return Milestone(due: day, text: text)
        }
        var window: (YearMonth, YearMonth)?
        if let w = d.mapping("window", what: "window", keys: ["from", "to"]) {
            if let from = w.month("from", required: true), let to = w.month("to", required: true) {
                if to < from { log.error("window ends (\(to)) before it starts (\(from))", at: w.mark("to")) }
                window = (from, to)
            }
        }
        if !milestones.isEmpty {
            if milestones.map(\.due) != milestones.map(\.due).sorted() {
                log.error("milestones must be listed in date order", at: d.mark("milestones"))
            }
            return Deadline(phrase: phrase, resolution: .milestones(milestones))
        }
        if case .milestones? = meaning {
            // A paragraph split from a 按时间节点完成 cell that names no step of its own: the author resolves it with `due`.
            if let due { return Deadline(phrase: phrase, resolution: .due(due)) }
            log.error("'\(phrase)' needs 'milestones' (every dated step of the measure text), or 'due' where the measure names no step of its own", at: d.mark("phrase"))
            return nil
        }
        if let (from, to) = window {
            if let meaning, meaning != .window(from: from, to: to) {
                log.error("window \(from)…\(to) does not agree with the phrase '\(phrase)'", at: d.mark("window"))
            }
            return Deadline(phrase: phrase, resolution: .window(from: from, to: to))
        }
        switch meaning {
        case .due(let day):
            if let due, due != day {
                log.error("due \(due) does not agree with the phrase '\(phrase)' (\(day))", at: d.mark("due"))
            }
            return Deadline(phrase: phrase, resolution: .due(day))
        case .ongoing:
            return Deadline(phrase: phrase, resolution: .ongoing)
        case .window(let from, let to):
            return Deadline(phrase: phrase, resolution: .window(from: from, to: to))
        case .milestones:
            return nil
        case nil:
            guard let due else {
                log.error("cannot read the deadline phrase '\(phrase)'; add 'due: YYYY-MM-DD' (and say why in 'note')", at: d.mark("phrase"))
                return nil
            }
            return Deadline(phrase: phrase, resolution: .due(due))
        }
    }

    private func decodeTarget(_ node: Node, deadline: Deadline?, planYear: Int) -> Target? {
        guard let t = MappingReader(node, what: "target", keys: ["metric", "op", "value", "tolerance", "unit", "scope", "due", "per"], log: log) else { return nil }
        let metricID = t.string("metric", required: true)
        let metric = metricID.flatMap { id -> Metric? in
            guard let metric = set.metrics[id] else {
                log.error("unknown metric '\(id)'\(Suggestion.hint(for: id, in: set.metrics.keys))", at: t.mark("metric"))
                return nil
            }
            return metric
        }
        let op = t.parsed("op", required: true, expected: "one of >=, >, <=, <, ==, about") { Comparison(rawValue: $0) }
        let value = t.decimal("value", required: true)
        let tolerance = t.decimal("tolerance")
        if op == .about, tolerance == nil {
            log.error("'about' (左右) needs a 'tolerance'", at: t.mark("op"))
        } else if let op, op != .about, t.has("tolerance") {
            log.error("'tolerance' goes only with op 'about'", at: t.mark("tolerance"))
        }
        if let tolerance, tolerance <= 0 { log.error("tolerance must be positive", at: t.mark("tolerance")) }
        let unit = t.string("unit")
        if let unit, let metric, unit != metric.unit {
            log.error("unit '\(unit)' differs from the unit of '\(metric.id)' ('\(metric.unit)')", at: t.mark("unit"))
        }
        let scope = t.string("scope").flatMap { text -> TargetScope? in
            if text == "city" { return .city }
            if text == "districts" { return .eachDistrict }
            if case .department(let d)? = set.departments.resolve(text), d.type == .district { return .district(d.slug) }
            log.error("scope '\(text)' must be city, districts or a district slug\(Suggestion.hint(for: text, in: set.departments.departments.filter { $0.type == .district }.map(\.slug)))", at: t.mark("scope"))
            return nil
        } ?? .city
        let per = t.parsed("per", expected: "'year'") { $0 == "year" ? true : nil } ?? false
        let due = t.day("due") ?? deadline?.finalDay ?? Day(year: planYear, month: 12, day: 31)
        guard let metric, let op, let value else { return nil }
        return Target(metric: metric.id, comparison: op, value: value, tolerance: tolerance, unit: metric.unit,
                      scope: scope, due: due, perYear: per)
    }

    private func decodeReport(_ m: MappingReader) -> ReportDuty? {
        guard let r = m.mapping("report", required: true, what: "report",
                                keys: ["recipient", "due_working_day", "first_period", "last_period", "owed_by"]) else { return nil }
        let recipient = r.string("recipient", required: true).flatMap { resolve($0, at: r.mark("recipient")) }
        let n = r.int("due_working_day", required: true)
        if let n, !(1...23).contains(n) { log.error("due_working_day must be between 1 and 23", at: r.mark("due_working_day")) }
        let first = r.month("first_period", required: true), last = r.month("last_period", required: true)
        if let first, let last, last < first { log.error("last_period is before first_period", at: r.mark("last_period")) }
        let owedBy = r.parsed("owed_by", required: true, expected: "annex-roles") { $0 == "annex-roles" ? $0 : nil }
        guard let recipient, let n, let first, let last, let owedBy else { return nil }
        return ReportDuty(recipient: recipient.unit, dueWorkingDay: n, firstPeriod: first, lastPeriod: last, owedBy: owedBy)
    }

    private func decodeStandard(_ m: MappingReader) -> Standard? {
        guard let s = m.mapping("standard", required: true, what: "standard",
                                keys: ["metric", "adjusted_by", "approved_by", "values"]) else { return nil }
        let metricID = s.string("metric", required: true)
        if let id = metricID, set.metrics[id] == nil {
            log.error("unknown metric '\(id)'\(Suggestion.hint(for: id, in: set.metrics.keys))", at: s.mark("metric"))
        }
        let adjustedBy = holders(s.strings("adjusted_by"))
        let approvedBy = s.string("approved_by").flatMap { resolve($0, at: s.mark("approved_by")) }
        var values: [DatedValue] = []
        for item in s.list("values", required: true) {
            guard let v = MappingReader(item, what: "dated value", keys: ["effective", "value", "unit"], log: log),
                  let effective = v.day("effective", required: true), let value = v.decimal("value", required: true),
                  let unit = v.string("unit", required: true) else { continue }
            if let metric = metricID.flatMap({ set.metrics[$0] }), unit != metric.unit {
                log.error("unit '\(unit)' differs from the unit of '\(metric.id)' ('\(metric.unit)')", at: v.mark("unit"))
            }
            if let previous = values.last, effective <= previous.effective {
                log.error("values must be in order of 'effective', each later than the one before (\(previous.effective))", at: v.mark("effective"))
            }
            values.append(DatedValue(effective: effective, value: value, unit: unit))
        }
        guard let metricID, !values.isEmpty else { return nil }
        return Standard(metric: metricID, adjustedBy: adjustedBy, approvedBy: approvedBy, values: values)
    }

    private func decodeUses(_ m: MappingReader) -> AccountUses? {
        guard let u = m.mapping("uses", required: true, what: "uses", keys: ["allowed", "prohibited"]) else { return nil }
        return AccountUses(allowed: u.strings("allowed").map(\.text), prohibited: u.strings("prohibited").map(\.text))
    }

    // MARK: Checks of one rule

    private func checkID(_ id: String, citation: Citation, context: FileContext, at mark: Mark) {
        // Every part is an identifier of '-' and '_' exactly when the whole is one of '.', '-' and '_':
        // checked so on the bytes, then split on its (ASCII) dots, without walking Characters.
        let dot = UInt8(ascii: ".")
        guard RegistryDecoding.isIdentifier(id, separators: [dot, UInt8(ascii: "-"), UInt8(ascii: "_")]), id.utf8.contains(dot) else {
            log.error("rule id '\(id)' must be lower-case parts (letters, digits, '-', '_') separated by dots, e.g. pollution.air.3.1", at: mark)
            return
        }
        var parts: [Substring] = []
        var start = id.startIndex
        for i in id.utf8.indices where id.utf8[i] == dot {
            parts.append(id[start..<i])
            start = id.utf8.index(after: i)
        }
        parts.append(id[start...])
        if parts[0] != context.document.key {
            log.error("rule id '\(id)' must start with '\(context.document.key).' (the file's document)", at: mark)
            return
        }
        if let section = context.section, parts[1] != section {
            log.error("rule id '\(id)' must continue with '\(section).' (the file's section)", at: mark)
            return
        }
        guard context.annex != nil else { return }
        if context.section == "districts" {
            if parts.count != 4 { log.error("annex 6 rule id '\(id)' must be pollution.districts.<district>.<indicator>", at: mark) }
            return
        }
        // The id must be `<document>.<section>.<item>.<measure>`; its first two parts are checked above.
        let item = citation.item.map(String.init), measure = citation.measure.map(String.init)
        if context.section != nil, parts.count == 4, let item, let measure, parts[2] == item, parts[3] == measure { return }
        let expected = "\(context.document.key).\(context.section ?? "?").\(item ?? "?").\(measure ?? "?")"
        log.error("rule id '\(id)' does not agree with its citation (item \(item ?? "?"), measure \(measure ?? "?")): expected '\(expected)'", at: mark)
    }

    private func checkShape(kind: RuleKind, m: MappingReader, deadline: Deadline?, targets: [Target], roles: Roles) {
        switch kind.requiredDeadline {
        case .required(let shape):
            if !m.has("deadline") {
                log.error("a '\(kind.rawValue)' rule needs a deadline (\(shape.rawValue))", at: m.node.mark)
            } else if let deadline, deadline.resolution.shape != shape {
                log.error("a '\(kind.rawValue)' rule needs \(shape.rawValue), but '\(deadline.phrase)' is \(deadline.resolution.shape.rawValue)", at: m.mark("deadline"))
            }
        case .forbidden:
            if m.has("deadline") { log.error("a '\(kind.rawValue)' rule takes no deadline", at: m.mark("deadline")) }
        case .optional:
            break
        }
        if kind == .indicator, targets.count != 1 {
            log.error("an indicator rule holds exactly one target", at: m.mark("targets"))
        }
        if kind == .target, targets.isEmpty, !m.has("targets") {
            log.error("a 'target' rule needs 'targets'", at: m.node.mark)
        }
        if roles.all.isEmpty && m.has("roles") {
            log.error("no department holds a role in this rule", at: m.mark("roles"))
        }
    }
}
