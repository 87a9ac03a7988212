/// China's official working-day calendar: weekends and public holidays are days off,
/// the State Council's make-up working days (调休) are working days. Data, from `rules/calendar/`.
public struct WorkCalendar: Sendable {
    /// A public holiday period.
    public struct Holiday: Sendable, Hashable {
        public var name: String
        public var from: Day
        public var to: Day
    }

    /// A make-up working day on a weekend.
    public struct MakeUpDay: Sendable, Hashable {
        public var day: Day
        /// The holiday it makes up for.
        public var holiday: String
    }

    public private(set) var years: Set<Int> = []
    private var holidayName: [Day: String] = [:]
    private var makeUp: [Day: String] = [:]

    public init() {}

    public mutating func add(year: Int, holidays: [Holiday], makeUpDays: [MakeUpDay]) {
        years.insert(year)
        for h in holidays {
            for ordinal in h.from.ordinal...max(h.from.ordinal, h.to.ordinal) {
                holidayName[Day(ordinal: ordinal)] = h.name
            }
        }
        for m in makeUpDays { makeUp[m.day] = m.holiday }
    }

    public func covers(_ day: Day) -> Bool { years.contains(day.year) }

    /// nil when the calendar has no data for that year.
    public func isWorkingDay(_ day: Day) -> Bool? {
        guard covers(day) else { return nil }
        if makeUp[day] != nil { return true }
        if holidayName[day] != nil { return false }
        return !day.isWeekend
    }

    /// The holiday a day belongs to, if any.
    public func holiday(on day: Day) -> String? { holidayName[day] }

    /// The holiday a make-up working day makes up for, if it is one.
    public func makeUpHoliday(on day: Day) -> String? { makeUp[day] }

    /// The working days of a month, in order; nil when the year is not covered.
    public func workingDays(in month: YearMonth) -> [Day]? {
        guard years.contains(month.year) else { return nil }
        return month.days.filter { isWorkingDay($0) == true }
    }

    /// The Nth working day of a month (1-based).
    public func workingDay(_ n: Int, of month: YearMonth) -> Day? {
        guard n >= 1, years.contains(month.year) else { return nil }
        // Counted from the 1st, stopping at the Nth: a check asks this for every target and month.
        var found = 0
        for day in 1...Day.daysIn(month: month.month, year: month.year) {
            let date = Day(year: month.year, month: month.month, day: day)!
            guard isWorkingDay(date) == true else { continue }
            found += 1
            if found == n { return date }
        }
        return nil
    }

    /// The due day of the report on `period`: the Nth working day of the following month.
    public func reportDueDay(for period: YearMonth, workingDay n: Int = 3) -> Day? {
        workingDay(n, of: period.next)
    }
}
