public import Foundation

extension Target {
    /// Whether a reported value meets the target. `about` (左右) is met within the tolerance,
    /// or by any value better than the target in the metric's direction.
    public func isMet(by value: Decimal, better: Metric.Direction) -> Bool {
        switch comparison {
        case .atLeast: return value >= self.value
        case .greater: return value > self.value
        case .atMost: return value <= self.value
        case .less: return value < self.value
        case .equal: return value == self.value
        case .about:
            let gap = value - self.value
            if abs(gap) <= (tolerance ?? 0) { return true }
            switch better {
            case .higher: return gap > 0
            case .lower: return gap < 0
            case .none: return false
            }
        }
    }

    /// The days a figure is due: the due day, or for 每年 the last day of every year from the
    /// circular's year to the due year.
    public func dueDays(in set: RuleSet, rule: Rule) -> [Day] {
        guard let due else { return [] }
        guard perYear else { return [due] }
        let firstYear = min(set.documents[rule.citation.documentKey]?.issued.year ?? due.year, due.year)
        return (firstYear...due.year).compactMap { Day(year: $0, month: 12, day: 31) }
    }

    /// The requirement in words: `>= 44.8 %`, `about 3 ±0.15 %`.
    public var requirement: String {
        let tol = tolerance.map { " ±\($0)" } ?? ""
        return "\(comparison.rawValue) \(value)\(tol) \(unit)"
    }
}
