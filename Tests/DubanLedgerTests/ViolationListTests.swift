import Foundation
import Testing
@testable import DubanCore

/// `ViolationList` holds ledger findings compact and sorts them by their own keys: it must give
/// exactly what building them all and sorting with `Violation.inReportOrder` gives.
@Suite struct ViolationListTests {
    /// Every kind of row finding: each credit rule, the employer share, every part of the rule
    /// of use, unreadable rows and fields (with and without a month), several months, and a month
    /// before the first standard (a file-level warning).
    static let credit = Ledgers.creditHeader + """
    A1,in-service,1980-05-01,2022-06,10000,201,0
    A2,retired,1960-01-01,2022-06,,99,0
    A3,retired,1952-06-15,2022-06,,100,0
    A4,in-service,1980-05-01,2022-06,10000,200,5
    A5,in-service,1980-05-01,2022-13,10000,200,0
    A6,in-service,1980-05-01,2022-02,10000,1,0
    A7,in-service,1980-05-01,2022-05,abc,200,0
    "unclosed,x

    A1,in-service,1980-05-01,2022-05,10000,199,0
    A8,retired,1960-01-01,2022-05,,98,7

    """
    static let expense = Ledgers.expenseHeader + """
    X1,2022-06-03,other,other,wellness,-5
    X2,2022-06-04,self,designated-retail-pharmacy,drugs,12.50
    X3,2022-06-05,brother,designated-retail-pharmacy,drugs,12.50
    X1,2022-05-30,spouse,designated-medical-institution,public-health,0

    """

    /// Ordinary violations around and among the ledger's: no department, an empty one, departments
    /// before and after 市医保局, and 市医保局's own with and without a rule.
    static let ordinary: [Violation] = {
        func v(_ kind: Violation.Kind, _ department: String?, rule: String? = nil, period: String? = nil, file: String? = nil,
               line: Int? = nil, subject: String) -> Violation {
            Violation(rule: rule, kind: kind, severity: kind.severity, department: department, roles: .init(), message: subject,
                      messageEN: subject, citation: nil, due: nil, period: period.flatMap(YearMonth.init(iso:)), evidence: .init(reported: nil, required: nil),
                      location: file.map { Violation.Location(file: $0, line: line) }, metric: nil, scope: nil, subject: subject)
        }
        return [
            v(.invalid, nil, file: "z.yaml", line: 1, subject: "file"),
            v(.overdue, "市水务局", rule: "pollution.water.7.1", subject: "w"),
            v(.totalsMismatch, "市医保局", rule: "medins.inservice-credit", period: "2022-06", file: "yibao/2022-06.yaml", line: 9, subject: "rows"),
            v(.invalid, "市医保局", file: "yibao/2022-06.yaml", line: 3, subject: "ledgers"),
            v(.missingReport, "市医保局", rule: "medins.account-use", period: "2022-04", subject: "m"),
            v(.missingReport, "东城区政府", rule: "pollution.notice.monthly-report", period: "2022-05", subject: "d"),
            v(.notAssigned, "", subject: "e"),
        ]
    }()

    /// The findings of both ledgers (the credit ledger twice, so that equal findings must keep
    /// their order) and the whole violations: the file-level ones and `ordinary`.
    static func sample() throws -> (findings: [LedgerFinding], whole: [Violation]) {
        let checker = try LedgerChecker(set: Ledgers.rules, chunkSize: 7, workers: 2)
        var findings: [LedgerFinding] = [], whole = ordinary
        for (text, name) in [(credit, "c.csv"), (expense, "e.csv"), (credit, "c.csv")] {
            let result = checker.check(path: Ledgers.write(text, name: name), display: name)
            findings += result.findings
            whole += result.fileViolations
        }
        return (findings, whole)
    }

    @Test func orderIsReportOrderOfTheBuiltViolations() throws {
        let (findings, whole) = try Self.sample()
        #expect(Set(findings.map(\.kind)) == [.creditMismatch, .employerShareCredited, .invalid, .ineligibleBeneficiary,
                                             .undesignatedPayee, .prohibitedUse, .nonpositiveAmount])
        let list = ViolationList(reportOrdered: Violation.inReportOrder(whole), ledger: findings)
        let expected = Violation.inReportOrder(whole + findings.map(\.violation))
        #expect(list.count == expected.count)
        #expect(Array(list) == expected)
        #expect(list.indices.map(list.kind(at:)) == expected.map(\.kind))
        #expect(list.indices.map(list.severity(at:)) == expected.map(\.severity))
        #expect(list.indices.map(list.department(at:)) == expected.map(\.department))
        #expect(list.errors == expected.filter { $0.severity == .error }.count)
        #expect(list.warnings == expected.filter { $0.severity == .warning }.count)
        #expect(list.warnings > 0 && list.errors > list.warnings)
    }

    /// The point of holding findings compact (docs/ledgers.md, Reading at scale): a short person
    /// id is kept inline, so a finding of a well-formed row is this and nothing on the heap.
    @Test func aFindingIsSmall() {
        #expect(MemoryLayout<LedgerFinding>.stride <= 96)
    }

    @Test func theKeysOfAFindingAreThoseOfItsViolation() throws {
        for finding in try Self.sample().findings {
            let v = finding.violation
            #expect(finding.kind == v.kind && finding.rule == v.rule && finding.department == v.department)
            #expect(finding.period == v.period && finding.location == v.location && finding.lastKey == v.subject)
        }
    }

    @Test func subsetsShareTheList() throws {
        let (findings, whole) = try Self.sample()
        let list = ViolationList(reportOrdered: Violation.inReportOrder(whole), ledger: findings)
        let positions = [list.count - 1, 0, 5]
        let subset = list.subset(positions)
        #expect(Array(subset) == positions.map { list[$0] })
        #expect(subset.indices.map(subset.kind(at:)) == positions.map(list.kind(at:)))
    }

    @Test func theListOfViolationsAloneKeepsTheirOrder() {
        let list = ViolationList(Self.ordinary)
        #expect(Array(list) == Self.ordinary)
        #expect(Array(ViolationList(reportOrdered: Self.ordinary, ledger: [])) == Self.ordinary)
        #expect(ViolationList().isEmpty)
    }

    @Test func aFocusCoversTheLedgerFindingsOfItsDepartmentOnly() throws {
        let findings = try Self.sample().findings
        let departments = Ledgers.rules.departments
        guard case .department(let yibao)? = departments.resolve("市医保局"), case .department(let other)? = departments.resolve("市水务局") else {
            Issue.record("departments missing")
            return
        }
        let month = YearMonth(iso: "2022-06")!
        #expect(findings.allSatisfy(Evaluator.Focus(department: yibao, period: month).covers))
        #expect(!findings.contains(where: Evaluator.Focus(department: other, period: month).covers))
    }
}
