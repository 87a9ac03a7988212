public import DubanCore

/// One month of the working-day calendar as `duban calendar` shows it.
public struct MonthView: Sendable {
    public let month: YearMonth
    public let workingDays: [Day]
    /// The report on the previous month is due on this day (third working day).
    public let reportDue: Day
    private let calendar: WorkCalendar

    /// nil when the calendar has no data for the month's year.
    public init?(month: YearMonth, calendar: WorkCalendar, reportWorkingDay: Int = 3) {
        guard let days = calendar.workingDays(in: month),
              let due = calendar.reportDueDay(for: month.previous, workingDay: reportWorkingDay) else { return nil }
        self.month = month
        self.workingDays = days
        self.reportDue = due
        self.calendar = calendar
    }

    static let weekdays = ["", "一", "二", "三", "四", "五", "六", "日"]
    static let weekdaysEN = ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    public func text() -> String {
        var out = "\(month.year)年\(month.month)月 — \(workingDays.count) 个工作日 / working days\n\n"
        out += "日期        星期        \n"
        for day in month.days {
            let working = calendar.isWorkingDay(day) == true
            var line = "\(day)  周\(Self.weekdays[day.weekday]) \(Self.weekdaysEN[day.weekday])  "
            line += working ? "工作日 working" : "休息 off"
            if let holiday = calendar.holiday(on: day) { line += "  \(holiday)" }
            if let made = calendar.makeUpHoliday(on: day) { line += "  调休上班 make-up working day (\(made))" }
            if day == reportDue { line += "  ← 月报截止 report due" }
            out += line + "\n"
        }
        out += "\n月报截止 / monthly report due: \(reportDue)"
        out += " — \(month.previous) 月报 (report on \(month.previous)), 第3个工作日 / third working day\n"
        return out
    }

    public func json() -> JSON {
        .object([
            "month": .string(month.description),
            "working_days": .array(workingDays.map { .string($0.description) }),
            "days_off": .array(month.days.filter { calendar.isWorkingDay($0) == false }.map { .string($0.description) }),
            "make_up_days": .array(month.days.filter { calendar.makeUpHoliday(on: $0) != nil }.map { .string($0.description) }),
            "report_period": .string(month.previous.description),
            "report_due": .string(reportDue.description),
        ])
    }
}
