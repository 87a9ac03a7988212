/// The kinds of rule. Each kind says what a rule of it must carry; the validator checks it.
public enum RuleKind: String, Sendable, Hashable, CaseIterable {
    case deadline
    case ongoing
    case milestones
    case window
    case indicator
    case target
    case monthlyReport = "monthly-report"
    case standard
    case accountUse = "account-use"
    case duty

    /// One line for `--help`, docs and `explain`.
    public var summary: String {
        switch self {
        case .deadline: return "done by one day (年底前, N月底前, M月D日前)"
        case .ongoing: return "长期实施: no completion date, progress owed in every monthly report"
        case .milestones: return "按时间节点完成: each dated step is a deadline of its own"
        case .window: return "an activity window (6—9月): progress owed for each month in it"
        case .indicator: return "annex 6: a district's target for the plan year"
        case .target: return "a quantified goal (literacy outline)"
        case .monthlyReport: return "the monthly progress report owed by every unit with a role"
        case .standard: return "a dated money standard that may be adjusted later"
        case .accountUse: return "what a personal account may and may not pay for"
        case .duty: return "an implementation duty stated without a date"
        }
    }

    /// Whether this kind needs a deadline of one shape, takes any or none, or takes none at all.
    var requiredDeadline: DeadlineRequirement {
        switch self {
        case .deadline: return .required(.due)
        case .ongoing: return .required(.ongoing)
        case .milestones: return .required(.milestones)
        case .window: return .required(.window)
        case .indicator, .monthlyReport, .standard, .accountUse: return .forbidden
        case .target, .duty: return .optional
        }
    }

    enum DeadlineShape: String { case due = "a due day", ongoing = "长期实施", milestones = "milestones", window = "a window" }

    enum DeadlineRequirement {
        case required(DeadlineShape)
        case optional
        case forbidden
    }
}

extension Deadline.Resolution {
    var shape: RuleKind.DeadlineShape {
        switch self {
        case .due: return .due
        case .ongoing: return .ongoing
        case .milestones: return .milestones
        case .window: return .window
        }
    }
}
