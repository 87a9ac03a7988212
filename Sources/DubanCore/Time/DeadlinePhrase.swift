/// Reads the deadline phrases of the circulars (SPEC §3) against a plan year.
public enum DeadlinePhrase {
    /// What a phrase says by itself.
    public enum Meaning: Sendable, Hashable {
        case due(Day)
        case ongoing
        case milestones
        case window(from: YearMonth, to: YearMonth)
    }

    // Built once: a regex literal inside the function is parsed again on every call.
    nonisolated(unsafe) private static let yearPrefix = /(\d{4})年/
    nonisolated(unsafe) private static let monthEnd = /(\d{1,2})月底前?/
    nonisolated(unsafe) private static let monthDay = /(\d{1,2})月(\d{1,2})日前?/
    nonisolated(unsafe) private static let monthWindow = /(\d{1,2})[—–\-~至](\d{1,2})月/

    /// nil when the phrase is not one duban can read; then the rule must give `due:`.
    public static func meaning(of phrase: String, planYear: Int) -> Meaning? {
        let text = String(phrase.filter { !$0.isWhitespace })
        if text == "长期实施" { return .ongoing }
        if text == "按时间节点完成" { return .milestones }
        var year = planYear
        var rest = Substring(text)
        var hasYear = false
        if let match = rest.prefixMatch(of: yearPrefix) {
            year = Int(match.1)!
            rest = rest[match.range.upperBound...]
            hasYear = true
        }
        if rest == "年底前" || rest == "年底" || (hasYear && (rest == "底前" || rest == "底")) {
            return Day(year: year, month: 12, day: 31).map(Meaning.due)
        }
        if let m = rest.wholeMatch(of: monthEnd), let month = YearMonth(year: year, month: Int(m.1)!) {
            return .due(month.lastDay)
        }
        if let m = rest.wholeMatch(of: monthDay) {
            return Day(year: year, month: Int(m.1)!, day: Int(m.2)!).map(Meaning.due)
        }
        if let m = rest.wholeMatch(of: monthWindow),
           let from = YearMonth(year: year, month: Int(m.1)!), let to = YearMonth(year: year, month: Int(m.2)!), from <= to {
            return .window(from: from, to: to)
        }
        return nil
    }
}
