import Foundation
import DubanYAML

/// Decodes one status file (SPEC §4) as strictly as rule files. A file whose header cannot be
/// read is one `invalid` violation; a bad entry is `invalid` (or `unknown-rule`) and the rest
/// of the file still counts.
struct StatusFileDecoder {
    let set: RuleSet
    let file: String
    /// The department whose folder the file sits in (`inputs/<slug>/…`, `SubmissionLoader.folderSender`), if any.
    let folderSender: Department?
    let asOf: Day
    private let build: ViolationBuilder
    /// "Did you mean" searches left for this file: a file of thousands of unknown ids must stay cheap.
    private let hints = HintBudget(20)

    init(set: RuleSet, file: String, folderSender: Department?, asOf: Day) {
        self.set = set
        self.file = file
        self.folderSender = folderSender
        self.asOf = asOf
        self.build = ViolationBuilder(set: set)
    }

    /// Keys of a task, a milestone and a metric report. A `note` is checked to be text and not
    /// kept: no report shows it.
    static let taskKeys = ["rule", "status", "progress", "completed", "milestones", "note"]
    static let milestoneKeys = ["due", "completed"]
    static let metricKeys = ["metric", "value", "scope", "note"]

    /// `commented`: the file holds comments (when `root` is nil: it holds nothing else).
    func decode(_ root: Node?, commented: Bool = false) -> (Submission?, [Violation]) {
        let log = IssueLog()
        var violations: [Violation] = []
        guard let root else {
            if commented {
                return (nil, [invalid("文件只有注释，没有报送内容", "the file holds no report: it has only comments", Mark.start, subject: "empty")])
            }
            return (nil, [invalid("文件为空", "the file is empty", Mark.start, subject: "empty")])
        }
        guard let m = MappingReader(root, what: Bilingual("status file", zh: "报送文件"), keys: ["department", "period", "submitted", "tasks", "metrics", "ledgers"], log: log) else {
            return (nil, issues(log))
        }
        let department = m.string("department", required: true).flatMap { resolveDepartment($0, at: m.mark("department"), log: log) }
        let period = m.month("period", required: true)
        var submitted = m.day("submitted", required: true)
        if let day = submitted, day > asOf {
            log.error("submitted \(day) is after the as-of day \(asOf)", zh: "报送日期 \(day) 晚于检查截至日 \(asOf)", at: m.mark("submitted"))
            submitted = nil
        }
        if let day = submitted, let period, day < period.firstDay {
            log.error("submitted \(day) is before the reported month \(period) began",
                      zh: "报送日期 \(day) 早于所报月份 \(period) 的第一天", at: m.mark("submitted"))
            submitted = nil
        }
        // An unknown top-level key is reported with the file's other problems; only an unreadable
        // header keeps the file from counting as a report.
        guard let department, let period, let submitted else {
            return (nil, issues(log, department: department ?? folderSender))
        }
        if let sender = folderSender, sender != department {
            let location = loc(m.mark("department"))
            let v = build.make(.notAssigned, rule: nil, department: sender.name,
                               zh: "文件位于\(sender.name)的目录，却以\(department.name)的名义报送；不得代他人报送",
                               en: "the file is in \(sender.name)'s folder but reports in the name of \(department.name); no unit may report for another",
                               period: period, reported: department.name, required: sender.name, location: location, subject: "sender")
            return (nil, [v])
        }
        var tasks: [TaskReport] = []
        var unreadableRules: [Int] = []
        var seenRules: [Int: Mark] = [:]
        for item in m.list("tasks") {
            let itemLog = IssueLog()
            guard let t = MappingReader(item, what: Bilingual("task", zh: "任务"), keys: Self.taskKeys, log: itemLog),
                  let ruleID = t.string("rule", required: true) else {
                violations += issues(itemLog, department: department, period: period)
                continue
            }
            guard let ruleIndex = set.index(ofRule: ruleID) else {
                let hint = hints.take() ? set.closestRuleID(to: ruleID) : nil
                violations.append(build.make(.unknownRule, rule: nil, ruleID: ruleID, department: department.name,
                                             zh: "未知的规则编号 \(ruleID)" + (hint.map { "，是否为 \($0)？" } ?? ""),
                                             en: "unknown rule id '\(ruleID)'" + (hint.map { "; did you mean '\($0)'?" } ?? ""),
                                             period: period, reported: ruleID, required: hint, location: loc(t.mark("rule")), subject: ruleID))
                continue
            }
            if let first = seenRules[ruleIndex] {
                itemLog.error("rule \(ruleID) is reported twice in this file (first at line \(first.line))",
                              zh: "规则 \(ruleID) 在本文件中报告了两次（第一次在第 \(first.line) 行）", at: t.mark("rule"))
            } else {
                seenRules[ruleIndex] = t.mark("rule")
            }
            let status = t.parsed("status", required: true,
                                  expected: Bilingual("done, in-progress, not-started or blocked",
                                                      zh: "以下之一：done（已完成）、in-progress（进行中）、not-started（未开始）、blocked（受阻）"),
                                  bytes: TaskReport.Status.init(utf8:))
            let progress = t.number("progress")
            if let progress, !progress.isWithin(0...1) {
                itemLog.error("progress \(progress.value) must lie between 0 and 1",
                              zh: "进度 progress 为 \(progress.value)，应在 0 到 1 之间（0.5 表示完成一半）", at: t.mark("progress"))
            }
            let completed = t.day("completed")
            if status == .done, completed == nil, !t.has("completed") {
                itemLog.error("status done needs 'completed: YYYY-MM-DD'",
                              zh: "状态为 done 时须写明完成日期 completed: YYYY-MM-DD", at: t.mark("status"))
            }
            if let completed, completed > submitted {
                itemLog.error("completed \(completed) is after submitted \(submitted)",
                              zh: "完成日期 \(completed) 晚于报送日期 \(submitted)", at: t.mark("completed"))
            }
            if let completed, let status, status != .done {
                itemLog.error("'completed' (\(completed)) goes only with status done",
                              zh: "只有状态为 done 时才能写完成日期 completed（此处为 \(completed)）", at: t.mark("completed"))
            }
            var milestones: [(due: Day, completed: Day)] = []
            for node in t.list("milestones") {
                guard let ms = MappingReader(node, what: Bilingual("milestone", zh: "节点"), keys: Self.milestoneKeys, log: itemLog),
                      let due = ms.day("due", required: true), let done = ms.day("completed", required: true) else { continue }
                if done > submitted {
                    itemLog.error("completed \(done) is after submitted \(submitted)", zh: "完成日期 \(done) 晚于报送日期 \(submitted)", at: ms.mark("completed"))
                }
                milestones.append((due, done))
            }
            t.checkText("note")
            if itemLog.hasErrors {
                violations += issues(itemLog, department: department, period: period, rule: ruleID)
                unreadableRules.append(ruleIndex)
                continue
            }
            guard let status else { continue }
            tasks.append(TaskReport(ruleIndex: ruleIndex, status: status, progress: progress?.value, completed: completed,
                                    milestones: milestones, location: loc(item.mark)))
        }
        var metrics: [MetricReport] = []
        var seenMetrics: [String: Mark] = [:]
        for item in m.list("metrics") {
            let itemLog = IssueLog()
            guard let r = MappingReader(item, what: Bilingual("metric report", zh: "指标报告"), keys: Self.metricKeys, log: itemLog) else {
                violations += issues(itemLog, department: department, period: period)
                continue
            }
            let metricID = r.string("metric", required: true)
            if let id = metricID, set.metrics[id] == nil {
                let hint = hints.take() ? Suggestion.hints(for: id, in: set.metrics.keys) : Suggestion.hints(nil)
                itemLog.error("unknown metric '\(id)'\(hint.en)", zh: "未知的指标“\(id)”\(hint.zh!)", at: r.mark("metric"))
            }
            let value = r.decimal("value", required: true)
            let scope = r.string("scope").flatMap { text -> String? in
                if text == "city" { return "city" }
                if case .department(let d)? = set.departments.resolve(text), d.type == .district { return d.slug }
                itemLog.error("scope '\(text)' must be city or a district",
                              zh: "范围 scope 写的是“\(text)”，应为 city（全市）或某个区", at: r.mark("scope"))
                return nil
            } ?? (department.type == .district ? department.slug : "city")
            r.checkText("note")
            // The first readable entry for a metric and scope counts; a second one is refused, naming both.
            if let id = metricID, !itemLog.hasErrors {
                let key = "\(id) (scope \(scope))"
                if let first = seenMetrics[key] {
                    itemLog.error("metric \(key) is reported twice in this file (first at line \(first.line))",
                                  zh: "指标 \(id)（范围 \(scope)）在本文件中报告了两次（第一次在第 \(first.line) 行）", at: r.mark("metric"))
                } else {
                    seenMetrics[key] = r.mark("metric")
                }
            }
            if itemLog.hasErrors {
                violations += issues(itemLog, department: department, period: period)
                continue
            }
            guard let metricID, let value else { continue }
            metrics.append(MetricReport(metric: metricID, value: value, scope: scope, location: loc(item.mark)))
        }
        var ledgers: [LedgerReference] = []
        for item in m.list("ledgers") {
            let itemLog = IssueLog()
            if let ledger = decodeLedger(item, log: itemLog) { ledgers.append(ledger) }
            violations += issues(itemLog, department: department, period: period)
        }
        violations += issues(log, department: department, period: period)
        let submission = Submission(file: file, department: department, period: period, submitted: submitted,
                                    tasks: tasks, unreadableRules: unreadableRules, metrics: metrics, ledgers: ledgers, location: loc(m.mark("department")))
        return (submission, violations)
    }

