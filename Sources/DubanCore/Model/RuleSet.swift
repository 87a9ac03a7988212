/// Everything loaded from a rules directory.
public struct RuleSet: Sendable {
    public var documents: [String: Document] = [:]
    public var departments = DepartmentRegistry()
    public var metrics: [String: Metric] = [:]
    public var calendar = WorkCalendar()
    /// Rules sorted by id.
    public var rules: [Rule] = []
    /// Number of files read.
    public var fileCount = 0

    public init() {}

    public func rule(_ id: String) -> Rule? { rules.first { $0.id == id } }

    /// Rules in which a department holds any role, directly or through a resolved group.
    public func rules(for department: Department) -> [Rule] {
        rules.filter { rule in
            rule.roles.all.contains { departments.members(of: $0.unit).contains(department) }
        }
    }
}
