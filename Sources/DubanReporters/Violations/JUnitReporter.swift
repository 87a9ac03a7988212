import DubanCore

/// One test suite per accountable department, one test case per violation: errors fail,
/// warnings pass with their text in `system-out`; ledger totals, where there are any, as the
/// properties of a suite of no tests.
public struct JUnitReporter: CheckReporter {
    public init() {}

    public func render(_ report: CheckReport, language: Language) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"duban\" tests=\"\(report.violations.count)\" failures=\"\(report.errors)\">\n"
        for (department, violations) in report.byDepartment {
            let name = department.isEmpty ? "(no department)" : department
            let failures = violations.errors
            out += "  <testsuite name=\"\(xml(name))\" tests=\"\(violations.count)\" failures=\"\(failures)\">\n"
            for v in violations {
                let caseName = [v.kind.rawValue, v.rule, v.period?.description, v.metric].compactMap { $0 }.joined(separator: " ")
                let detail = ([v.place, v.evidence.reported.map { "reported: \($0)" }, v.evidence.required.map { "required: \($0)" }]
                    .compactMap { $0 } + ["fingerprint: \(v.fingerprint)"]).joined(separator: "\n")
                out += "    <testcase classname=\"\(xml(name))\" name=\"\(xml(caseName))\">\n"
                if v.severity == .error {
                    out += "      <failure type=\"\(v.kind.rawValue)\" message=\"\(xml(v.message(in: language)))\">\(xml(detail))</failure>\n"
                } else {
                    out += "      <system-out>\(xml("warning: " + v.message(in: language) + "\n" + detail))</system-out>\n"
                }
                out += "    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        out += LedgerTotals.junit(report.ledgers, xml: xml)
        return out + "</testsuites>\n"
    }

    func xml(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "&#10;"
            case _ where scalar.value < 0x20 && scalar != "\t": out += "&#\(scalar.value);"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
