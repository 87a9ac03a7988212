import Testing
@testable import DubanCore
@testable import DubanReporters

@Suite struct JSONTests {
    @Test func keysAreSortedAndStringsEscaped() {
        let json = JSON.object(["b": .string("引号\"，换行\n\t\u{1}"), "a": .array([.int(1), .null, .bool(true), .number("44.8")]), "c": .object([:])])
        #expect(json.rendered() == """
        {
          "a": [
            1,
            null,
            true,
            44.8
          ],
          "b": "引号\\"，换行\\n\\t\\u0001",
          "c": {}
        }

        """)
    }

    /// Escaping tests eight bytes at a time: every special character is found wherever it falls.
    @Test func escapesFoundAtEveryOffset() {
        func reference(_ s: String) -> String {
            "\"" + s.unicodeScalars.map { c -> String in
                switch c {
                case "\"": return "\\\""
                case "\\": return "\\\\"
                case "\n": return "\\n"
                case "\r": return "\\r"
                case "\t": return "\\t"
                case "\u{2028}": return "\\u2028"
                case "\u{2029}": return "\\u2029"
                case _ where c.value < 0x20: return "\\u00" + (c.value < 0x10 ? "0" : "") + String(c.value, radix: 16)
                default: return String(c)
                }
            }.joined() + "\""
        }
        for special in ["\"", "\\", "\n", "\u{1}", "\u{1F}", "\u{2028}", "\u{2029}", "—", "\u{7F}", " "] {
            for offset in 0...20 {
                let text = String(repeating: "a", count: offset) + special + "污水收集管线" + String(repeating: "b", count: 20 - offset)
                #expect(JSON.string(text).rendered() == reference(text) + "\n", "\(offset)")
            }
        }
    }

    /// A rule's citation and roles are copied into its later violations only while they are the same.
    @Test func rulePartsReusedOnlyWhenTheSame() {
        let v = GoldenTests.report.violations[0]
        var otherRoles = v, noCitation = v
        otherRoles.roles = .init(lead: ["市水务局"])
        noCitation.citation = nil
        var shared: [String: JSONReporter.RuleParts] = [:]
        for item in [v, v, otherRoles, v, noCitation, noCitation, v] {
            var reused = JSONWriter(), fresh = JSONWriter(), none: [String: JSONReporter.RuleParts] = [:]
            JSONReporter.violation(item, into: &reused, reusing: &shared)
            JSONReporter.violation(item, into: &fresh, reusing: &none)
            #expect(reused.bytes == fresh.bytes)
        }
    }

    /// An array written in pieces on the cores is the array written in one piece, whatever the
    /// size of the pieces and where the array stands; each piece starts with a fresh state.
    @Test func arrayWrittenInPiecesIsTheArrayWrittenWhole() {
        for count in [0, 1, 2, 7, 48, 49, 500] {
            let items = (0..<count).map { "item \($0) “\($0 % 3 == 0 ? "\n" : "")”" }
            var whole = JSONWriter()
            whole.object { w in
                w.member("before", "x")
                w.key("items")
                w.array(items) { w, item in w.object { $0.member("text", item) } }
            }
            for size in [1, 2, 3, 48, 1000] {
                var pieces: [Int] = [], written: [UInt8] = []
                var w = JSONWriter()
                w.object { w in
                    w.member("before", "x")
                    w.key("items")
                    w.array(items, inPiecesOf: size, flushingTo: { pieces.append($0.count); written += $0 }, state: { 0 }) { w, item, seen in
                        #expect(seen < size)
                        seen += 1
                        w.object { $0.member("text", item) }
                    }
                }
                written += w.bytes
                #expect(written == Array(whole.bytes), "\(count) items in pieces of \(size)")
                // What came before the array, then one flush a piece.
                #expect(pieces.count == (count == 0 ? 0 : 1 + (count + size - 1) / size), "\(count) items in pieces of \(size)")
            }
        }
    }

    /// A report writes citations straight into its writer: the same text as the `JSON` value gives.
    @Test func citationWrittenAsItsValue() {
        for citation in [GoldenTests.citation,
                         Citation(document: "京政办发〔2022〕6号", documentKey: "pollution", annex: nil, item: nil, measure: nil,
                                  section: "（三）", quote: "“引号”\n")] {
            var direct = JSONWriter(), value = JSONWriter()
            RuleJSON.write(citation, into: &direct)
            value.value(RuleJSON.citation(citation))
            #expect(direct.bytes == value.bytes)
        }
    }
}

@Suite struct DiagnosticReportTests {
    static let report = DiagnosticReport(diagnostics: [
        Diagnostic(file: "rules/a.yaml", line: 3, column: 7, message: "unknown key 'laed' in roles; did you mean 'lead'?"),
        Diagnostic(file: "rules/b.yaml", line: 9, column: 14, severity: .warning, message: "leans on the unresolved group '相关区政府'", rule: "pollution.air.1.1"),
        Diagnostic(file: "rules/documents.yaml", message: "missing: every rules directory needs documents.yaml"),
    ], files: 3)

    @Test func textIsCompilerStyle() {
        #expect(Self.report.rendered(as: .text) == """
        rules/a.yaml:3:7: error: unknown key 'laed' in roles; did you mean 'lead'?
        rules/b.yaml:9:14: warning: leans on the unresolved group '相关区政府' [pollution.air.1.1]
        rules/documents.yaml: error: missing: every rules directory needs documents.yaml
        3 files checked: 2 errors, 1 warning

        """)
    }

    @Test func jsonHasSummaryAndNullsForAbsentPositions() {
        let text = Self.report.rendered(as: .json)
        #expect(text.contains("\"summary\": {\n    \"errors\": 2,\n    \"files\": 3,\n    \"warnings\": 1\n  }"))
        #expect(text.contains("\"column\": null,\n      \"file\": \"rules/documents.yaml\",\n      \"line\": null"))
        #expect(text.contains("\"rule\": \"pollution.air.1.1\""))
    }
}

@Suite struct MonthViewTests {
    @Test func dueDayIsTheThirdWorkingDayOfTheMonth() throws {
        var calendar = WorkCalendar()
        calendar.add(year: 2022, holidays: [.init(name: "劳动节", from: Day(iso: "2022-04-30")!, to: Day(iso: "2022-05-04")!)],
                     makeUpDays: [.init(day: Day(iso: "2022-05-07")!, holiday: "劳动节")])
        let view = try #require(MonthView(month: YearMonth(iso: "2022-05")!, calendar: calendar))
        #expect(view.reportDue == Day(iso: "2022-05-07"))
        #expect(view.workingDays.first == Day(iso: "2022-05-05"))
        #expect(view.text().contains("2022-05-07  周六 Sat  工作日 working  调休上班 make-up working day (劳动节)  ← 月报截止 report due"))
        #expect(MonthView(month: YearMonth(iso: "2023-05")!, calendar: calendar) == nil)
    }
}

@Suite struct JSONReportStreamingTests {
    /// The long arrays of a report (superseded submissions, violations) are handed on in pieces
    /// of some tens of kilobytes, never held whole: 100,000 superseded submissions of a nightly
    /// run would otherwise take tens of megabytes.
    @Test func longArraysAreHandedOnInPieces() {
        let month = YearMonth(year: 2022, month: 6)!, day = Day(iso: "2022-07-05")!
        let superseded = (0..<20_000).map { i in
            SubmissionLoader.Superseded(file: "inputs/shuiwu/2022-06-\(i).yaml", department: "市水务局", period: month, submitted: day,
                                        supersededBy: "inputs/shuiwu/2022-06-\(i + 1).yaml")
        }
        let report = CheckReport(asOf: day, violations: [Violation](), superseded: superseded, files: superseded.count)
        var pieces: [Int] = [], whole: [UInt8] = []
        JSONReporter().write(report, language: .zh) { piece in
            pieces.append(piece.count)
            whole.append(contentsOf: piece)
        }
        #expect(whole.count > 3_000_000)
        #expect(pieces.count > 40)
        #expect(pieces.allSatisfy { $0 < 70_000 }, "\(pieces.max() ?? 0)")
        #expect(String(decoding: whole, as: UTF8.self) == JSONReporter().render(report, language: .zh))
    }
}
