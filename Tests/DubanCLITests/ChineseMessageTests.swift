import Foundation
import Testing
import TestSupport

/// SPEC §5: each violation carries "a message (Chinese, with English available)". Department
/// clerks read the Chinese one, so a file that cannot be read must be explained in Chinese too,
/// not in the English of the YAML reader inside a Chinese frame. Every case of the bad-input
/// corpus (`BadInputTests`, which pins the English) is run once more, and each `invalid` finding
/// in the hostile file is held to `ChineseText.problems`; a few are pinned word for word.
@Suite struct ChineseMessageTests {
    /// The cases with `invalid` findings (`many-entries` repeats `duplicate-task` 20,000 times).
    static let cases = BadInputCase.table.filter { c in c.name != "many-entries" && c.located.contains { $0.kind == "invalid" } }.map(\.name)

    @Test(arguments: cases)
    func everyInvalidFindingReadsInChinese(name: String) throws {
        let messages = try Self.invalidMessages(of: name)
        let expected = try #require(BadInputCase.named(name)).located.filter { $0.kind == "invalid" }
        #expect(messages.count == expected.count, "\(name)")
        for (zh, en) in messages {
            #expect(ChineseText.problems(zh, english: en).isEmpty, "\(name): \(zh) — \(ChineseText.problems(zh, english: en))")
        }
    }

    /// Representative messages word for word: the frame, keys and values verbatim, hints.
    @Test(arguments: exact)
    func readsAsWritten(name: String, zh: [String]) throws {
        let messages = try Self.invalidMessages(of: name)
        #expect(messages.map(\.zh).sorted() == zh.sorted(), "\(name)")
    }

    @Test func theCheckItself() {
        #expect(ChineseText.problems("报送文件内容无法读取：task 'progress': expected a number, found '50%'", english: "x").count == 1)
        #expect(ChineseText.problems("报送文件内容无法读取：任务的“progress”应为数字（如 74.6），实际写的是“50%”", english: "x").isEmpty)
        #expect(ChineseText.problems("'completed: 2022-06-20'", english: "x") == ["no Chinese outside quotes"])
        #expect(ChineseText.problems("应为 true 或 false，YAML 1.1 会 ... UTF-8 编码", english: "x").isEmpty)
        #expect(ChineseText.problems("报送文件无法读取：is a directory, not a file", english: "is a directory, not a file").contains("the English message itself"))
    }

    static let exact: [(String, [String])] = [
        ("fullwidth-colon", ["报送文件无法读取：“department”后面是全角冒号“：”；请改用半角冒号加一个空格，写成 department: …"]),
        ("missing-space-after-colon", ["报送文件无法读取：冒号后面缺少空格：“period:2022-06”会被当作一整段文字；请写成 period: 2022-06"]),
        ("unclosed-quote", ["报送文件无法读取：YAML 语法错误：文件意外结束（读取第 8 行第 11 列起的带引号的值时）"]),
        ("gbk-department", ["报送文件无法读取：不是有效的 UTF-8 编码（字节 0xB6）；文件似乎是 GBK 编码：请另存为 UTF-8 编码"]),
        ("utf16le-bom", ["报送文件无法读取：文件编码为 UTF-16；请另存为 UTF-8 编码"]),
        ("duplicate-top-level-key", ["报送文件无法读取：键“period”重复（第一次出现在第 2 行）"]),
        ("anchor", ["报送文件无法读取：此文件不接受锚点（&s）；请把值直接写出来"]),
        ("nesting-over-limit", ["报送文件无法读取：嵌套超过 64 层"]),
        ("department-no", [#"报送文件内容无法读取：报送文件的“department”写的是不加引号的“no”，YAML 1.1 会把它读作布尔值（是/否）；如指文字，请加英文引号写成 "no""#]),
        ("submitted-2022-02-30", ["报送文件内容无法读取：报送文件的“submitted”应为日历上存在的日期（写成 YYYY-MM-DD），实际写的是“2022-02-30”"]),
        ("progress-1.5", ["报送文件内容无法读取：进度 progress 为 1.5，应在 0 到 1 之间（0.5 表示完成一半）"]),
        ("progress-leading-zeros", ["报送文件内容无法读取：任务的“progress”写的是“00.5”，以 0 开头，YAML 1.1 会把它读作八进制数；请写成 0.5"]),
        ("metric-value-huge", ["报送文件内容无法读取：指标报告的“value”写的是“\(BadInputCase.nines.prefix(50))…”，有 400 位有效数字，超出 duban 能精确保存的位数（最多 38 位）"]),
        ("unknown-task-key", ["报送文件内容无法读取：任务缺少“status”", "报送文件内容无法读取：任务中有未知的键“statis”，是否应为“status”？"]),
        ("status-Done", ["报送文件内容无法读取：任务的“status”应为以下之一：done（已完成）、in-progress（进行中）、not-started（未开始）、blocked（受阻），实际写的是“Done”"]),
        ("department-unknown", ["报送文件内容无法读取：未知的单位“东城区政”；最接近的已知单位：东城区政府"]),
        ("comments-only", ["文件只有注释，没有报送内容"]),
    ]

    /// The Chinese and English messages of the `invalid` findings located in the case's file.
    static func invalidMessages(of name: String) throws -> [(zh: String, en: String)] {
        let c = try #require(BadInputCase.named(name))
        let run = try BadInputRun(c)
        defer { run.remove() }
        let outcome = try DubanProcess.run(["check", "inputs", "--rules", run.rules, "--as-of", BadInputCase.asOf, "--format", "json"],
                                           in: run.root, timeout: 10)
        let report = try BadInputReport(outcome)
        return report.violations.filter { v in
            v["kind"] as? String == "invalid" && (v["location"] as? [String: Any])?["file"] as? String == run.file
        }.map { ($0["message"] as? String ?? "", $0["message_en"] as? String ?? "") }
    }
}
