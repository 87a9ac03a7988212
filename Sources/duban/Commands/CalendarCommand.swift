import ArgumentParser
import DubanCore
import DubanReporters

/// `duban calendar YYYY-MM`: the working days of a month and the monthly report's due day.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Show a month's working days and the due day of the monthly report.",
        discussion: """
        Working days follow China's official calendar in rules/calendar/: weekends and public \
        holidays are days off, make-up working days (调休) are working days. The monthly progress \
        report on the previous month is due by the end of the month's third working day.

        Examples:
          duban calendar 2022-05       # due 2022-05-07, a make-up Saturday
          duban calendar 2022-10 --format json
        """
    )

    @Argument(help: ArgumentHelp("The month, YYYY-MM.", valueName: "month"))
    var month: String

    @Option(help: "Output format: text or json.")
    var format: DiagnosticFormat = .text

    @OptionGroup var rulesOptions: RulesOptions

    func validate() throws {
        guard YearMonth(iso: month) != nil else {
            throw ValidationError("'\(month)' is not a month; write YYYY-MM, e.g. 2022-05")
        }
    }

    func run() throws {
        let month = YearMonth(iso: self.month)!
        let set = rulesOptions.load(.calendar)
        guard let view = MonthView(month: month, calendar: set.calendar) else {
            fail("the calendar in \(rulesOptions.directory)/calendar has no data for \(month.year) (covered: \(set.calendar.years.sorted().map(String.init).joined(separator: ", ")))")
        }
        emit(format == .json ? view.json().rendered() : view.text())
    }
}
