public import DubanCore

/// The per-ledger, per-month rows and totals a supervisor compares with the fund's books
/// (docs/ledgers.md), as the text, markdown, JSON, SARIF and JUnit reports show them.
public enum LedgerTotals {
    static func text(_ ledgers: [LedgerSummary], language: Language) -> String {
        guard !ledgers.isEmpty else { return "" }
        let zh = language == .zh
        var out = zh ? "\n账目月度合计：\n" : "\nLedger totals by month:\n"
        for ledger in ledgers {
            out += "  \(ledger.file) (\(ledger.kind?.rawValue ?? "?"))\n"
            if ledger.months.isEmpty { out += zh ? "    （无可读行）\n" : "    (no readable rows)\n" }
            for m in ledger.months {
                out += zh ? "    \(m.month)  \(m.rows) 行  合计 \(m.yuan) 元\n" : "    \(m.month)  \(m.rows) rows  total \(m.yuan) yuan\n"
            }
        }
        return out
    }

    static func markdown(_ ledgers: [LedgerSummary], language: Language) -> String {
        guard !ledgers.isEmpty else { return "" }
        let zh = language == .zh
        var out = zh ? "\n## 账目月度合计\n\n| 账目 | 类型 | 月份 | 行数 | 合计（元） |\n|---|---|---|---:|---:|\n"
                     : "\n## Ledger totals\n\n| ledger | kind | month | rows | total (yuan) |\n|---|---|---|---:|---:|\n"
        for ledger in ledgers {
            let file = ledger.file.replacingOccurrences(of: "|", with: "\\|")
            for m in ledger.months {
                out += "| `\(file)` | \(ledger.kind?.rawValue ?? "—") | \(m.month) | \(m.rows) | \(m.yuan) |\n"
            }
        }
        return out
    }

    /// A JUnit suite of no tests whose properties are the totals: `<file> (<kind>) <month>` → `<rows> rows, <total> yuan`.
    static func junit(_ ledgers: [LedgerSummary], xml: (String) -> String) -> String {
        guard !ledgers.isEmpty else { return "" }
        var out = "  <testsuite name=\"ledger totals\" tests=\"0\" failures=\"0\">\n    <properties>\n"
        for ledger in ledgers {
            for m in ledger.months {
                let name = "\(ledger.file) (\(ledger.kind?.rawValue ?? "?")) \(m.month)"
                out += "      <property name=\"\(xml(name))\" value=\"\(m.rows) rows, \(m.yuan) yuan\"/>\n"
            }
        }
        return out + "    </properties>\n  </testsuite>\n"
    }

    /// `{"file", "kind", "lines", "months": [{"month", "rows", "total"}]}`; totals are exact decimal numbers.
    public static func json(_ ledger: LedgerSummary) -> JSON {
        .object([
            "file": .string(ledger.file), "kind": .optional(ledger.kind?.rawValue), "lines": .int(ledger.lines),
            "months": .array(ledger.months.map { m in
                .object(["month": .string(m.month.description), "rows": .int(m.rows), "total": .number(m.yuan)])
            }),
        ])
    }
}
