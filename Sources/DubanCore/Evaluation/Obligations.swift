/// Who owes what: the departments behind each role of each rule, who owes the monthly report,
/// and who owes each target's figure.
struct Obligations: Sendable {
    let set: RuleSet
    /// Per rule, by its position in `set.rules`: the departments behind each role, whether an
    /// open group is among them, and each department's roles by registry index (`Role` bits),
    /// so a question costs two array reads.
    private struct Members {
        var lead: [Department]
        var responsible: [Department]
        var assisting: [Department]
        var open: Bool
        var roles: [UInt8]
    }
    private static let leadBit: UInt8 = 1, responsibleBit: UInt8 = 2, assistingBit: UInt8 = 4
    private var members: [Members] = []
    private let districts: [Department]
    /// Who owes the monthly report, per report rule index.
    private var owers: [Int: [Department]] = [:]
    /// The figures each department owes (`owedFigures`), by registry index.
    private var figures: [Int: Set<Figure>] = [:]

    /// A metric and the scope (`city` or a district slug) its figure is owed for.
    struct Figure: Hashable {
        var metric: String
        var scope: String
    }

    init(set: RuleSet) {
        self.set = set
        let count = set.departments.departments.count
        members.reserveCapacity(set.rules.count)
        // Rules are read in place, by index: a `Rule` is large to copy.
        for rule in set.rules.indices {
            let holders = set.rules[rule].roles
            var roles = [UInt8](repeating: 0, count: count)
            // Each department once per list: its bit in `roles` says whether it is in already (a
            // Set per list cost more than the rest of the work); one outside the registry is looked for.
            let expand = { (holders: [RoleHolder], bit: UInt8) -> [Department] in
                var members: [Department] = []
                for holder in holders {
                    for d in set.departments.members(of: holder.unit) {
                        let registered = d.index >= 0 && d.index < count
                        if registered ? roles[d.index] & bit != 0 : members.contains(where: { $0.index == d.index }) { continue }
                        if registered { roles[d.index] |= bit }
                        members.append(d)
                    }
                }
                return members
            }
            let open = holders.all.contains { if case .group(let g) = $0.unit { return !g.isResolved } else { return false } }
            let lead = expand(holders.lead, Self.leadBit)
            let responsible = expand(holders.responsible, Self.responsibleBit)
            let assisting = expand(holders.assisting, Self.assistingBit)
            members.append(Members(lead: lead, responsible: responsible, assisting: assisting, open: open, roles: roles))
        }
        districts = set.departments.departments.filter { $0.type == .district }
        figures = allOwedFigures()
        for i in set.rules.indices where set.rules[i].kind == .monthlyReport { owers[i] = computeReportOwers(i) }
    }

    /// Rules are named by their position in `set.rules` (`RuleSet.index(ofRule:)`).
    func leads(_ rule: Int) -> [Department] { members[rule].lead }
    func responsible(_ rule: Int) -> [Department] { members[rule].responsible }

    private func roles(of d: Department, in rule: Int) -> (UInt8, open: Bool) {
        let m = members[rule]
        let bits = d.index >= 0 && d.index < m.roles.count && set.departments.departments[d.index] == d ? m.roles[d.index] : 0
        return (bits, m.open)
    }

    /// Whether a department holds any role in a rule. A rule that leans on a group whose members
    /// the text leaves open (相关区政府) may be reported on by any department: it cannot be refused.
    func holdsRole(_ d: Department, in rule: Int) -> Bool {
        let (bits, open) = roles(of: d, in: rule)
        return open || bits != 0
    }

    /// Lead or responsible: owes progress on the rule in its monthly reports.
    func owesProgress(_ d: Department, on rule: Int) -> Bool {
        let (bits, _) = roles(of: d, in: rule)
        return bits & (Self.leadBit | Self.responsibleBit) != 0
    }

    /// Positions of the rules in annexes 1–5 of the report rule's document: the tasks whose
    /// progress the monthly report gives.
    func annexRules(of report: Int) -> [Int] {
        let document = set.rules[report].citation.documentKey
        return set.rules.indices.filter {
            set.rules[$0].citation.documentKey == document && (1...5).contains(set.rules[$0].citation.annex ?? 0)
        }
    }

    /// Every department with a role in the annexes of the report rule's document (SPEC §3).
    func reportOwers(_ report: Int) -> [Department] { owers[report] ?? computeReportOwers(report) }

    private func computeReportOwers(_ report: Int) -> [Department] {
        var seen = Set<Int>()
        var owers: [Department] = []
        for i in annexRules(of: report) {
            for d in members[i].lead where seen.insert(d.index).inserted { owers.append(d) }
            for d in members[i].responsible where seen.insert(d.index).inserted { owers.append(d) }
            for d in members[i].assisting where seen.insert(d.index).inserted { owers.append(d) }
        }
        return owers.sorted { $0.slug < $1.slug }
    }

    /// Who owes a target's figure, and for which scope: a district's target by that district's
    /// government; `districts` by each district holding a lead or responsible role (else all);
    /// a city target by the leads that are not district governments (else every lead).
    func owners(of target: Target, in rule: Int) -> [(department: Department, scope: String)] {
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
    func owedFigures(_ d: Department) -> Set<Figure> {
        figures[d.index] ?? []
    }

    /// `owedFigures` of every department at once, by registry index: one pass over the rules.
    private func allOwedFigures() -> [Int: Set<Figure>] {
        var all: [Int: Set<Figure>] = [:]
        for i in set.rules.indices {
            for target in set.rules[i].targets {
                for owner in owners(of: target, in: i) {
                    all[owner.department.index, default: []].insert(Figure(metric: target.metric, scope: owner.scope))
                }
            }
            if let standard = set.rules[i].standard {
                for lead in leads(i) { all[lead.index, default: []].insert(Figure(metric: standard.metric, scope: "city")) }
            }
        }
        return all
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
        let annex = set.rules.firstIndex { $0.kind == .monthlyReport }.map(obligations.annexRules) ?? []
        rules = annex.filter { i in
            guard obligations.owesProgress(department, on: i) else { return false }
            switch set.rules[i].deadline?.resolution {
            case .ongoing?: return true
            case .window(let from, let to)?: return from <= period && period <= to
            case .due?, .milestones?: return true  // owed until reported done, which a blank template cannot know
            case nil: return false
            }
        }.map { set.rules[$0] }
        var figures: [(Rule, Target, String)] = []
        for (i, rule) in set.rules.enumerated() {
            for target in rule.targets {
                guard target.dueDays(in: set, rule: rule).contains(where: { $0.yearMonth == period }) else { continue }
                for owner in obligations.owners(of: target, in: i) where owner.department == department {
                    figures.append((rule, target, owner.scope))
                }
            }
        }
        self.figures = figures
    }
}
