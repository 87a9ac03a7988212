import Foundation
import Testing
import TestSupport
@testable import DubanCore

/// Status-file problems the bad-input corpus (DubanCLITests) does not reach — milestones, ledger
/// entries, notes, numbers out of range — read in Chinese too (SPEC §5), with the English as it was.
@Suite struct ChineseStatusFileTests {
    /// Entries appended to a June report of 市水务局 (after its `tasks:`), and the `invalid`
    /// findings they raise: English, Chinese (after `报送文件内容无法读取：`).
    static let tiny = "0." + String(repeating: "0", count: 48) + "…"

    static let cases: [(String, [(en: String, zh: String)])] = [
        ("  - {rule: pollution.climate.4.1, status: in-progress, milestones: [{due: 2022-03-31}]}",
         [("milestone is missing 'completed'", "节点缺少“completed”")]),
        ("  - {rule: pollution.climate.4.1, status: in-progress, milestones: [{due: 2022-03-31, completed: 2022-07-06}]}",
         [("completed 2022-07-06 is after submitted 2022-07-05", "完成日期 2022-07-06 晚于报送日期 2022-07-05")]),
        ("  - {rule: pollution.climate.4.1, status: in-progress, milestones: x}",
         [("task 'milestones': expected a list, found a single value", "任务的“milestones”应为列表，实际是单个值")]),
        ("  - {rule: pollution.climate.4.1, status: in-progress, milestones: [x]}",
         [("milestone: expected a mapping of keys to values, found a single value", "节点应由若干“键: 值”组成，实际是单个值")]),
        ("  - {rule: pollution.climate.4.1, status: in-progress, note: 012}",
         [(#"task 'note': plain '012' is read by YAML 1.1 as an octal number; quote it ("012")"#,
           #"任务的“note”写的是不加引号的“012”，YAML 1.1 会把它读作八进制数；请加英文引号写成 "012""#)]),
        ("  - {rule: pollution.climate.4.1, status: [done]}",
         [("task 'status': expected done, in-progress, not-started or blocked, found a list",
           "任务的“status”应为以下之一：done（已完成）、in-progress（进行中）、not-started（未开始）、blocked（受阻），实际是列表")]),
        ("  - {rule: pollution.climate.4.1, status: in-progress, progress: [1]}",
         [("task 'progress': expected a number, found a list", "任务的“progress”应为数字，实际是列表")]),
        ("  - {status: done}",
         [("task is missing 'rule'", "任务缺少“rule”")]),
        ("metrics:\n  - {metric: forest_coverage_pct, value: 0.\(String(repeating: "0", count: 200))1}",
         [("metric report 'value': '\(tiny)' is too large or too close to zero for duban to keep exactly",
           "指标报告的“value”写的是“\(tiny)”，过大或过于接近零，duban 无法精确保存")]),
        ("metrics:\n  - {metric: forest_coverage_pct, value: 1, scope: no}",
         [(#"metric report 'scope': plain 'no' is read by YAML 1.1 as a boolean; quote it ("no") if you mean the text"#,
           #"指标报告的“scope”写的是不加引号的“no”，YAML 1.1 会把它读作布尔值（是/否）；如指文字，请加英文引号写成 "no""#)]),
        ("ledgers:\n  - {file: ../x.csv, kind: credit, month: 2022-13, rows: -1, total: 1.234}",
         [("ledger file '../x.csv' must be a relative path inside the status file's folder (no leading /, no ..)",
           "账目文件“../x.csv”应为报送文件所在目录内的相对路径（不以 / 开头，不含 ..）"),
          ("ledger 'kind': expected account-credit or account-expense, found 'credit'",
           "账目的“kind”应为以下之一：account-credit（个人账户计入账目）、account-expense（个人账户支出账目），实际写的是“credit”"),
          ("ledger 'month': expected a month written YYYY-MM, found '2022-13'", "账目的“month”应为月份（写成 YYYY-MM），实际写的是“2022-13”"),
          ("ledger 'rows' -1 may not be negative", "账目的行数 rows 为 -1，不能为负数"),
          ("ledger 'total' 1.234 must be yuan with at most two decimals", "账目的合计 total 为 1.234，应以元为单位，最多两位小数")]),
        ("ledgers:\n  - {file: a.csv, kind: account-credit, month: 2022-06, rows: 1.5}",
         [("ledger 'rows': expected a whole number, found '1.5'", "账目的“rows”应为整数，实际写的是“1.5”")]),
        ("ledgers:\n  - {file: a.csv, kind: account-credit, month: 2022-06, rows: 99999999999999999999}",
         [("ledger 'rows': '99999999999999999999' is out of range for a whole number (-9223372036854775808 to 9223372036854775807)",
           "账目的“rows”写的是“99999999999999999999”，超出整数范围（-9223372036854775808 至 9223372036854775807）")]),
        ("ledgers: x", [("status file 'ledgers': expected a list, found a single value", "报送文件的“ledgers”应为列表，实际是单个值")]),
    ]

    @Test(arguments: cases)
    func readsInChinese(extra: String, expected: [(en: String, zh: String)]) throws {
        let f = EvaluationFixture()
        defer { try? FileManager.default.removeItem(at: f.inputs.deletingLastPathComponent()) }
        f.submit("shuiwu/2022-06.yaml", EvaluationFixture.waterReport("2022-06", submitted: "2022-07-05", extra: extra))
        let (set, _) = try RuleSetLoader.load(directory: f.rules.path)
        let invalid = try SubmissionLoader.load(paths: [f.inputs.path], set: set, asOf: Day(iso: "2022-07-06")!).violations.filter { $0.kind == .invalid }
        #expect(invalid.map(\.messageEN).sorted() == expected.map(\.en).sorted(), "\(extra)")
        #expect(invalid.map(\.message).sorted() == expected.map { "报送文件内容无法读取：\($0.zh)" }.sorted(), "\(extra)")
        for v in invalid {
            #expect(ChineseText.problems(v.message, english: v.messageEN).isEmpty, "\(v.message)")
        }
    }
}
