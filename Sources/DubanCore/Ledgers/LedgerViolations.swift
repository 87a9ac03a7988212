import DubanYAML

/// The violations of the ledger checks: department 市医保局, the row's month as period, the row's
/// place, the person and the values compared as evidence, and a subject naming the row by what
/// it is (person, month, payment), never by its line.
extension LedgerRules {
    func finding(_ kind: Violation.Kind, _ rule: Rule, at location: Violation.Location, period: YearMonth,
                 zh: String, en: String, reported: String, required: String, subject: String) -> Violation {
        build.make(kind, rule: rule, department: department, zh: zh, en: en, period: period,
                   reported: reported, required: required, location: location, subject: subject)
    }

    /// A ledger, row or field that cannot be read (in Chinese where the message has it).
    func invalid(_ message: Bilingual, at location: Violation.Location, period: YearMonth?, subject: String) -> Violation {
        build.invalid("账目无法读取：\(message.zh ?? message.en)", message.en, at: location, department: department, period: period,
                      subject: "ledger \(subject)")
    }

    /// Rows of a month before the first credit standard is in force: counted, not checked.
    func noStandard(file: String, month: YearMonth, rows: Int) -> Violation {
        let first = inService.standard?.values.first.map { " (the first is in force from \($0.effective))" } ?? ""
        return build.make(.noStandard, rule: inService, department: department,
                          zh: "\(month) 尚无施行中的个人账户计入标准，该月 \(rows) 行已计数但未检查",
                          en: "no credit standard is in force in \(month)\(first): its \(rows) rows are counted, not checked",
                          period: month, reported: "\(rows) rows", required: "a standard in force", location: Violation.Location(file: file),
                          subject: "no-standard \(file.split(separator: "/").last.map(String.init) ?? file)")
    }

    /// The findings of one kind beyond the first `listed` of a ledger: counted in one more finding.
    func unlisted(_ kind: Violation.Kind, count: Int, listed: Int, file: String) -> Violation {
        let rule: Rule? = switch kind {
        case .creditMismatch, .noStandard: inService
        case .employerShareCredited: employer
        case .ineligibleBeneficiary, .undesignatedPayee, .prohibitedUse, .nonpositiveAmount: accountUse
        default: nil
        }
        return build.make(kind, rule: rule, department: department,
                          zh: "本账目另有 \(count) 处 \(kind.rawValue) 未逐条列出（每类只列前 \(listed) 处）",
                          en: "\(count) more \(kind.rawValue) findings in this ledger are not listed (the first \(listed) of each kind are)",
                          reported: "\(count) more rows", required: nil, location: Violation.Location(file: file),
                          subject: "unlisted \(kind.rawValue)")
    }
}
