/// Reads the deadline phrases of the circulars (SPEC §3) against a plan year.
public enum DeadlinePhrase {
    /// What a phrase says by itself.
    public enum Meaning: Sendable, Hashable {
        case due(Day)
        case ongoing
        case milestones
        case window(from: YearMonth, to: YearMonth)
    }

    /// nil when the phrase is not one duban can read; then the rule must give `due:`.
    public static func meaning(of phrase: String, planYear: Int) -> Meaning? {
        let text = String(phrase.filter { !$0.isWhitespace })
        if text == "长期实施" { return .ongoing }
        if text == "按时间节点完成" { return .milestones }
        var rest = Substring(text)
        var year = planYear, hasYear = false
        if let y = rest.leadingNumber(digits: 4...4), rest.dropFirst(4).first == "年" {
            year = y
            rest = rest.dropFirst(5)
            hasYear = true
        }
        if rest == "年底前" || rest == "年底" || (hasYear && (rest == "底前" || rest == "底")) {
            return Day(year: year, month: 12, day: 31).map(Meaning.due)
        }
        // N月底前, M月D日前, N—M月: one or two ASCII digits per number.
        guard let first = rest.leadingNumber(digits: 1...2) else { return nil }
        rest = rest.drop { $0.isASCII && $0.isNumber }
        switch rest.first {
        case "月":
            rest = rest.dropFirst()
            if rest == "底前" || rest == "底" {
                return YearMonth(year: year, month: first).map { .due($0.lastDay) }
            }
            guard let day = rest.leadingNumber(digits: 1...2) else { return nil }
            rest = rest.drop { $0.isASCII && $0.isNumber }
            guard rest == "日前" || rest == "日" else { return nil }
            return Day(year: year, month: first, day: day).map(Meaning.due)
        case "—", "–", "-", "~", "至":
            rest = rest.dropFirst()
            guard let last = rest.leadingNumber(digits: 1...2), rest.drop(while: { $0.isASCII && $0.isNumber }) == "月",
                  let from = YearMonth(year: year, month: first), let to = YearMonth(year: year, month: last), from <= to else { return nil }
            return .window(from: from, to: to)
        default:
            return nil
        }
    }
}

private extension Substring {
    /// The number its leading ASCII digits spell, when there are `digits` of them (no more).
    func leadingNumber(digits: ClosedRange<Int>) -> Int? {
        let run = prefix { $0.isASCII && $0.isNumber }
        guard digits.contains(run.count) else { return nil }
        return Int(run)
    }
}
