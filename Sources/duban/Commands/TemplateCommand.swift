import ArgumentParser
import DubanCore
import DubanReporters

/// `duban template --department D --period YYYY-MM`: a status-file skeleton.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Print a status-file skeleton listing every obligation of a department for a month.",
        discussion: """
        Every rule whose progress the monthly report owes is listed with status not-started and its \
        title as a comment; every figure due that month is listed as a comment to fill in. The \
        skeleton is valid as printed; self-check accepts it once filled in.

        Examples:
          duban template --department 市水务局 --period 2022-06 > inputs/shuiwu/2022-06.yaml
          duban template --department haidian --period 2022-12
        """
    )

    @Option(help: ArgumentHelp("The department (canonical name, slug or known variant).", valueName: "department"))
    var department: String

    @Option(help: ArgumentHelp("The month reported on, YYYY-MM.", valueName: "month"))
    var period: String

    @OptionGroup var rulesOptions: RulesOptions

    func validate() throws {
        guard YearMonth(iso: period) != nil else {
            throw ValidationError("--period '\(period)' is not a month; write YYYY-MM, e.g. 2022-06")
        }
    }

    func run() throws {
        let set = rulesOptions.load()
        let department = resolveDepartment(self.department, in: set)
        let month = YearMonth(iso: period)!
        let obligations = ReportObligations(set: set, department: department, period: month)
        emit(StatusTemplate(set: set, department: department, period: month, obligations: obligations).render())
    }
}
