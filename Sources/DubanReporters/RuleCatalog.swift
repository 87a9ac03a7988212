public import DubanCore

/// Rules as `duban rules` and `duban explain` show them.
public struct RuleCatalog: Sendable {
    public let set: RuleSet

    public init(set: RuleSet) { self.set = set }

    /// `{"rules": [...]}` (SPEC §5).
    public func json(_ rules: [Rule]) -> JSON {
        .object(["rules": .array(rules.map { RuleJSON.rule($0, in: set) })])
    }

    /// One line a rule: id, kind, due, lead, what it is about.
    public func list(_ rules: [Rule]) -> String {
        let width = rules.map(\.id.count).max() ?? 0
        var out = ""
        for rule in rules {
            let due = rule.deadline.map { dueText($0) } ?? "—"
            let lead = rule.roles.lead.map(\.unit.name).joined(separator: "、")
            let about = rule.title ?? rule.task ?? String(rule.citation.quote.prefix(30))
            out += padded(rule.id, to: width)
            out += "  \(padded(rule.kind.rawValue, to: 14)) \(padded(due, to: 10))  \(lead.isEmpty ? "—" : lead)  \(about)\n"
        }
        out += "\(rules.count) rules\n"
        return out
    }

    /// `text` followed by spaces up to `width` characters, for the ASCII columns (ids, kinds,
    /// days). Foundation's `padding(toLength:…)` goes through `NSString`: ≈ 24 µs a call here.
    private func padded(_ text: String, to width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// One rule in full: Chinese content under English labels.
    public func explain(_ rule: Rule) -> String {
        var lines: [(String, String)] = []
        lines.append(("kind", "\(rule.kind.rawValue) — \(rule.kind.summary)"))
        if let title = rule.title { lines.append(("title", title)) }
        if let task = rule.task { lines.append(("task (重点工作任务)", task)) }
        var source = rule.citation.document
        if let annex = rule.citation.annex { source += ", 附件 \(annex)" }
        if let section = rule.citation.section { source += ", \(section)" }
        if let item = rule.citation.item { source += ", item \(item)" }
        if let measure = rule.citation.measure { source += ", measure \(measure)" }
        lines.append(("document", source))
        lines.append(("lead (牵头部门)", names(rule.roles.lead)))
        lines.append(("responsible (主体责任)", names(rule.roles.responsible)))
        lines.append(("assisting (协办单位)", names(rule.roles.assisting)))
        if let deadline = rule.deadline {
            lines.append(("deadline (完成时限)", "\(deadline.phrase) → \(resolution(deadline))"))
        }
        for target in rule.targets {
            lines.append(("target (目标)", describe(target)))
        }
        if let standard = rule.standard {
            let metric = set.metrics[standard.metric]
            for value in standard.values {
                lines.append(("standard (标准)", "\(metric?.name ?? standard.metric): \(value.value) \(value.unit) from \(value.effective)"))
            }
            let approver = standard.approvedBy.map { ", approved by \($0.unit.name)" } ?? ""
            lines.append(("adjusted by (调整)", names(standard.adjustedBy) + approver))
        }
        if let uses = rule.uses {
            lines.append(("allowed uses", uses.allowed.joined(separator: ", ")))
            lines.append(("prohibited uses", uses.prohibited.joined(separator: ", ")))
        }
        if let report = rule.report {
            lines.append(("report (报送)", "to \(report.recipient.name), by working day \(report.dueWorkingDay) of the next month, periods \(report.firstPeriod)…\(report.lastPeriod), owed by every unit with a role in the annexes"))
        }
        lines.append(("source (原文)", "“\(rule.citation.quote)”"))
        if let note = rule.note { lines.append(("note (说明)", note)) }
        lines.append(("defined at", "\(rule.location.file):\(rule.location.line):\(rule.location.column)"))
        let width = lines.map { displayWidth($0.0) }.max() ?? 0
        return "\(rule.id)\n" + lines.map { label, value in
            "  " + label + String(repeating: " ", count: width - displayWidth(label)) + "  " + value
        }.joined(separator: "\n") + "\n"
    }

    /// Terminal columns: CJK characters take two.
    private func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) }
    }

    private func names(_ holders: [RoleHolder]) -> String {
        guard !holders.isEmpty else { return "—" }
        return holders.map { holder in
            guard case .group(let g) = holder.unit else { return holder.unit.name }
            guard g.members != nil else { return "\(g.name) (unresolved group)" }
            return "\(g.name) (\(set.departments.members(of: holder.unit).map(\.name).joined(separator: "、")))"
        }.joined(separator: "; ")
    }

    private func resolution(_ d: Deadline) -> String {
        switch d.resolution {
        case .due(let day): return day.description
        case .ongoing: return "ongoing (长期实施): progress in every monthly report"
        case .milestones(let ms): return ms.map { "\($0.due) \($0.text)" }.joined(separator: "; ")
        case .window(let from, let to): return "window \(from)…\(to): progress owed each month"
        }
    }

    private func dueText(_ d: Deadline) -> String {
        if case .ongoing = d.resolution { return "ongoing" }
        return d.finalDay?.description ?? "—"
    }

    func describe(_ t: Target) -> String {
        let metric = set.metrics[t.metric]
        var text = "\(metric?.name ?? t.metric) [\(t.metric)] \(t.comparison.rawValue) \(t.value)"
        if let tolerance = t.tolerance { text += " ±\(tolerance)" }
        text += " \(t.unit), \(t.scope.description)"
        if let due = t.due { text += ", due \(due)" }
        if t.perYear { text += ", every year" }
        return text
    }
}
