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
    public static func idPrecedes(_ a: String, _ b: String) -> Bool { IDOrder(a) < IDOrder(b) }

    /// A rule id split once into the parts `idPrecedes` compares: sorting many ids compares
    /// these instead of splitting both ids at every comparison.
    public struct IDOrder: Comparable {
        /// The id's UTF-8, which `parts` index.
        private let bytes: [UInt8]
        /// The texts between dots (empty ones dropped): where each lies in `bytes`, and its value
        /// where it reads as an `Int`.
        private let parts: [(range: Range<Int>, number: Int?)]
        /// Whether the id is ASCII, as rule ids are (`RuleDecoding.checkID`): its parts are found
        /// and compared as bytes, which for ASCII is what splitting and comparing text gives.
        private let isASCII: Bool

        public init(_ id: String) {
            bytes = Array(id.utf8)
            isASCII = bytes.allSatisfy { $0 < 0x80 }
            guard isASCII else {
                // An id mistyped in a status file may be any text: split as Characters.
                let utf8 = id.utf8
                parts = id.split(separator: ".").map { part in
                    (utf8.distance(from: utf8.startIndex, to: part.startIndex)..<utf8.distance(from: utf8.startIndex, to: part.endIndex), Int(part))
                }
                return
            }
            var parts: [(range: Range<Int>, number: Int?)] = []
            var start = 0
            for i in bytes.indices where bytes[i] == UInt8(ascii: ".") {
                if i > start { parts.append((start..<i, Self.integer(bytes[start..<i]))) }
                start = i + 1
            }
            if start < bytes.count { parts.append((start..<bytes.count, Self.integer(bytes[start...]))) }
            self.parts = parts
        }

        /// The value `Int(_:)` reads from ASCII text: a sign or none, then decimal digits, within `Int`.
        private static func integer(_ text: ArraySlice<UInt8>) -> Int? {
            var digits = text[...]
            let negative = digits.first == UInt8(ascii: "-")
            if negative || digits.first == UInt8(ascii: "+") { digits = digits.dropFirst() }
            guard !digits.isEmpty else { return nil }
            var value = 0
            for b in digits {
                guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") else { return nil }
                let (scaled, o1) = value.multipliedReportingOverflow(by: 10)
                // Negative values are accumulated below zero, so that `Int.min` reads as `Int` reads it.
                let (next, o2) = negative ? scaled.subtractingReportingOverflow(Int(b - UInt8(ascii: "0")))
                                          : scaled.addingReportingOverflow(Int(b - UInt8(ascii: "0")))
                guard !o1 && !o2 else { return nil }
                value = next
            }
            return value
        }

        /// The first differing part decides, as numbers when both are, else as text; a prefix comes first.
        public static func < (a: IDOrder, b: IDOrder) -> Bool {
            for (x, y) in zip(a.parts, b.parts) {
                let order = textOrder(a, x.range, b, y.range)
                if order == 0 { continue }
                if let i = x.number, let j = y.number { return i < j }
                return order < 0
            }
            return a.parts.count < b.parts.count
        }

        public static func == (a: IDOrder, b: IDOrder) -> Bool { !(a < b) && !(b < a) }

        /// How one part's text orders against another's: -1, 0 (equal text) or 1.
        private static func textOrder(_ a: IDOrder, _ x: Range<Int>, _ b: IDOrder, _ y: Range<Int>) -> Int {
            guard a.isASCII && b.isASCII else {
                let left = String(decoding: a.bytes[x], as: UTF8.self), right = String(decoding: b.bytes[y], as: UTF8.self)
                return left == right ? 0 : left < right ? -1 : 1
            }
            for (p, q) in zip(a.bytes[x], b.bytes[y]) where p != q { return p < q ? -1 : 1 }
            return x.count == y.count ? 0 : x.count < y.count ? -1 : 1
        }
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