    /// One `ledgers:` entry: a relative path that stays in the status file's folder, a kind, a
    /// month, and optional declared rows and total (yuan with at most two decimals).
    private func decodeLedger(_ item: Node, log: IssueLog) -> LedgerReference? {
        guard let r = MappingReader(item, what: Bilingual("ledger", zh: "账目"), keys: ["file", "kind", "month", "rows", "total"], log: log) else { return nil }
        let path = r.string("file", required: true)
        if let path {
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            if path.isEmpty || path.hasPrefix("/") || parts.contains("..") || path.contains("\\") {
                log.error("ledger file '\(path)' must be a relative path inside the status file's folder (no leading /, no ..)",
                          zh: "账目文件“\(path)”应为报送文件所在目录内的相对路径（不以 / 开头，不含 ..）", at: r.mark("file"))
            }
        }
        let kind = r.parsed("kind", required: true,
                            expected: Bilingual("account-credit or account-expense", zh: "以下之一：account-credit（个人账户计入账目）、account-expense（个人账户支出账目）")) {
            LedgerKind(rawValue: $0)
        }
        let month = r.month("month", required: true)
        let rows = r.int("rows")
        if let rows, rows < 0 { log.error("ledger 'rows' \(rows) may not be negative", zh: "账目的行数 rows 为 \(rows)，不能为负数", at: r.mark("rows")) }
        let total = r.decimal("total")
        let totalFen = total.flatMap(LedgerFields.fen(decimal:))
        if let total, totalFen == nil {
            log.error("ledger 'total' \(total) must be yuan with at most two decimals",
                      zh: "账目的合计 total 为 \(total)，应以元为单位，最多两位小数", at: r.mark("total"))
        }
        guard !log.hasErrors, let path, let kind, let month else { return nil }
        let folder = (file as NSString).deletingLastPathComponent
        return LedgerReference(file: path, path: folder.isEmpty ? path : folder + "/" + path, kind: kind, month: month,
                               rows: rows, totalFen: totalFen, location: loc(r.mark("file")),
                               rowsLocation: loc(r.mark("rows")), totalLocation: loc(r.mark("total")))
    }

