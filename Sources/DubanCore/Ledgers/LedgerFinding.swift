import DubanYAML

/// One finding of a ledger row as the checker keeps it until a report needs it: the row's place,
/// month and person id and the values compared, under 100 bytes. `violation` builds the whole
/// `Violation` (messages in both languages, evidence, subject, role names: about 2 KB) when a
/// reporter reads it, so a ledger's tens of thousands of findings cost little memory.
public struct LedgerFinding: Sendable {
    /// What is wrong with the row, with the values its messages quote (amounts in fen, days as
    /// year·10000 + month·100 + day).
    enum Problem: Sendable {
        /// An in-service credit other than the standard percentage of the own base.
        case inServiceCredit(base: Int64, credited: Int64, due: Int64)
        /// A retiree credit other than the amount due at the person's age that month.
        case retireeCredit(birth: Int32, credited: Int64, due: Int64, seventy: Bool)
        /// Part of the employer's contribution credited to the personal account.
        case employerShare(Int64)
        /// A payment breaking the rule of use; `kind` says which part (one finding per part).
        /// The enumerations are indices into `LedgerVocabulary`.
        case payment(Violation.Kind, day: Int32, beneficiary: UInt8, payee: UInt8, category: UInt8, amount: Int64)
        /// A row or field that cannot be read, at `column` (in characters). Boxed: rare, and its
        /// two messages would otherwise widen every finding.
        indirect case unreadable(message: Bilingual, column: Int)
    }

    let rules: LedgerRules
    /// The ledger's name in findings.
    let file: String
    /// The row's line (relative to its chunk until the chunks are merged).
    var line: Int
    /// The row's month key (`LedgerFields.month`); -1 when it could not be read.
    let month: Int32
    /// The person id as written, quotes undone; for an unreadable row its leading field.
    let person: String
    let problem: Problem

    public var kind: Violation.Kind {
        switch problem {
        case .inServiceCredit, .retireeCredit: return .creditMismatch
        case .employerShare: return .employerShareCredited
        case .payment(let kind, _, _, _, _, _): return kind
        case .unreadable: return .invalid
        }
    }

    var period: YearMonth? { month >= 0 ? LedgerFields.yearMonth(month) : nil }

    /// The row's place: file and line, and the column for an unreadable row.
    var place: Violation.Location {
        if case .unreadable(_, let column) = problem { return Violation.Location(file: file, line: line, column: column) }
        return Violation.Location(file: file, line: line)
    }

    /// What the row is, for the fingerprint (never its line): the `Violation`'s subject.
    var subject: String {
        switch problem {
        case .inServiceCredit, .retireeCredit, .employerShare:
            return "\(person) \(LedgerFields.yearMonth(month))"
        case .payment(_, let day, let beneficiary, let payee, let category, let amount):
            return "\(person) \(Self.day(day)) \(LedgerFields.yuan(amount)) \(LedgerVocabulary.beneficiary.slugs[Int(beneficiary)]) "
                + "\(LedgerVocabulary.payeeKind.slugs[Int(payee)]) \(LedgerVocabulary.category.slugs[Int(category)])"
        case .unreadable(let message, _):
            return "ledger \(rowSubject(message.en))"
        }
    }

    private func rowSubject(_ message: String) -> String { "row \(person) \(message)" }

