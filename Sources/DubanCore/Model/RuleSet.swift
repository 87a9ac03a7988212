import DubanYAML

/// Everything loaded from a rules directory.
public struct RuleSet: Sendable {
    public var documents: [String: Document] = [:]
    public var departments = DepartmentRegistry() {
        didSet { resolveRoleNames() }
    }
    public var metrics: [String: Metric] = [:]
    public var calendar = WorkCalendar()
    /// Rules in id order (`Rule.idPrecedes`).
    public var rules: [Rule] = [] {
        didSet {
            ruleIndex = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
            ruleIDBytes = ByteKeyIndex(rules.map(\.id))
            resolveRoleNames()
        }
    }
    private var ruleIndex: [String: Int] = [:]
    private var ruleIDBytes = ByteKeyIndex([])
    /// The role names of each rule, resolved once: every violation of a rule shares its arrays.
    private var roleNamesByRule: [Violation.RoleNames] = []
    /// Number of files read.
    public var fileCount = 0

    public init() {}

    public func rule(_ id: String) -> Rule? { ruleIndex[id].map { rules[$0] } }

    /// The position of a rule in `rules`, without copying the rule.
    public func index(ofRule id: String) -> Int? { ruleIndex[id] }

    /// The position of the rule whose id is these UTF-8 bytes, without building a `String`.
    public func index(ofRule id: UnsafeBufferPointer<UInt8>) -> Int? { ruleIDBytes.position(of: id) }

    /// A rule's three role lists by canonical name, groups expanded (`DepartmentRegistry.names`);
    /// resolved once for a rule of this set (by id), else now.
    public func roleNames(of rule: Rule) -> Violation.RoleNames {
        if let i = ruleIndex[rule.id] { return roleNamesByRule[i] }
        return Self.roleNames(rule, in: departments)
    }

    private mutating func resolveRoleNames() {
        roleNamesByRule = rules.map { Self.roleNames($0, in: departments) }
    }

    private static func roleNames(_ rule: Rule, in registry: DepartmentRegistry) -> Violation.RoleNames {
        Violation.RoleNames(lead: registry.names(rule.roles.lead), responsible: registry.names(rule.roles.responsible),
                            assisting: registry.names(rule.roles.assisting))
    }

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
