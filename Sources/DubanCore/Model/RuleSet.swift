import DubanYAML

/// Everything loaded from a rules directory.
public struct RuleSet: Sendable {
    public var documents: [String: Document] = [:]
    public var departments = DepartmentRegistry()
    public var metrics: [String: Metric] = [:]
    public var calendar = WorkCalendar()
    /// Rules in id order (`Rule.idPrecedes`).
    public var rules: [Rule] = [] {
        didSet { ruleIndex = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first }) }
    }
    private var ruleIndex: [String: Int] = [:]
    /// Number of files read.
    public var fileCount = 0

    public init() {}

    public func rule(_ id: String) -> Rule? { ruleIndex[id].map { rules[$0] } }

    /// The position of a rule in `rules`, without copying the rule.
    public func index(ofRule id: String) -> Int? { ruleIndex[id] }

    /// The known rule id closest to a mistyped one, for "did you mean".
    public func closestRuleID(to id: String) -> String? {
        Suggestion.closest(to: id, in: rules.map(\.id))
    }

    /// Rules in which a department holds any role, directly or through a resolved group.
    public func rules(for department: Department) -> [Rule] {
        rules.filter { rule in
            rule.roles.all.contains { departments.members(of: $0.unit).contains(department) }
        }
    }
}
