import Foundation
import Testing
import TestSupport
@testable import DubanCore
@testable import DubanReporters

/// Every output format rendered from one fixed report, compared with a golden file.
/// `DUBAN_RECORD=1 swift test --filter GoldenTests` re-records them (and fails, so that
/// the change is reviewed).
@Suite struct GoldenTests {
    static let citation = Citation(document: "京政办发〔2022〕6号", documentKey: "pollution", annex: 3, item: 7, measure: 1,
                                   section: nil, quote: "累计新建污水收集管线740公里，改造雨污合流管82公里。")

    static let report = CheckReport(
        asOf: Day(iso: "2022-07-06")!,
        violations: [
            Violation(rule: "pollution.water.7.1", kind: .overdue, severity: .error, department: "市水务局",
                      roles: .init(lead: ["市水务局"], responsible: ["东城区政府", "西城区政府"], assisting: []),
                      message: "已逾期：时限 2022-06-30（6月底前），最近报告状态为 in-progress",
                      messageEN: "overdue: due 2022-06-30 (6月底前), last reported \"in-progress\", see note",
                      citation: citation, due: Day(iso: "2022-06-30"), period: nil,
                      evidence: .init(reported: "in-progress (2022-06)", required: "done by 2022-06-30"),
                      location: .init(file: "inputs/shuiwu/2022-06.yaml", line: 7, column: 5), metric: nil, scope: nil, subject: nil),
            Violation(rule: "pollution.notice.monthly-report", kind: .missingReport, severity: .error, department: "东城区政府",
                      roles: .init(lead: ["市生态环境局"]), message: "未收到 2022-05 月报（截止 2022-06-07，报市生态环境局）",
                      messageEN: "no report on 2022-05 received (due 2022-06-07, to 市生态环境局)",
                      citation: Citation(document: "京政办发〔2022〕6号", documentKey: "pollution", annex: nil, item: nil, measure: nil,
                                         section: "四", quote: "每月第三个工日前向市生态环境局报送上月工作进展情况。"),
                      due: Day(iso: "2022-06-07"), period: YearMonth(iso: "2022-05"),
                      evidence: .init(reported: nil, required: "report by 2022-06-07"), location: nil, metric: nil, scope: nil, subject: nil),
            Violation(rule: nil, kind: .invalid, severity: .error, department: nil, roles: .init(),
                      message: "报送文件无法读取：file is empty,\n\"nothing\" <here> & there",
                      messageEN: "file is empty,\n\"nothing\" <here> & there", citation: nil, due: nil, period: nil,
                      evidence: .init(reported: nil, required: nil), location: .init(file: "inputs/x,y/2022-06.yaml", line: 1, column: nil),
                      metric: nil, scope: nil, subject: "file"),
            Violation(rule: "pollution.water.7.1", kind: .offPace, severity: .warning, department: "市水务局",
                      roles: .init(lead: ["市水务局"]), message: "进度 45% 落后于时间进度 49.6%（时间近半、任务近半）",
                      messageEN: "progress 45% lags the elapsed share of time 49.6%", citation: citation, due: Day(iso: "2022-12-31"),
                      period: YearMonth(iso: "2022-06"), evidence: .init(reported: "45%", required: ">= 49.6%"),
                      location: .init(file: "inputs/shuiwu/2022-06.yaml", line: 9, column: 5), metric: nil, scope: nil, subject: nil),
        ],
        superseded: [SubmissionLoader.Superseded(file: "inputs/shuiwu/2022-05.yaml", department: "市水务局", period: YearMonth(iso: "2022-05")!,
                                                 submitted: Day(iso: "2022-06-02")!, supersededBy: "inputs/shuiwu/2022-05-fix.yaml")],
        files: 3,
        ledgers: [LedgerSummary(file: "inputs/yibao/ledgers/2022-06-credit.csv", kind: .accountCredit, lines: 5, months: [
            LedgerMonthTotal(month: YearMonth(iso: "2022-05")!, rows: 1, fen: 11000),
            LedgerMonthTotal(month: YearMonth(iso: "2022-06")!, rows: 4, fen: 4_123_456_78),
        ])])

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    @Test(arguments: CheckFormat.allCases)
    func formatMatchesItsGoldenFile(format: CheckFormat) throws {
        for language in Language.allCases {
            let name = "\(format.rawValue)-\(language.rawValue).golden"
            let url = Self.directory.appendingPathComponent(name)
            let rendered = format.reporter.render(Self.report, language: language)
            if ProcessInfo.processInfo.environment["DUBAN_RECORD"] != nil {
                try Data(rendered.utf8).write(to: url)
                Issue.record("re-recorded \(name): review the diff, then run again without DUBAN_RECORD")
                continue
            }
            let golden = try String(contentsOf: url, encoding: .utf8)
            #expect(rendered == golden, "\(name) differs; DUBAN_RECORD=1 re-records it")
        }
    }

    @Test func jsonIsValidAndHasTheSpecKeys() throws {
        let text = JSONReporter().render(Self.report, language: .zh)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(json.keys) == ["as_of", "summary", "violations", "superseded", "ledgers"])
        let ledger = try #require((json["ledgers"] as? [[String: Any]])?.first)
        #expect(ledger["kind"] as? String == "account-credit")
        #expect((ledger["months"] as? [[String: Any]])?.last?["total"] as? Double == 4123456.78)
        let first = try #require((json["violations"] as? [[String: Any]])?.first)
        #expect(Set(["rule", "kind", "severity", "department", "period", "due", "roles", "message", "message_en", "citation",
                     "evidence", "location", "fingerprint"]).isSubset(of: Set(first.keys)))
    }

    @Test func sarifHasNoRegionWithoutALineAndNoLocationWithoutAFile() throws {
        let text = SARIFReporter().render(Self.report, language: .en)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let results = try #require(((json["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        #expect(results[1]["locations"] == nil)  // missing-report: no file
        let invalid = (results[2]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
        #expect((invalid?["region"] as? [String: Any])?["startColumn"] == nil)
        #expect((results[0]["partialFingerprints"] as? [String: String])?["duban/v1"] == Self.report.violations[0].fingerprint)
    }
}
