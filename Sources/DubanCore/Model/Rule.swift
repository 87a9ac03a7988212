public import Foundation

/// One obligation of a circular, with its source and everything needed to check it.
public struct Rule: Sendable {
    public var id: String
    public var kind: RuleKind
    public var title: String?
    /// The 重点工作任务 title of the item, as printed.
    public var task: String?
    public var citation: Citation
    public var roles: Roles
    public var deadline: Deadline?
    public var targets: [Target]
    public var report: ReportDuty?
    public var standard: Standard?
    public var uses: AccountUses?
    /// Every interpretation of a defective or ambiguous source cell.
    public var note: String?
    public var location: SourceLocation

    /// Rule ids in reading order: numeric parts compare as numbers (pollution.air.5.4 before pollution.air.16.1).
    public static func idPrecedes(_ a: String, _ b: String) -> Bool {
        // Sorting calls this for every comparison: walk the bytes instead of splitting both ids.
        var a = a, b = b
        if let fast = a.withUTF8({ x in b.withUTF8 { y in precedes(x, y) } }) { return fast }
        let left = a.split(separator: "."), right = b.split(separator: ".")
        for (x, y) in zip(left, right) where x != y {
            if let i = Int(x), let j = Int(y) { return i < j }
            return x < y
        }
        return left.count < right.count
    }

    /// `idPrecedes` on ASCII ids whose numeric parts are plain digits; nil for anything else.
    private static func precedes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard let leftParts = partCount(a), let rightParts = partCount(b) else { return nil }
        let dot = UInt8(ascii: ".")
        var i = 0, j = 0
        while i < a.count && j < b.count {
            var ie = i, je = j
            while ie < a.count && a[ie] != dot { ie += 1 }
            while je < b.count && b[je] != dot { je += 1 }
            // Equal parts: go on to the next.
            var k = 0
            while i + k < ie && j + k < je && a[i + k] == b[j + k] { k += 1 }
            if i + k == ie && j + k == je {
                i = ie + 1
                j = je + 1
                continue
            }
            let xNumber = number(a, i, ie), yNumber = number(b, j, je)
            if let x = xNumber, let y = yNumber { return x < y }
            // Int() also reads a sign: leave such parts to the general path.
            if a[i] == UInt8(ascii: "+") || a[i] == UInt8(ascii: "-") || b[j] == UInt8(ascii: "+") || b[j] == UInt8(ascii: "-") { return nil }
            // The first difference decides; a part that is a prefix of the other comes first.
            if i + k < ie && j + k < je { return a[i + k] < b[j + k] }
            return i + k == ie
        }
        return leftParts < rightParts
    }

    /// Number of dot-separated parts of an ASCII id without empty parts or long numbers; nil for anything else.
    private static func partCount(_ id: UnsafeBufferPointer<UInt8>) -> Int? {
        let dot = UInt8(ascii: ".")
        guard !id.isEmpty, id[0] != dot, id[id.count - 1] != dot else { return nil }
        var parts = 1, digitRun = 0
        for n in 0..<id.count {
            if id[n] >= 0x80 { return nil }
            // Longer numbers are left to Int() on the general path.
            digitRun = id[n] &- UInt8(ascii: "0") < 10 ? digitRun + 1 : 0
            if digitRun > 18 { return nil }
            if id[n] == dot {
                if id[n - 1] == dot { return nil }
                parts += 1
            }
        }
        return parts
    }

    /// The value of a part of at most 18 ASCII digits; nil for anything else.
    private static func number(_ id: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        guard end > start, end - start <= 18 else { return nil }
        var value = 0
        for n in start..<end {
            let digit = id[n] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }
}

/// Where a rule comes from in the source text.
public struct Citation: Sendable, Hashable {
    /// Document number as printed, e.g. 京政办发〔2022〕6号.
    public var document: String
    public var documentKey: String
    public var annex: Int?
    /// The 序号 of the task (annexes) or a section number.
    public var item: Int?
    public var measure: Int?
    /// A section label for non-annex rules, as printed (四, （三）).
    public var section: String?
    /// The verbatim source sentence(s).
    public var quote: String
}