    private func resolveDepartment(_ text: String, at mark: Mark, log: IssueLog) -> Department? {
        switch set.departments.resolve(text) {
        case .department(let d)?: return d
        case .group(let g)?:
            log.error("'\(text)' is the group \(g.name); a status file is sent by one department",
                      zh: "“\(text)”是单位组 \(g.name)；报送文件只能以一个单位的名义报送", at: mark)
        case nil:
            let closest = set.departments.closestName(to: text)
            log.error("unknown department '\(text)'" + (closest.map { "; closest known unit: '\($0)'" } ?? ""),
                      zh: "未知的单位“\(text)”" + (closest.map { "；最接近的已知单位：\($0)" } ?? ""), at: mark)
        }
        return nil
    }

    private func loc(_ mark: Mark) -> Violation.Location {
        Violation.Location(file: file, line: mark.line, column: mark.column)
    }

    private func invalid(_ zh: String, _ en: String, _ mark: Mark, subject: String) -> Violation {
        build.invalid(zh, en, at: loc(mark), department: folderSender?.name, subject: subject)
    }

    /// Every logged problem as an `invalid` violation: `报送文件内容无法读取：` and the reader's
    /// Chinese text (its English where it has none), and the English as it is.
    private func issues(_ log: IssueLog, department: Department? = nil, period: YearMonth? = nil, rule: String? = nil) -> [Violation] {
        log.issues.map { issue in
            var v = build.invalid("报送文件内容无法读取：\(issue.zh ?? issue.message)", issue.message, at: loc(issue.mark),
                                  department: (department ?? folderSender)?.name, period: period,
                                  subject: "\(rule ?? ""):\(issue.message)")
            v.rule = rule
            return v
        }
    }
}

/// A count of expensive searches still allowed.
private final class HintBudget {
    private var left: Int

    init(_ count: Int) { left = count }

    func take() -> Bool {
        guard left > 0 else { return false }
        left -= 1
        return true
    }
}
