import Foundation

/// Checks submissions against the rules as of one day. Pure: no clock, no file system; the
/// same rules, inputs and day always give the same violations, in the same order.
public struct Evaluator: Sendable {
    public let set: RuleSet
    public let asOf: Day
    let obligations: Obligations
    let build: ViolationBuilder

    /// Restricts a check to what one department's report for one month raises or leaves open (self-check).
    public struct Focus: Sendable {
        public var department: Department
        public var period: YearMonth

        public init(department: Department, period: YearMonth) {
            self.department = department
            self.period = period
        }

        /// Whether a violation of this department, kind and period is the focused report's.
        func covers(department: String?, kind: Violation.Kind, period: YearMonth?) -> Bool {
            department == self.department.name && (![.missingReport, .lateReport, .unreported].contains(kind) || period == self.period)
        }

        /// Whether a ledger finding is the focused report's, as `evaluate` decides for a violation.
        public func covers(_ finding: LedgerFinding) -> Bool {
            covers(department: finding.department, kind: finding.kind, period: finding.period)
        }
    }

    public init(set: RuleSet, asOf: Day) {
        self.set = set
        self.asOf = asOf
        self.obligations = Obligations(set: set)
        self.build = ViolationBuilder(set: set)
    }

    /// Every violation of the inputs, reading problems included, sorted.
    public func evaluate(_ inputs: SubmissionLoader.Result, focus: Focus? = nil) -> [Violation] {
        let history = History(inputs.accepted, ruleCount: set.rules.count)
        var found = inputs.violations
        // A focused check builds no violation of another department: the filter below would drop it.
        let only = focus?.department
        // Each rule's findings in a slot of their own, and those of the four checks that go through
        // every submission in four more, spread over the cores, then taken in slot order: the
        // result does not depend on scheduling. The four come first: they are the longest tasks.
        // Rules are passed by their position in `set.rules`: a `Rule` is large to copy.
        let rules = set.rules.count
        var slots = [[Violation]](repeating: [], count: rules + 4)
        slots.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: buffer.count) { task in
                switch task {
                case 0: out[rules] = unreported(inputs.accepted, history: history)
                case 1: out[rules + 1] = rights(inputs.accepted)
                case 2: out[rules + 2] = offPace(history)
                case 3: out[rules + 3] = standards(inputs.accepted)
                default:
                    let rule = task - 4
                    var found: [Violation] = []
                    switch set.rules[rule].kind {
                    case .monthlyReport: found = monthlyReports(rule, arrivals: inputs.arrivals, only: only)
                    case .deadline, .milestones: found = deadlines(rule, history: history, only: only)
                    default: break
                    }
                    out[rule] = found + targets(rule, history: history, only: only)
                }
            }
        }
        for slot in slots { found += slot }
        if let focus {
            found = found.filter { focus.covers(department: $0.department, kind: $0.kind, period: $0.period) }
        }
        return Violation.inReportOrder(found)
    }

    // MARK: The monthly report

    func monthlyReports(_ index: Int, arrivals: [SubmissionLoader.Slot: SubmissionLoader.Arrival], only: Department? = nil) -> [Violation] {
        let rule = set.rules[index]
        guard let report = rule.report else { return [] }
        var found: [Violation] = []
        var period = report.firstPeriod
        while period <= report.lastPeriod {
            defer { period = period.next }
            guard let due = set.calendar.reportDueDay(for: period, workingDay: report.dueWorkingDay) else { continue }
            for owner in obligations.reportOwers(index) where only == nil || owner == only {
                if let first = arrivals[SubmissionLoader.Slot(department: owner, period: period)] {
                    guard first.submitted > due else { continue }
                    found.append(build.make(.lateReport, rule: rule, department: owner.name,
                        zh: "\(period) 月报于 \(first.submitted) 报送，晚于截止日 \(due)（第\(report.dueWorkingDay)个工作日）",
                        en: "the report on \(period) arrived on \(first.submitted), after its due day \(due) (working day \(report.dueWorkingDay))",
                        due: due, period: period, reported: first.submitted.description, required: "by \(due)",
                        location: first.location))
                } else if asOf > due {
                    found.append(build.make(.missingReport, rule: rule, department: owner.name,
                        zh: "未收到 \(period) 月报（截止 \(due)，报\(report.recipient.name)）",
                        en: "no report on \(period) received (due \(due), to \(report.recipient.name))",
                        due: due, period: period, reported: nil, required: "report by \(due)"))
                }
            }
        }
        return found
    }

    // MARK: Deadlines and milestones

    func deadlines(_ index: Int, history: History, only: Department? = nil) -> [Violation] {
        let rule = set.rules[index]
        guard let deadline = rule.deadline, let finalDay = deadline.finalDay else { return [] }
        var found: [Violation] = []
        for lead in obligations.leads(index) where only == nil || lead == only {
            let latest = history.latest(lead, index)
            if case .milestones(let milestones) = deadline.resolution {
                let reports = history.reports(lead, index)
                for m in milestones.dropLast() where asOf > m.due {
                    // A milestone once reported completed stays completed in later reports.
                    let declared = reports.compactMap { $0.task.milestones.first { $0.due == m.due }?.completed }.min()
                    let done = declared ?? (latest?.task.status == .done ? latest?.task.completed : nil)
                    guard done == nil || done! > m.due else { continue }
                    found.append(build.make(.missedMilestone, rule: rule, department: lead.name,
                        zh: "节点 \(m.due)（\(m.text)）未按时完成",
                        en: "milestone \(m.due) (\(m.text)) not completed on time",
                        due: m.due, reported: done.map { "completed \($0)" } ?? latest.map { $0.task.status.rawValue } ?? "nothing reported",
                        required: "completed by \(m.due)", location: latest?.task.location))
                }
            }
            if let task = latest?.task, task.status == .done, let completed = task.completed {
                if completed > finalDay {
                    found.append(build.make(.late, rule: rule, department: lead.name,
                        zh: "已完成，但完成日期 \(completed) 晚于时限 \(finalDay)（\(deadline.phrase)）",
                        en: "done, but on \(completed), after the deadline \(finalDay) (\(deadline.phrase))",
                        due: finalDay, reported: "done \(completed)", required: "done by \(finalDay)", location: task.location))
                }
            } else if asOf > finalDay {
                let reported = latest.map { "\($0.task.status.rawValue) (\($0.period))" } ?? "nothing reported"
                found.append(build.make(.overdue, rule: rule, department: lead.name,
                    zh: "已逾期：时限 \(finalDay)（\(deadline.phrase)），最近报告状态为 \(latest?.task.status.rawValue ?? "未报告")",
                    en: "overdue: due \(finalDay) (\(deadline.phrase)), last reported \(latest?.task.status.rawValue ?? "nothing")",
                    due: finalDay, reported: reported, required: "done by \(finalDay)", location: latest?.task.location))
            }
        }
        return found
    }

    // MARK: Progress owed in every monthly report

    func unreported(_ accepted: [Submission], history: History) -> [Violation] {
        guard let reportIndex = set.rules.firstIndex(where: { $0.kind == .monthlyReport }),
              let report = set.rules[reportIndex].report else { return [] }
        let tasks = obligations.annexRules(of: reportIndex)
        var found: [Violation] = []
        // Which rules the submission at hand reports on, by rule index (cleared after each).
        var reported = [Bool](repeating: false, count: set.rules.count)
        for s in accepted where s.period >= report.firstPeriod && s.period <= report.lastPeriod {
            for rule in s.tasks.map(\.ruleIndex) + s.unreadableRules { reported[rule] = true }
            for rule in tasks where !reported[rule] && obligations.owesProgress(s.department, on: rule) {
                guard owesProgress(on: rule, in: s, history: history) else { continue }
                found.append(build.make(.unreported, rule: set.rules[rule], department: s.department.name,
                    zh: "\(s.period) 月报未报告此项工作进展",
                    en: "the report on \(s.period) says nothing of this rule",
                    period: s.period, reported: nil, required: "progress on \(set.rules[rule].id)", location: s.location))
            }
            for rule in s.tasks.map(\.ruleIndex) + s.unreadableRules { reported[rule] = false }
        }
        return found
    }

    /// Ongoing rules always; deadline rules until reported done; windows in their months.
    private func owesProgress(on rule: Int, in s: Submission, history: History) -> Bool {
        switch set.rules[rule].deadline?.resolution {
        case .ongoing?: return true
        case .window(let from, let to)?: return from <= s.period && s.period <= to
        case .due?, .milestones?:
            return !history.reportedDone(s.department, rule, before: s.period)
        case nil: return false
        }
    }

    // MARK: Targets

    func targets(_ index: Int, history: History, only: Department? = nil) -> [Violation] {
        let rule = set.rules[index]
        guard !rule.targets.isEmpty else { return [] }
        var found: [Violation] = []
        for target in rule.targets {
            guard let metric = set.metrics[target.metric] else { continue }
            // Formatting the value (a Decimal) is costly: once per target, when a violation first
            // needs it, not thrice per violation.
            lazy var requirement = target.requirement
            for day in target.dueDays(in: set, rule: rule) {
                let checkDay = set.calendar.reportDueDay(for: day.yearMonth) ?? day
                guard asOf > checkDay else { continue }
                for (owner, scope) in obligations.owners(of: target, in: index) where only == nil || owner == only {
                    let value = history.value(owner, metric: target.metric, scope: scope, period: day.yearMonth)
                    if let value, target.isMet(by: value.value, better: metric.better) { continue }
                    let reported = value.map { "\($0.value) \(target.unit)" }
                    found.append(build.make(.targetMissed, rule: rule, department: owner.name,
                        zh: "\(metric.name)（\(scope == "city" ? "全市" : scope)）\(day.yearMonth) 目标 \(requirement)，" + (reported.map { "报告值 \($0)" } ?? "未报告数值"),
                        en: "\(metric.en) (\(scope)) for \(day.yearMonth): target \(requirement), " + (reported.map { "reported \($0)" } ?? "no value reported"),
                        due: day, period: day.yearMonth, reported: reported, required: requirement,
                        location: value?.location, metric: target.metric, scope: scope))
                }
            }
        }
        return found
    }

    // MARK: Off pace (时间近半、任务近半)

    /// A warning before the due day when a department's latest report lags the elapsed share of
    /// the time from 1 January of the due year to the due day (counted to the end of the reported month):
    /// a progress fraction below that share, or a cumulative figure below that share of its target.
    func offPace(_ history: History) -> [Violation] {
        var found: [Violation] = []
        // Targets a cumulative figure may lag, by metric, in rule order.
        var paced: [String: [(rule: Int, target: Target)]] = [:]
        for (i, rule) in set.rules.enumerated() {
            for target in rule.targets where [.atLeast, .greater, .about].contains(target.comparison) {
                paced[target.metric, default: []].append((i, target))
            }
        }
        for s in history.latestSubmissions {
            for task in s.tasks where task.status != .done {
                guard let progress = task.progress, obligations.holdsRole(s.department, in: task.ruleIndex),
                      let due = set.rules[task.ruleIndex].deadline?.finalDay, let share = elapsedShare(at: s.period.lastDay, due: due),
                      progress < share else { continue }
                found.append(build.make(.offPace, rule: set.rules[task.ruleIndex], department: s.department.name,
                    zh: "进度 \(percent(progress)) 落后于时间进度 \(percent(share))（时间近半、任务近半）",
                    en: "progress \(percent(progress)) lags the elapsed share of time \(percent(share))",
                    due: due, period: s.period, reported: percent(progress), required: ">= \(percent(share))", location: task.location))
            }
            for report in s.metrics {
                guard let metric = set.metrics[report.metric], metric.aggregation == .cumulative, metric.better == .higher else { continue }
                for (rule, target) in paced[report.metric] ?? []
                    where obligations.owners(of: target, in: rule).contains(where: { $0.department == s.department && $0.scope == report.scope }) {
                        guard let due = target.due, let share = elapsedShare(at: s.period.lastDay, due: due) else { continue }
                        let expected = target.value * share
                        guard report.value < expected else { continue }
                        found.append(build.make(.offPace, rule: set.rules[rule], department: s.department.name,
                            zh: "\(metric.name) 累计 \(report.value) \(target.unit)，低于按时间进度应达的 \(rounded(expected)) \(target.unit)（目标 \(target.requirement)）",
                            en: "\(metric.en): \(report.value) \(target.unit) so far, below the \(rounded(expected)) \(target.unit) the elapsed time calls for (target \(target.requirement))",
                            due: due, period: s.period, reported: "\(report.value) \(target.unit)", required: ">= \(rounded(expected)) \(target.unit)",
                            location: report.location, metric: report.metric, scope: report.scope))
                }
            }
        }
        return found
    }

    /// Share of the time from 1 January of the due year to the due day that has passed by `day`;
    /// nil when `day` is not before the due day or lies before that year.
    func elapsedShare(at day: Day, due: Day) -> Decimal? {
        let start = Day(year: due.year, month: 1, day: 1)!
        guard day < due, day >= start else { return nil }
        return Decimal(day.ordinal - start.ordinal + 1) / Decimal(due.ordinal - start.ordinal + 1)
    }

    // MARK: Rights

    func rights(_ accepted: [Submission]) -> [Violation] {
        var found: [Violation] = []
        for s in accepted {
            for task in s.tasks where !obligations.holdsRole(s.department, in: task.ruleIndex) {
                found.append(build.make(.notAssigned, rule: set.rules[task.ruleIndex], department: s.department.name,
                    zh: "\(s.department.name) 在此项工作中无职责，不得报告",
                    en: "\(s.department.name) holds no role in this rule and may not report on it",
                    period: s.period, reported: s.department.name, required: "a lead, responsible or assisting unit", location: task.location))
            }
            let figures = obligations.owedFigures(s.department)
            for report in s.metrics where !figures.contains(Obligations.Figure(metric: report.metric, scope: report.scope)) {
                let place = report.scope == "city" ? "全市" : report.scope
                found.append(build.make(.notAssigned, rule: nil, department: s.department.name,
                    zh: "\(s.department.name) 不承担指标 \(report.metric)（\(place)）的报告责任",
                    en: "\(s.department.name) owes no figure for \(report.metric) (\(report.scope))",
                    period: s.period, reported: report.metric, required: nil, location: report.location,
                    metric: report.metric, scope: report.scope))
            }
        }
        return found
    }

    // MARK: Dated standards (京政办发〔2022〕8号)

    func standards(_ accepted: [Submission]) -> [Violation] {
        var found: [Violation] = []
        for rule in set.rules {
            guard let standard = rule.standard else { continue }
            for s in accepted {
                for report in s.metrics where report.metric == standard.metric {
                    guard let inForce = standard.value(on: s.period.lastDay), report.value != inForce.value else { continue }
                    let name = set.metrics[standard.metric]?.name ?? standard.metric
                    found.append(build.make(.standardMismatch, rule: rule, department: s.department.name,
                        zh: "\(s.period) 执行的\(name)为 \(report.value) \(inForce.unit)，与自 \(inForce.effective) 起施行的标准 \(inForce.value) \(inForce.unit) 不符",
                        en: "the standard applied in \(s.period) is \(report.value) \(inForce.unit), not the \(inForce.value) \(inForce.unit) in force since \(inForce.effective)",
                        period: s.period, reported: "\(report.value) \(inForce.unit)", required: "\(inForce.value) \(inForce.unit)",
                        location: report.location, metric: report.metric, scope: report.scope))
                }
            }
        }
        return found
    }

    private func percent(_ d: Decimal) -> String { "\(rounded(d * 100))%" }

    private func rounded(_ d: Decimal) -> Decimal {
        var value = d, result = Decimal()
        NSDecimalRound(&result, &value, 1, .plain)
        return result
    }
}

