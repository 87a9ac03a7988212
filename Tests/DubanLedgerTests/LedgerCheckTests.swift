import Foundation
import Testing
@testable import DubanCore

/// Each check with a triggering row and a near miss (docs/ledgers.md, Checks and Conventions).
@Suite struct LedgerCheckTests {
    @Test func inServiceCreditIsTwoPercentToTheFenHalfUp() throws {
        let result = try Ledgers.check(Ledgers.creditHeader + """
        P1,in-service,1980-05-01,2022-06,12345.67,246.91,0
        P2,in-service,1980-05-01,2022-06,12345.25,246.91,0
        P3,in-service,1980-05-01,2022-06,12345.25,246.90,0
        P4,在职,1980-05-01,2022-06,12345.67,246.92,0

        """)
        #expect(Ledgers.summary(result) == ["credit-mismatch 4 medins.inservice-credit", "credit-mismatch 5 medins.inservice-credit"])
        let v = result.violations[0]
        #expect(v.department == "市医保局")
        #expect(v.period == YearMonth(iso: "2022-06"))
        #expect(v.severity == .error)
        #expect(v.evidence.reported == "P3: credited 246.90")
        #expect(v.evidence.required == "246.91 (2% of 12345.25, to the fen half-up)")
        #expect(v.location == Violation.Location(file: "ledger.csv", line: 4))
        #expect(v.citation?.section == "二（三）")
        #expect(v.roles.lead == ["市医保局"])
        #expect(!v.messageEN.contains("1980-05-01,2022-06"), "the evidence names values, never the whole row")
    }

