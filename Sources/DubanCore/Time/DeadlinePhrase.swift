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
        var year = planYear
        var rest = Substring(text)
        var hasYear = false
        if let match = rest.prefixMatch(of: /(\d{4})年/) {
            year = Int(match.1)!
            rest = rest[match.range.upperBound...]
            hasYear = true
        }
        if rest == "年底前" || rest == "年底" || (hasYear && (rest == "底前" || rest == "底")) {
            return Day(year: year, month: 12, day: 31).map(Meaning.due)
        }
        if let m = rest.wholeMatch(of: /(\d{1,2})月底前?/), let month = YearMonth(year: year, month: Int(m.1)!) {
            return .due(month.lastDay)
        }
        if let m = rest.wholeMatch(of: /(\d{1,2})月(\d{1,2})日前?/) {
            return Day(year: year, month: Int(m.1)!, day: Int(m.2)!).map(Meaning.due)
        }
        if let m = rest.wholeMatch(of: /(\d{1,2})[—–\-~至](\d{1,2})月/),
           let from = YearMonth(year: year, month: Int(m.1)!), let to = YearMonth(year: year, month: Int(m.2)!), from <= to {
            return .window(from: from, to: to)
        }
        return nil
    }
}
