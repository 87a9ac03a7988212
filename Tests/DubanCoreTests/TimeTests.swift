import Testing
@testable import DubanCore

@Suite struct DayTests {
    @Test func onlyRealDaysParse() {
        #expect(Day(iso: "2022-02-28") != nil)
        #expect(Day(iso: "2022-02-29") == nil)
        #expect(Day(iso: "2024-02-29") != nil)
        #expect(Day(iso: "2022-02-30") == nil)
        #expect(Day(iso: "2022-13-01") == nil)
        #expect(Day(iso: "2022-6-30") == nil)
        #expect(Day(iso: "２０２２-06-30") == nil)
    }

    @Test func ordinalsRoundTripAndWeekdaysAreRight() {
        let day = Day(year: 2022, month: 5, day: 7)!
        #expect(day.weekday == 6)  // a Saturday
        #expect(Day(ordinal: day.ordinal) == day)
        #expect(Day(year: 1970, month: 1, day: 1)!.ordinal == 0)
        #expect(Day(year: 2022, month: 12, day: 31)!.adding(days: 1) == Day(year: 2023, month: 1, day: 1))
        #expect(Day(year: 2024, month: 2, day: 28)!.adding(days: 1) == Day(year: 2024, month: 2, day: 29))
    }

    @Test func monthsKnowTheirNeighbours() {
        let december = YearMonth(iso: "2022-12")!
        #expect(december.next.description == "2023-01")
        #expect(december.lastDay.description == "2022-12-31")
        #expect(YearMonth(iso: "2022-13") == nil)
    }
}

@Suite struct DeadlinePhraseTests {
    @Test(arguments: [
        ("年底前", DeadlinePhrase.Meaning.due(Day(year: 2022, month: 12, day: 31)!)),
        ("6月底前", .due(Day(year: 2022, month: 6, day: 30)!)),
        ("2 月底前", .due(Day(year: 2022, month: 2, day: 28)!)),
        ("3月15日前", .due(Day(year: 2022, month: 3, day: 15)!)),
        ("2023年底前", .due(Day(year: 2023, month: 12, day: 31)!)),
        ("长期实施", .ongoing),
        ("按时间节点完成", .milestones),
        ("6—9月", .window(from: YearMonth(iso: "2022-06")!, to: YearMonth(iso: "2022-09")!)),
        ("2023年6月底前", .due(Day(year: 2023, month: 6, day: 30)!)),
        ("10月1日", .due(Day(year: 2022, month: 10, day: 1)!)),
        ("5至10月", .window(from: YearMonth(iso: "2022-05")!, to: YearMonth(iso: "2022-10")!)),
    ])
    func phrasesResolveAgainstThePlanYear(phrase: String, meaning: DeadlinePhrase.Meaning) {
        #expect(DeadlinePhrase.meaning(of: phrase, planYear: 2022) == meaning)
    }

    @Test func unreadablePhrasesAreNil() {
        #expect(DeadlinePhrase.meaning(of: "2月30日前", planYear: 2022) == nil)
        #expect(DeadlinePhrase.meaning(of: "适时", planYear: 2022) == nil)
        #expect(DeadlinePhrase.meaning(of: "9—6月", planYear: 2022) == nil)
        #expect(DeadlinePhrase.meaning(of: "123月底前", planYear: 2022) == nil)
        #expect(DeadlinePhrase.meaning(of: "6月底前后", planYear: 2022) == nil)
        // Full-width digits are not read as numbers (they once reached a force-unwrap).
        #expect(DeadlinePhrase.meaning(of: "６月底前", planYear: 2022) == nil)
        #expect(DeadlinePhrase.meaning(of: "２０２２年底前", planYear: 2022) == nil)
    }
}

@Suite struct RuleIDOrderTests {
    @Test func numericPartsCompareAsNumbers() {
        let ids = ["pollution.air.16.1", "pollution.air.5.4", "pollution.air.5.10", "literacy.budget", "pollution.air.5"]
        #expect(ids.sorted(by: Rule.idPrecedes) == ["literacy.budget", "pollution.air.5", "pollution.air.5.4", "pollution.air.5.10", "pollution.air.16.1"])
    }

    /// The order read on bytes agrees, pair by pair, with splitting the Characters and reading
    /// numbers with `Int(_:)`, on ids a status file might hold: signs, overflow, empty parts, non-ASCII.
    @Test func bytesAgreeWithSplittingText() {
        func reference(_ a: String, _ b: String) -> Bool {
            let x = a.split(separator: ".").map { ($0, Int($0)) }, y = b.split(separator: ".").map { ($0, Int($0)) }
            for (p, q) in zip(x, y) where p.0 != q.0 {
                if let i = p.1, let j = q.1 { return i < j }
                return p.0 < q.0
            }
            return x.count < y.count
        }
        let ids = ["a.5", "a.10", "a.-3", "a.+3", "a.3", "a.03", "a.-", "a.+", "a..5", ".a.5.", "a", "a.b", "a.B", "a.9223372036854775807",
                   "a.9223372036854775808", "a.-9223372036854775808", "a.-9223372036854775809", "a.5a", "a.é", "a.e\u{301}", "a.\u{301}.5",
                   "a.空气.5", "a.空气.10", "", "."]
        for a in ids {
            for b in ids {
                #expect(Rule.idPrecedes(a, b) == reference(a, b), "\(a) < \(b)")
            }
        }
    }
}
