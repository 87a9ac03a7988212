import Foundation
import Testing
import TestSupport
@testable import DubanCore
@testable import DubanReporters

/// A report whose ledger findings are held compact renders exactly as the same report with
/// every finding built whole and sorted by `Violation.inReportOrder`, in every format.
@Suite struct LedgerFindingReportTests {
    static let rules: RuleSet = {
        let (set, _) = try! RuleSetLoader.load(directory: TestPaths.rules.path)
        return set
    }()

    static func write(_ text: String, _ name: String) -> String {
        let url = TestPaths.scratchDirectory("duban-ledger-report").appendingPathComponent(name)
        try! Data(text.utf8).write(to: url)
        return url.path
    }

    /// Two ledgers' findings (credit and expense, unreadable rows among them, a month before the
    /// first standard) and ordinary violations of 市医保局 and of other departments.
    static func reports() throws -> (compact: CheckReport, whole: CheckReport) {
        let checker = try LedgerChecker(set: rules, chunkSize: 16, workers: 2)
        let credit = checker.check(path: write("""
        person_id,status,birth_date,month,contribution_base,credited,employer_share
        A1,in-service,1980-05-01,2022-06,10000,201,0
        A2,retired,1960-01-01,2022-06,,99,0
        A3,retired,1952-06-15,2022-06,,100,2
        A4,in-service,1980-05-01,2022-13,10000,200,0
        A5,in-service,1980-05-01,2022-02,10000,1,0
        "A6,in-service

        """, "c.csv"), display: "ledgers/c.csv")
        let expense = checker.check(path: write("""
        person_id,date,beneficiary,payee_kind,category,amount
        X1,2022-06-03,other,other,wellness,-5
        X2,2022-06-05,brother,designated-retail-pharmacy,drugs,12.50

        """, "e.csv"), display: "ledgers/e.csv")
        let rows = Violation(rule: "medins.inservice-credit", kind: .totalsMismatch, severity: .error, department: "市医保局",
                             roles: .init(lead: ["市医保局"]), message: "申报行数不符", messageEN: "rows differ", citation: nil, due: nil,
                             period: YearMonth(iso: "2022-06"), evidence: .init(reported: "5 rows", required: "3 rows"),
                             location: .init(file: "yibao/2022-06.yaml", line: 9, column: 11), metric: nil, scope: nil,
                             subject: "rows ledgers/c.csv")
        let ordinary = Array(GoldenTests.report.violations) + [rows]
            + credit.fileViolations + expense.fileViolations
        let findings = credit.findings + expense.findings
        let asOf = Day(iso: "2022-07-06")!, ledgers = [credit.summary, expense.summary]
        let compact = CheckReport(asOf: asOf, violations: ViolationList(reportOrdered: Violation.inReportOrder(ordinary), ledger: findings),
                                  superseded: [], files: 3, ledgers: ledgers)
        let whole = CheckReport(asOf: asOf, violations: Violation.inReportOrder(ordinary + findings.map(\.violation)),
                                superseded: [], files: 3, ledgers: ledgers)
        return (compact, whole)
    }

    @Test(arguments: CheckFormat.allCases)
    func rendersAsTheViolationsBuiltWhole(format: CheckFormat) throws {
        let (compact, whole) = try Self.reports()
        #expect(compact.violations.count == 17)
        for language in Language.allCases {
            #expect(format.reporter.render(compact, language: language) == format.reporter.render(whole, language: language))
        }
    }

    @Test func byDepartmentGroupsWithoutReordering() throws {
        let (compact, whole) = try Self.reports()
        let groups = compact.byDepartment, expected = whole.byDepartment
        #expect(groups.map(\.department) == expected.map(\.department))
        #expect(groups.map { Array($0.violations) } == expected.map { Array($0.violations) })
        #expect(groups.map(\.department) == ["东城区政府", "市医保局", "市水务局", ""])
    }
}