/// One written department reference in a rule, resolved to its unit.
public struct RoleHolder: Sendable, Hashable {
    public var written: String
    public var unit: Unit
}

/// The lead (牵头部门), responsible (主体责任 / 责任单位) and assisting (协办单位) units.
public struct Roles: Sendable, Hashable {
    public var lead: [RoleHolder] = []
    public var responsible: [RoleHolder] = []
    public var assisting: [RoleHolder] = []

    public init(lead: [RoleHolder] = [], responsible: [RoleHolder] = [], assisting: [RoleHolder] = []) {
        self.lead = lead
        self.responsible = responsible
        self.assisting = assisting
    }

    public var all: [RoleHolder] { lead + responsible + assisting }
}

/// When a rule is due, as the source phrases it and as resolved.
public struct Deadline: Sendable, Hashable {
    /// What the phrase means.
    public enum Resolution: Sendable, Hashable {
        /// Done by this day, inclusive.
        case due(Day)
        /// 长期实施: no completion date, progress owed monthly.
        case ongoing
        /// 按时间节点完成: each milestone a deadline of its own.
        case milestones([Milestone])
        /// An activity window: progress owed for each month in it.
        case window(from: YearMonth, to: YearMonth)
    }

    /// The verbatim phrase, e.g. 年底前.
    public var phrase: String
    public var resolution: Resolution

    /// The final day by which everything is due, where there is one.
    public var finalDay: Day? {
        switch resolution {
        case .due(let day): return day
        case .ongoing: return nil
        case .milestones(let ms): return ms.map(\.due).max()
        case .window(_, let to): return to.lastDay
        }
    }
}

/// A dated step inside a measure's text.
public struct Milestone: Sendable, Hashable {
    public var due: Day
    public var text: String
}

/// A comparison a reported value must satisfy.
public enum Comparison: String, Sendable, Hashable, CaseIterable {
    case atLeast = ">="
    case greater = ">"
    case atMost = "<="
    case less = "<"
    case equal = "=="
    /// 左右: within the stated tolerance, or better than the value in the metric's direction.
    case about
}

/// Where a target applies.
public enum TargetScope: Sendable, Hashable, CustomStringConvertible {
    case city
    case district(String)
    /// Each district separately.
    case eachDistrict

    public var description: String {
        switch self {
        case .city: return "city"
        case .district(let slug): return slug
        case .eachDistrict: return "districts"
        }
    }
}

/// A numeric target: metric, comparison, value, scope, due day.
public struct Target: Sendable, Hashable {
    public var metric: String
    public var comparison: Comparison
    public var value: Decimal
    public var tolerance: Decimal?
    public var unit: String
    public var scope: TargetScope
    /// Defaults to the rule's deadline, else the plan year's end.
    public var due: Day?
    /// The value is owed every year (每年).
    public var perYear: Bool
}

/// The cover notice's monthly progress report.
public struct ReportDuty: Sendable, Hashable {
    public var recipient: Unit
    /// Due by the end of this working day of the following month.
    public var dueWorkingDay: Int
    public var firstPeriod: YearMonth
    public var lastPeriod: YearMonth
    /// Who owes it: `annex-roles` = every unit with a role in the document's annexes.
    public var owedBy: String
}

/// A money standard that may be adjusted later: a list of dated values.
public struct Standard: Sendable, Hashable {
    public var metric: String
    public var adjustedBy: [RoleHolder]
    public var approvedBy: RoleHolder?
    public var values: [DatedValue]

    /// The value in force on a day.
    public func value(on day: Day) -> DatedValue? {
        values.last { $0.effective <= day }
    }
}

/// A value in force from its effective day until the next one.
public struct DatedValue: Sendable, Hashable {
    public var effective: Day
    public var value: Decimal
    public var unit: String
}

/// What a personal account may and may not pay for.
public struct AccountUses: Sendable, Hashable {
    public var allowed: [String]
    public var prohibited: [String]
}
