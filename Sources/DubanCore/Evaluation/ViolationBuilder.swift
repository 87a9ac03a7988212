/// Builds violations with the rule's roles and citation filled in, so every check states only
/// what is particular to it.
struct ViolationBuilder: Sendable {
    let set: RuleSet

    func make(_ kind: Violation.Kind, rule: Rule?, ruleID: String? = nil, department: String?,
              zh: String, en: String, due: Day? = nil, period: YearMonth? = nil,
              reported: String? = nil, required: String? = nil, location: Violation.Location? = nil,
              metric: String? = nil, scope: String? = nil, subject: String? = nil) -> Violation {
        Violation(rule: rule?.id ?? ruleID, kind: kind, severity: kind.severity, department: department,
                  roles: rule.map(set.roleNames) ?? Violation.RoleNames(), message: zh, messageEN: en,
                  citation: rule?.citation, due: due, period: period,
                  evidence: Violation.Evidence(reported: reported, required: required), location: location,
                  metric: metric, scope: scope, subject: subject)
    }

    /// A problem with a file or a field: `invalid`.
    func invalid(_ zh: String, _ en: String, at location: Violation.Location, department: String?,
                 period: YearMonth? = nil, subject: String) -> Violation {
        make(.invalid, rule: nil, department: department, zh: zh, en: en, period: period, location: location, subject: subject)
    }
}