    @Test func retireeCreditFollowsTheMonthOfTheSeventiethBirthday() throws {
        let result = try Ledgers.check(Ledgers.creditHeader + """
        R1,retired,1952-07-01,2022-06,,100,0
        R2,retired,1952-07-01,2022-06,,110,0
        R3,retired,1952-07-01,2022-07,,110,0
        R4,退休,1952-07-01,2022-07,,100,0
        R5,retired,1952-07-31,2022-07,,110,0
        R6,retired,1956-02-29,2026-01,,100,0
        R7,retired,1956-02-29,2026-02,,110,0
        R8,retired,1956-02-29,2026-02,,100,0

        """)
        #expect(Ledgers.summary(result) == ["credit-mismatch 3 medins.retiree-credit-under70", "credit-mismatch 5 medins.retiree-credit-70plus",
                                            "credit-mismatch 9 medins.retiree-credit-70plus"])
        #expect(result.violations[0].evidence.required == "100.00 (under 70)")
        #expect(result.violations[1].evidence.required == "110.00 (aged 70 or over)")
    }

    /// Born 29 February 1952: the 70th birthday falls on 28 February 2022 (民法典 art. 201), so
    /// February 2022 is the first 110-yuan month. Standards in force from 2022-01-01 in this set.
    @Test func leapDayBirthdayTurnsSeventyInFebruary() throws {
        let set = Ledgers.rules(inService: [("2022-01-01", 2)], under70: [("2022-01-01", 100)], seventyPlus: [("2022-01-01", 110)])
        let result = try Ledgers.check(Ledgers.creditHeader + """
        L1,retired,1952-02-29,2022-01,,100,0
        L2,retired,1952-02-29,2022-02,,110,0
        L3,retired,1952-02-29,2022-01,,110,0
        L4,retired,1952-02-29,2022-02,,100,0

        """, set: set)
        #expect(Ledgers.summary(result) == ["credit-mismatch 4 medins.retiree-credit-under70", "credit-mismatch 5 medins.retiree-credit-70plus"])
    }

    @Test func employerShareMustBeZero() throws {
        let result = try Ledgers.check(Ledgers.creditHeader + """
        E1,in-service,1980-05-01,2022-06,10000,200,0
        E2,in-service,1980-05-01,2022-06,10000,200,0.01
        E3,retired,1950-05-01,2022-06,,110,0.00

        """)
        #expect(Ledgers.summary(result) == ["employer-share-credited 3 medins.employer-contribution-to-pool"])
        #expect(result.violations[0].evidence.reported == "E2: employer_share 0.01")
    }

    @Test func expenseUsesBeneficiaryPayeeCategoryAndAmount() throws {
        let result = try Ledgers.check(Ledgers.expenseHeader + """
        X1,2022-06-03,spouse,designated-retail-pharmacy,drugs,35.50
        X2,2022-06-03,other,designated-medical-institution,medical-costs,80
        X3,2022-06-04,self,other,sports-fitness,200
        X4,2022-06-05,配偶,定点零售药店,医疗器械,12.5
        X5,2022-06-05,child,commercial-health-insurance,commercial-health-insurance,300
        X6,2022-06-06,self,designated-medical-institution,medical-costs,0
        X7,2022-06-06,parent,designated-medical-institution,medical-costs,-12.50
        X8,2022-06-07,self,designated-retail-pharmacy,wellness,9.9

        """)
        #expect(Ledgers.summary(result) == [
            "ineligible-beneficiary 3 medins.account-use", "undesignated-payee 4 medins.account-use", "prohibited-use 4 medins.account-use",
            "nonpositive-amount 7 medins.account-use", "nonpositive-amount 8 medins.account-use", "prohibited-use 9 medins.account-use",
        ])
        #expect(result.violations[0].evidence.reported == "X2: beneficiary other")
        #expect(result.violations[4].evidence.reported == "X7: amount -12.50")
        #expect(result.violations.allSatisfy { $0.department == "市医保局" && $0.period == YearMonth(iso: "2022-06") })
        // The two findings of one row share the row's subject but not their kind: distinct fingerprints.
        #expect(result.violations[1].fingerprint != result.violations[2].fingerprint)
    }

    @Test func monthsBeforeTheFirstStandardAreCountedNotChecked() throws {
        let result = try Ledgers.check(Ledgers.creditHeader + """
        N1,in-service,1980-05-01,2022-02,10000,1,0
        N2,retired,1950-05-01,2022-02,,999,5
        N3,in-service,1980-05-01,2022-03,10000,1,0

        """)
        #expect(Ledgers.summary(result) == ["credit-mismatch 4 medins.inservice-credit", "no-standard - medins.inservice-credit"])
        let warning = try #require(result.violations.last)
        #expect(warning.severity == .warning)
        #expect(warning.evidence.reported == "2 rows")
        #expect(warning.period == YearMonth(iso: "2022-02"))
        #expect(result.summary.months.map(\.rows) == [2, 1])
    }

    /// An adjusted standard applies from its effective month only; the month before keeps the old one.
    @Test func adjustedStandardAppliesFromItsEffectiveMonth() throws {
        let set = Ledgers.rules(inService: [("2022-03-06", 2), ("2022-09-15", 2.5)], under70: [("2022-03-06", 100), ("2022-09-15", 105)],
                                seventyPlus: [("2022-03-06", 110)])
        let result = try Ledgers.check(Ledgers.creditHeader + """
        A1,in-service,1980-05-01,2022-08,10000.10,200.00,0
        A2,in-service,1980-05-01,2022-09,10000.10,250.00,0
        A3,in-service,1980-05-01,2022-09,10000.10,200.00,0
        A4,retired,1960-05-01,2022-08,,100,0
        A5,retired,1960-05-01,2022-09,,105,0
        A6,retired,1960-05-01,2022-09,,100,0

        """, set: set)
        #expect(Ledgers.summary(result) == ["credit-mismatch 4 medins.inservice-credit", "credit-mismatch 7 medins.retiree-credit-under70"])
        #expect(result.violations[0].evidence.required == "250.00 (2.5% of 10000.10, to the fen half-up)")
    }

    @Test func totalsCountEveryReadableRowPerMonth() throws {
        let result = try Ledgers.check(Ledgers.creditHeader + """
        T1,in-service,1980-05-01,2022-06,10000,200,0
        T2,in-service,1980-05-01,2022-06,10000,201.5,0
        T3,retired,1950-05-01,2022-07,,110,0
        T4,retired,1950-05-01,2022-07,,110,x

        """)
        #expect(result.summary.kind == .accountCredit)
        #expect(result.summary.lines == 4)
        #expect(result.summary.months == [LedgerMonthTotal(month: YearMonth(iso: "2022-06")!, rows: 2, fen: 40150),
                                          LedgerMonthTotal(month: YearMonth(iso: "2022-07")!, rows: 1, fen: 11000)])
        #expect(result.summary.months[0].yuan == "401.50")
    }

    @Test(arguments: [("0", 0), ("246.91", 24691), ("0.5", 50), ("100", 10000), ("9999999999.99", 999_999_999_999)] as [(String, Int64)])
    func amountsAreReadAsWholeFen(text: String, fen: Int64) {
        let bytes = Array(text.utf8)
        let read = bytes.withUnsafeBufferPointer { LedgerFields.fen($0.baseAddress!, $0.count, signed: false) }
        #expect((try? read.get()) == fen)
    }

    /// The word-at-a-time reader agrees with `fen` wherever it reads an amount, and leaves the rest to it.
    @Test func plainAmountsAgreeWithTheCarefulReader() {
        let texts = ["0", "7", "0.00", "0.5", "12.3", "246.91", "10184.25", "99999999", "9999.999", "1.", ".5", ".50", "1..5",
                     "1.2.", "12a", "-5.00", "+1", "1 .00", "1,00", "00012.30", "123456.7", "1234567.8", "", "1e5", "5:00"]
        for text in texts {
            let bytes = Array(text.utf8) + [UInt8](repeating: 0x39, count: 8)  // digits past the field must not count
            let (plain, careful) = bytes.withUnsafeBufferPointer {
                (LedgerFields.plainFen($0.baseAddress!, text.utf8.count), try? LedgerFields.fen($0.baseAddress!, text.utf8.count, signed: false).get())
            }
            if let plain { #expect(plain == careful, "\(text)") }
            #expect(plain != nil || careful == nil || text.utf8.count > 8, "\(text) left to the careful reader")
            let zero = bytes.withUnsafeBufferPointer { LedgerFields.isZero($0.baseAddress!, text.utf8.count) }
            #expect(!zero || careful == 0, "\(text) taken for zero")
        }
        let zeros = ["0", "0.00"].filter { text in Array(text.utf8 + [0x30]).withUnsafeBufferPointer { LedgerFields.isZero($0.baseAddress!, text.utf8.count) } }
        #expect(zeros == ["0", "0.00"])
    }

    @Test func halfUpRoundingIsExactForLargeBases() {
        var s = LedgerRules.MonthStandards()
        s.percentNumerator = 2
        s.percentDenominator = 100
        #expect(LedgerRules.credit(base: 1_234_525, s) == 24691)
        #expect(LedgerRules.credit(base: 1_234_567, s) == 24691)
        #expect(LedgerRules.credit(base: 999_999_999_975, s) == 20_000_000_000)  // 19,999,999,999.5 fen rounds up (128-bit path)
        #expect(LedgerRules.credit(base: 999_999_999_925, s) == 19_999_999_999)  // 19,999,999,998.5 → …999
        // The division-free comparison agrees with the division, at and around every half fen.
        for base in Int64(1_234_500)...Int64(1_234_600) {
            let expected = LedgerRules.credit(base: base, s)
            for credited in expected - 1...expected + 1 {
                #expect(LedgerRules.creditMatches(base: base, credited: credited, s) == (credited == expected))
            }
        }
        #expect(LedgerRules.creditMatches(base: 999_999_999_975, credited: 20_000_000_000, s))
        #expect(!LedgerRules.creditMatches(base: 999_999_999_975, credited: 19_999_999_999, s))
    }
}