    /// The finding built whole, exactly as a report shows it.
    public var violation: Violation {
        let pid = person
        switch problem {
        case .unreadable(let message, _):
            return rules.invalid(message, at: place, period: period, subject: rowSubject(message.en))
        case .inServiceCredit(let base, let credited, let due):
            let ym = LedgerFields.yearMonth(month)
            let pct = LedgerRules.inForce(rules.inService, month)!.value
            let b = LedgerFields.yuan(base), got = LedgerFields.yuan(credited), want = LedgerFields.yuan(due)
            return rules.finding(
                .creditMismatch, rules.inService, at: place, period: ym,
                zh: "在职职工 \(pid) \(ym) 个人账户计入 \(got) 元，应为本人参保缴费基数 \(b) 元的 \(pct)%，即 \(want) 元（四舍五入到分）",
                en: "in-service person \(pid), \(ym): \(got) yuan credited; \(pct)% of the own contribution base \(b) yuan is \(want) yuan (to the fen, half-up)",
                reported: "\(pid): credited \(got)", required: "\(want) (\(pct)% of \(b), to the fen half-up)", subject: subject)
        case .retireeCredit(let birth, let credited, let due, let seventy):
            let ym = LedgerFields.yearMonth(month), born = Self.day(birth)
            let got = LedgerFields.yuan(credited), want = LedgerFields.yuan(due)
            return rules.finding(
                .creditMismatch, seventy ? rules.seventyPlus : rules.under70, at: place, period: ym,
                zh: "退休人员 \(pid)（\(born) 出生）\(ym) 个人账户划入 \(got) 元，应为 \(want) 元（\(seventy ? "70周岁(含)以上" : "不满70周岁")）",
                en: "retired person \(pid) (born \(born)), \(ym): \(got) yuan credited; \(want) yuan is due (\(seventy ? "70 or older that month" : "under 70 that month"))",
                reported: "\(pid): credited \(got)", required: "\(want) (\(seventy ? "aged 70 or over" : "under 70"))", subject: subject)
        case .employerShare(let share):
            let ym = LedgerFields.yearMonth(month), got = LedgerFields.yuan(share)
            return rules.finding(
                .employerShareCredited, rules.employer, at: place, period: ym,
                zh: "\(pid) \(ym) 个人账户计入单位缴费 \(got) 元；单位缴纳的基本医疗保险费应全部计入统筹基金",
                en: "\(pid), \(ym): \(got) yuan of the employer's contribution credited to the personal account; all of it belongs to the pooled fund",
                reported: "\(pid): employer_share \(got)", required: "0.00", subject: subject)
        case .payment(let kind, let date, let beneficiary, let payee, let category, let amount):
            let day = Self.day(date), paid = LedgerFields.yuan(amount)
            let b = LedgerVocabulary.beneficiary, k = LedgerVocabulary.payeeKind, g = LedgerVocabulary.category
            let (zh, en, reported, required): (String, String, String, String)
            switch kind {
            case .ineligibleBeneficiary:
                (zh, en, reported, required) = (
                    "受益人为\(b.words[Int(beneficiary)])；个人账户只可用于本人及其配偶、父母、子女",
                    "paid for '\(b.slugs[Int(beneficiary)])'; only the insured person, the spouse, parents and children may benefit",
                    "beneficiary \(b.slugs[Int(beneficiary)])", "self, spouse, parent or child")
            case .undesignatedPayee:
                (zh, en, reported, required) = (
                    "收款方为\(k.words[Int(payee)])，不是定点医疗机构、定点零售药店或相衔接的商业健康保险",
                    "paid to '\(k.slugs[Int(payee)])', not a designated medical institution, a designated retail pharmacy or linked commercial health insurance",
                    "payee_kind \(k.slugs[Int(payee)])", "designated-medical-institution, designated-retail-pharmacy or commercial-health-insurance")
            case .prohibitedUse:
                (zh, en, reported, required) = (
                    "用于\(g.words[Int(category)])；个人账户不得用于公共卫生费用、体育健身或养生保健消费等不属于基本医疗保险保障范围的支出",
                    "spent on '\(g.slugs[Int(category)])'; the account may not pay for public health, sports and fitness, wellness or anything outside basic medical insurance",
                    "category \(g.slugs[Int(category)])", "an allowed use")
            default:
                (zh, en, reported, required) = ("支付金额应为正数", "the amount paid must be positive", "amount \(paid)", "> 0")
            }
            return rules.finding(kind, rules.accountUse, at: place, period: LedgerFields.yearMonth(month),
                                 zh: "\(pid) \(day) 个人账户支付 \(paid) 元：" + zh, en: "\(pid), \(day), \(paid) yuan: " + en,
                                 reported: "\(pid): " + reported, required: required, subject: subject)
        }
    }

    /// year·10000 + month·100 + day (a real day, as `LedgerFields.day` reads it) as `YYYY-MM-DD`.
    private static func day(_ value: Int32) -> String {
        Day(year: Int(value / 10000), month: Int(value / 100 % 100), day: Int(value % 100))!.description
    }
}

extension LedgerFinding: ReportOrdered {
    /// 市医保局, as for every ledger finding.
    var department: String? { rules.department }
    /// The id of the rule the row breaks; none for an unreadable row.
    var rule: String? {
        switch problem {
        case .inServiceCredit: return rules.inService.id
        case .retireeCredit(_, _, _, let seventy): return seventy ? rules.seventyPlus.id : rules.under70.id
        case .employerShare: return rules.employer.id
        case .payment: return rules.accountUse.id
        case .unreadable: return nil
        }
    }
    var location: Violation.Location? { place }
    var lastKey: String { subject }
}