/// What each department reported, in period order.
struct History: Sendable {
    /// One report on a rule: the month of the submission that holds it, and what it says.
    struct Entry {
        let period: YearMonth
        let task: TaskReport
    }

    /// Where a report on a rule stands: its submission's month and position, and the task's
    /// position in it. Reports are kept as places, not copies: a task is large to copy.
    private struct Place {
        let period: YearMonth
        let submission: Int32
        let task: Int32
    }

    private let accepted: [Submission]
    private let ruleCount: Int
    /// Every report on a rule, grouped by department and rule, each group in period order: the
    /// group of key k (department registry index × rule count + rule index) is
    /// `places[starts[k]..<starts[k + 1]]`. One array for all groups: an array per department
    /// and rule costs an allocation for each.
    private let places: [Place]
    private let starts: [Int32]
    /// The positions in `accepted` of each department's submissions (by registry index), in period order.
    private var byDepartment: [Int: [Int]] = [:]

    init(_ accepted: [Submission], ruleCount: Int) {
        self.accepted = accepted
        self.ruleCount = ruleCount
        let departments = (accepted.map(\.department.index).max() ?? -1) + 1
        // Sort the positions, not the submissions: moving a submission retains all its fields.
        // Only the order of a department's own reports matters (each group below is one
        // department's), and a department has one accepted report a month: department, then month.
        let order = accepted.indices.sorted { a, b in
            let x = accepted[a], y = accepted[b]
            if x.department.index != y.department.index { return x.department.index < y.department.index }
            if x.period != y.period { return x.period < y.period }
            if x.submitted != y.submitted { return x.submitted < y.submitted }
            return x.file < y.file
        }
        // A counting sort: the size of each group, then each group's start, then the places.
        var starts = [Int32](repeating: 0, count: departments * ruleCount + 1)
        for s in accepted {
            for task in s.tasks { starts[s.department.index * ruleCount + task.ruleIndex + 1] += 1 }
        }
        for k in starts.indices.dropFirst() { starts[k] += starts[k - 1] }
        var next = starts
        // Every slot is written exactly once: each group receives as many places as it counted.
        let places = [Place](unsafeUninitializedCapacity: Int(starts.last!)) { buffer, count in
            for i in order {
                let s = accepted[i]
                for (t, task) in s.tasks.enumerated() {
                    let k = s.department.index * ruleCount + task.ruleIndex
                    (buffer.baseAddress! + Int(next[k])).initialize(to: Place(period: s.period, submission: Int32(i), task: Int32(t)))
                    next[k] += 1
                }
            }
            count = buffer.count
        }
        for i in order { byDepartment[accepted[i].department.index, default: []].append(i) }
        self.places = places
        self.starts = starts
    }

