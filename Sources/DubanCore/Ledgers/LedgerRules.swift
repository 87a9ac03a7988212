import Foundation

/// What the ledger checks take from the loaded rules: the five rules of 京政办发〔2022〕8号 二（三）
/// and 二（四）, their dated standards resolved per month into whole fen, and the allowed uses.
/// Nothing here is hard-coded: an adjusted standard in the rules applies from its month on.
final class LedgerRules: Sendable {
    static let inServiceID = "medins.inservice-credit"
    static let under70ID = "medins.retiree-credit-under70"
    static let seventyPlusID = "medins.retiree-credit-70plus"
    static let employerID = "medins.employer-contribution-to-pool"
    static let accountUseID = "medins.account-use"
    static let required = [inServiceID, under70ID, seventyPlusID, employerID, accountUseID]

    /// The standards in force in one month: the in-service percentage as P/D (so base·P/D is the
    /// credit in fen before rounding) and the two retiree amounts in fen; -1 where none is in force.
    struct MonthStandards: Sendable {
        var percentNumerator: Int64 = -1
        var percentDenominator: Int64 = 1
        var under70: Int64 = -1
        var seventyPlus: Int64 = -1
    }

    let inService: Rule, under70: Rule, seventyPlus: Rule, employer: Rule, accountUse: Rule
    /// 市医保局, the accountable department of every ledger finding.
    let department: String
    let build: ViolationBuilder
    /// Allowed values of the expense ledger's enumerations, by vocabulary index.
    let allowedBeneficiary: [Bool], allowedPayee: [Bool], allowedCategory: [Bool]
    /// The months in which a standard may change (those with an effective day of the in-service,
    /// under-70 or 70-plus standard), ascending, each with the standards in force from it on.
    /// Before the first, none is in force.
    private let changes: [(key: Int32, standards: MonthStandards)]

    /// nil when the rules lack one of the five rules (the ids missing are in `missing`).
    init?(set: RuleSet, missing: inout [String]) {
        missing = Self.required.filter { set.rule($0) == nil }
        guard missing.isEmpty, let a = set.rule(Self.inServiceID), let b = set.rule(Self.under70ID), let c = set.rule(Self.seventyPlusID),
              let d = set.rule(Self.employerID), let e = set.rule(Self.accountUseID) else { return nil }
        inService = a; under70 = b; seventyPlus = c; employer = d; accountUse = e
        build = ViolationBuilder(set: set)
        if case .department(let unit)? = set.departments.resolve("市医保局") { department = unit.name } else { department = "市医保局" }
        let allowed = Set(e.uses?.allowed ?? [])
        allowedBeneficiary = LedgerVocabulary.beneficiary.slugs.map(allowed.contains)
        allowedPayee = LedgerVocabulary.payeeKind.slugs.map(allowed.contains)
        allowedCategory = LedgerVocabulary.category.slugs.map(allowed.contains)
        // What is in force in a month depends only on which effective days fall in or before it.
        let effective: [Day] = [a, b, c].flatMap { rule in rule.standard?.values.map(\.effective) ?? [] }
        let keys = Set(effective.map { day in Int32(day.year * 12 + day.month - 1) })
        changes = keys.sorted().map { key in (key, Self.resolve(key, a, b, c)) }
    }

    /// The standards in force in the month with this key (the scanner keeps the last month's).
    func standards(_ key: Int32) -> MonthStandards {
        var s = MonthStandards()
        for change in changes {
            if change.key > key { break }
            s = change.standards
        }
        return s
    }

    /// The dated value of a rule's standard in force in a month: the latest whose effective day is in or before it.
    static func inForce(_ rule: Rule, _ key: Int32) -> DatedValue? {
        rule.standard?.value(on: LedgerFields.yearMonth(key).lastDay)
    }

    private static func resolve(_ key: Int32, _ inService: Rule, _ under70: Rule, _ seventyPlus: Rule) -> MonthStandards {
        var s = MonthStandards()
        if let pct = inForce(inService, key), let (p, d) = fraction(pct.value) {
            s.percentNumerator = p
            s.percentDenominator = d * 100
        }
        if let v = inForce(under70, key), let (p, d) = fraction(v.value) { s.under70 = roundHalfUp(p * 100, d) }
        if let v = inForce(seventyPlus, key), let (p, d) = fraction(v.value) { s.seventyPlus = roundHalfUp(p * 100, d) }
        return s
    }

    /// A non-negative decimal with at most six decimals as numerator / power of ten.
    static func fraction(_ value: Decimal) -> (Int64, Int64)? {
        guard value >= 0 else { return nil }
        var scaled = value, denominator: Int64 = 1
        for _ in 0...6 {
            var rounded = Decimal(), copy = scaled
            NSDecimalRound(&rounded, &copy, 0, .plain)
            if rounded == scaled, rounded < Decimal(1_000_000_000) {
                return (NSDecimalNumber(decimal: rounded).int64Value, denominator)
            }
            scaled *= 10
            denominator *= 10
        }
        return nil
    }

    /// n / d rounded to the nearest integer, halves up (n, d ≥ 0).
    @inline(__always)
    static func roundHalfUp(_ n: Int64, _ d: Int64) -> Int64 { (2 * n + d) / (2 * d) }

    /// Whether `credited` is base × percentage ÷ 100 rounded half-up, without a division for
    /// realistic values: credited·2D ≤ 2·base·P + D < (credited + 1)·2D.
    @inline(__always)
    static func creditMatches(base: Int64, credited: Int64, _ s: MonthStandards) -> Bool {
        let p = s.percentNumerator, d = s.percentDenominator
        if base >= 0 && base < 1 << 40 && credited >= 0 && credited < 1 << 40 && p < 1 << 20 && d < 1 << 20 {
            // Every term is below 2^62: no overflow to check.
            let x = 2 &* base &* p &+ d, low = credited &* 2 &* d
            return low <= x && x < low &+ 2 &* d
        }
        return credit(base: base, s) == credited
    }

    /// base × percentage ÷ 100 in whole fen, half-up, exact for every base up to 10^12 fen.
    @inline(__always)
    static func credit(base: Int64, _ s: MonthStandards) -> Int64 {
        // (2·base·P + D) / (2·D): halves round up. 64 bits for every realistic base, else 128.
        if base < 1 << 40 && s.percentNumerator < 1 << 20 {
            return (2 * base * s.percentNumerator + s.percentDenominator) / (2 * s.percentDenominator)
        }
        let product = UInt64(2 * base).multipliedFullWidth(by: UInt64(s.percentNumerator))
        let (low, carry) = product.low.addingReportingOverflow(UInt64(s.percentDenominator))
        let high = product.high + (carry ? 1 : 0)
        let divisor = UInt64(2 * s.percentDenominator)
        guard high < divisor else { return Int64.max }
        return Int64(truncatingIfNeeded: divisor.dividingFullWidth((high, low)).quotient)
    }
}
