/// Who owes what: the departments behind each role of each rule, who owes the monthly report,
/// and who owes each target's figure.
struct Obligations {
    let set: RuleSet
    private var membersCache: [String: (lead: [Department], responsible: [Department], assisting: [Department], open: Bool)] = [:]

    init(set: RuleSet) {
        self.set = set
        for rule in set.rules {
            let expand = { (holders: [RoleHolder]) -> [Department] in
                var seen = Set<String>()
                return holders.flatMap { set.departments.members(of: $0.unit) }.filter { seen.insert($0.slug).inserted }
            }
            let open = rule.roles.all.contains { if case .group(let g) = $0.unit { return !g.isResolved } else { return false } }
            membersCache[rule.id] = (expand(rule.roles.lead), expand(rule.roles.responsible), expand(rule.roles.assisting), open)
        }
    }

    func leads(_ rule: Rule) -> [Department] { membersCache[rule.id]?.lead ?? [] }
    func responsible(_ rule: Rule) -> [Department] { membersCache[rule.id]?.responsible ?? [] }

    /// Whether a department holds any role in a rule. A rule that leans on a group whose members
    /// the text leaves open (相关区政府) may be reported on by any department: it cannot be refused.
    func holdsRole(_ d: Department, in rule: Rule) -> Bool {
        guard let m = membersCache[rule.id] else { return false }
        return m.open || m.lead.contains(d) || m.responsible.contains(d) || m.assisting.contains(d)
    }

    /// Lead or responsible: owes progress on the rule in its monthly reports.
    func owesProgress(_ d: Department, on rule: Rule) -> Bool {
        leads(rule).contains(d) || responsible(rule).contains(d)
    }

    /// Every department with a role in the annexes of the report rule's document (SPEC §3).
    func reportOwers(_ report: Rule) -> [Department] {
        var seen = Set<String>()
        var owers: [Department] = []
        for rule in set.rules where rule.citation.documentKey == report.citation.documentKey
            && (1...5).contains(rule.citation.annex ?? 0) {
            let m = membersCache[rule.id]!
            for d in m.lead + m.responsible + m.assisting where seen.insert(d.slug).inserted { owers.append(d) }
        }
        return owers.sorted { $0.slug < $1.slug }
    }

    /// Who owes a target's figure, and for which scope: a district's target by that district's
    /// government; `districts` by each district holding a lead or responsible role (else all);
    /// a city target by the leads that are not district governments (else every lead).
    func owners(of target: Target, in rule: Rule) -> [(department: Department, scope: String)] {
        let districts = set.departments.departments.filter { $0.type == .district }
        switch target.scope {
        case .district(let slug):
            return districts.filter { $0.slug == slug }.map { ($0, slug) }
        case .eachDistrict:
            let holders = (leads(rule) + responsible(rule)).filter { $0.type == .district }
            return (holders.isEmpty ? districts : holders).map { ($0, $0.slug) }
        case .city:
            let municipal = leads(rule).filter { $0.type != .district }
            return (municipal.isEmpty ? leads(rule) : municipal).map { ($0, "city") }
        }
    }

    /// The figures a department owes, as `metric scope`: those of targets it owns (for the
    /// owner's scope) and of standards it leads (city-wide).
    func owedFigures(_ d: Department) -> Set<String> {
        var figures = Set<String>()
        for rule in set.rules {
            for target in rule.targets {
                for owner in owners(of: target, in: rule) where owner.department == d {
                    figures.insert("\(target.metric) \(owner.scope)")
                }
            }
            if let standard = rule.standard, leads(rule).contains(d) { figures.insert("\(standard.metric) city") }
        }
        return figures
    }
}

/// What one department owes in its report on one month, for `duban template`.
public struct ReportObligations: Sendable {
    /// Rules whose progress the report must give (ongoing, open deadlines, windows covering the month).
    public var rules: [Rule]
    /// Figures due for the month: the rule, the target, and the scope to report.
    public var figures: [(rule: Rule, target: Target, scope: String)]

    public init(set: RuleSet, department: Department, period: YearMonth) {
        let obligations = Obligations(set: set)
        let report = set.rules.first { $0.kind == .monthlyReport }
        rules = set.rules.filter { rule in
            guard rule.citation.documentKey == report?.citation.documentKey, (1...5).contains(rule.citation.annex ?? 0),
                  obligations.owesProgress(department, on: rule) else { return false }
            switch rule.deadline?.resolution {
            case .ongoing?: return true
            case .window(let from, let to)?: return from <= period && period <= to
            case .due?, .milestones?: return true  // owed until reported done, which a blank template cannot know
            case nil: return false
            }
        }
        var figures: [(Rule, Target, String)] = []
        for rule in set.rules {
            for target in rule.targets {
                guard target.dueDays(in: set, rule: rule).contains(where: { $0.yearMonth == period }) else { continue }
                for owner in obligations.owners(of: target, in: rule) where owner.department == department {
                    figures.append((rule, target, owner.scope))
                }
            }
        }
        self.figures = figures
    }
}
