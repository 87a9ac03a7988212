public import DubanCore

/// A status-file skeleton for one department and month (`duban template`).
public struct StatusTemplate: Sendable {
    let set: RuleSet
    let department: Department
    let period: YearMonth
    let obligations: ReportObligations

    public init(set: RuleSet, department: Department, period: YearMonth, obligations: ReportObligations) {
        self.set = set
        self.department = department
        self.period = period
        self.obligations = obligations
    }

    public func render() -> String {
        let due = set.calendar.reportDueDay(for: period)
        var out = "# \(department.name) \(period.year)年\(period.month)月工作进展"
        out += due.map { "（报市生态环境局，截止 \($0)）\n" } ?? "\n"
        out += "# 每项填写 status（done / in-progress / not-started / blocked）；done 须填 completed；可填 progress（0–1）和 note。\n"
        out += "department: \(department.name)\nperiod: \(period)\nsubmitted: \(due ?? period.next.firstDay)  # 报送日期\n"
        out += "tasks:\n"
        if obligations.rules.isEmpty { out = String(out.dropLast()) + " []\n" }
        for rule in obligations.rules {
            let about = [rule.task, rule.deadline.map { "\($0.phrase)" }].compactMap { $0 }.joined(separator: " — ")
            out += "  # \(about)\n  - rule: \(rule.id)\n    status: not-started\n"
        }
        if obligations.figures.isEmpty {
            out += "metrics: []\n"
        } else {
            out += "# 本月应报数值（填写 value 后取消注释）：\n# metrics:\n"
            for (rule, target, scope) in obligations.figures {
                let name = set.metrics[target.metric]?.name ?? target.metric
                out += "#   - metric: \(target.metric)  # \(name)，目标 \(target.requirement)（\(rule.id)）\n"
                out += "#     value: \n#     scope: \(scope)\n"
            }
        }
        return out
    }
}