    private func group(_ d: Department, _ rule: Int) -> ArraySlice<Place> {
        let k = d.index * ruleCount + rule
        return k >= 0 && k + 1 < starts.count ? places[Int(starts[k])..<Int(starts[k + 1])] : []
    }

    private func task(at place: Place) -> TaskReport { accepted[Int(place.submission)].tasks[Int(place.task)] }

    private func entry(_ place: Place) -> Entry { Entry(period: place.period, task: task(at: place)) }

    /// A department's reports on a rule (by its index in `RuleSet.rules`), in period order.
    func reports(_ d: Department, _ rule: Int) -> [Entry] { group(d, rule).map(entry) }

    /// Whether a department reported a rule done in a report on a month before `period`.
    func reportedDone(_ d: Department, _ rule: Int, before period: YearMonth) -> Bool {
        group(d, rule).contains { $0.period < period && task(at: $0).status == .done }
    }

    /// The latest status a department reported for a rule.
    func latest(_ d: Department, _ rule: Int) -> Entry? { group(d, rule).last.map(entry) }

    /// The value a department reported for a metric and scope in its report on a month.
    func value(_ d: Department, metric: String, scope: String, period: YearMonth) -> MetricReport? {
        guard let i = byDepartment[d.index]?.last(where: { accepted[$0].period == period }) else { return nil }
        return accepted[i].metrics.last { $0.metric == metric && $0.scope == scope }
    }

    /// Each department's latest submission, in slug order.
    var latestSubmissions: [Submission] {
        byDepartment.values.compactMap { $0.last.map { accepted[$0] } }.sorted { $0.department.slug < $1.department.slug }
    }
}
