import Foundation
import Testing
import TestSupport
@testable import DubanCore

/// Reading ledgers: malformed rows, line ends, BOM, headers, chunk boundaries, unreadable files.
@Suite struct LedgerReadingTests {
    /// Every malformed row is `invalid` at its line and column, and the rows after it are still checked.
    @Test func malformedRowsAreInvalidAtLineAndColumnAndTheRunGoesOn() throws {
        let result = try Ledgers.check(Ledgers.creditHeader + """
        M1,in-service,1980-05-01,2022-06,"10000,200,0
        M2,in-service,1980-05-01,2022-06,10000,200
        M3,in-service,1980-05-01,2022-06,10000,200,0,7
        M4,retired,2022-02-30,2022-06,,100,0
        M5,in-service,1980-05-01,2022-06,10000,200.005,0
        M6,retiree,1950-05-01,2022-06,,110,0
        M7,in-service,1980-05-01,2022-6,10000,200,0
        M"8,in-service,1980-05-01,2022-06,10000,200,0
        "M9"x,in-service,1980-05-01,2022-06,10000,200,0

        M10,in-service,1980-05-01,2022-06,,200,0
        M11,in-service,1980-05-01,2022-06,10000,+200,0
        M12,in-service,1980-05-01,2022-06,10000,200,0
        M13,in-service,1980-05-01,2022-06,10000,201,0

        """)
        let invalid = result.violations.filter { $0.kind == .invalid }
        #expect(invalid.map { "\($0.location!.line!):\($0.location!.column!) \($0.messageEN)" } == [
            "2:34 a quoted field is not closed before the end of the line (fields may not contain line breaks)",
            "3:43 the row has 6 fields, the header 7",
            "4:46 the row has more fields than the header's 7",
            "5:12 birth_date '2022-02-30' is not a real day (YYYY-MM-DD)",
            "6:40 credited '200.005' has more than two decimals; amounts are whole fen",
            "7:4 status 'retiree' is not one of in-service (在职), retired (退休)",
            "8:26 month '2022-6' is not a month (YYYY-MM)",
            "9:2 a quote inside an unquoted field; quote the whole field and write \"\" for the quote",
            "10:5 a closing quote must end the field (write \"\" for a quote inside a quoted field)",
            "11:1 empty line; a ledger has no empty lines",
            "12:35 contribution_base is required for an in-service row",
            "13:41 credited '+200' has a sign; write the amount without one",
        ])
        #expect(invalid.allSatisfy { $0.severity == .error && $0.department == "市医保局" && $0.location?.file == "ledger.csv" })
        // A field that cannot be read carries the row's month where the month is readable.
        #expect(invalid.map { $0.period?.description ?? "-" } == ["-", "-", "-", "2022-06", "2022-06", "2022-06", "-", "-", "-", "-", "2022-06", "2022-06"])
        let checked = result.violations.filter { $0.kind != .invalid }
        #expect(Ledgers.summary(checked)
                == ["credit-mismatch 15 medins.inservice-credit"])
        #expect(result.summary.lines == 14)
        #expect(result.summary.months == [LedgerMonthTotal(month: YearMonth(iso: "2022-06")!, rows: 2, fen: 40100)])
    }

    @Test func controlCharactersInAQuotedFieldAreShownAsCodePoints() throws {
        let result = try Ledgers.check(Ledgers.creditHeader + "C1,in-service,1980-05-01,2022-06,10000,200.00\u{0},0\n")
        #expect(result.violations.map { "\($0.location!.line!):\($0.location!.column!) \($0.messageEN)" }
                == ["2:40 credited '200.00U+0000' is not an amount in yuan (digits, a point and at most two decimals, e.g. 246.91)"])
    }

    @Test func expenseFieldsAreReadStrictly() throws {
        let result = try Ledgers.check(Ledgers.expenseHeader + """
        Y1,2022-06-31,self,designated-retail-pharmacy,drugs,1
        Y2,2022-06-01,brother,designated-retail-pharmacy,drugs,1
        Y3,2022-06-01,self,gym,drugs,1
        Y4,2022-06-01,self,designated-retail-pharmacy,Drugs,1
        Y5,2022-06-01,self,designated-retail-pharmacy,drugs,1e3
        Y6,2022-06-01,self,designated-retail-pharmacy,drugs,"1,000"
        ,2022-06-01,self,designated-retail-pharmacy,drugs,1

        """)
        #expect(Ledgers.summary(result) == ["invalid 2:4", "invalid 3:15", "invalid 4:20", "invalid 5:47", "invalid 6:53", "invalid 7:53", "invalid 8:1"])
        #expect(result.violations[1].messageEN.hasPrefix("beneficiary 'brother' is not one of self (本人), spouse (配偶)"))
        #expect(result.violations[6].messageEN == "person_id is empty")
    }

    @Test func quotedFieldsAndUnicodeColumns() throws {
        let result = try Ledgers.check(Ledgers.expenseHeader + """
        "张""三",2022-06-01,本人,"定点零售药店","药品","-1"
        张三,2022-06-01,本人,定点零售药店,药品,x

        """)
        #expect(Ledgers.summary(result) == ["nonpositive-amount 2 medins.account-use", "invalid 3:28"])
        #expect(result.violations[0].evidence.reported == "张\"三: amount -1.00")
    }

    @Test func crlfAndBOMReadLikeLF() throws {
        let lf = Ledgers.creditHeader + "C1,in-service,1980-05-01,2022-06,10000,201,0\n\"C2,x\n张三,retired,1950-05-01,2022-06,,100,0"
        let crlf = Array("\u{FEFF}".utf8) + Array(lf.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let checker = try LedgerChecker(set: Ledgers.rules)
        let a = checker.check(path: Ledgers.write(lf), display: "l.csv")
        let b = checker.check(path: Ledgers.write(crlf), display: "l.csv")
        #expect(Ledgers.summary(a) == ["credit-mismatch 2 medins.inservice-credit", "invalid 3:1", "credit-mismatch 4 medins.retiree-credit-70plus"])
        #expect(a.violations == b.violations)
        #expect(a.summary == b.summary)
    }

    @Test func headerByNameInAnyOrderWithExtraColumns() throws {
        let result = try Ledgers.check("""
        credited,note,employer_share,month,birth_date,status,contribution_base,person_id
        201,"a, b",0,2022-06,1980-05-01,in-service,10000,H1

        """)
        #expect(Ledgers.summary(result) == ["credit-mismatch 2 medins.inservice-credit"])
    }

    @Test(arguments: [
        ("person_id,status,birth_date,month,credited,employer_share\n", "the header names neither ledger's columns"),
        ("person_id,status,birth_date,month,contribution_base,credited,employer_share,month\n", "the header names the column month more than once"),
        ("person_id,\"status,birth_date\n", "the header row is not valid CSV"),
    ])
    func unusableHeaderIsInvalidAtOneOneAndNoRowIsChecked(header: String, message: String) throws {
        let result = try Ledgers.check(header + "P1,in-service,1980-05-01,2022-06,10000,201,0\n")
        #expect(Ledgers.summary(result) == ["invalid 1:1"])
        #expect(result.violations[0].messageEN.hasPrefix(message), "\(result.violations[0].messageEN)")
        #expect(!result.readable)
    }

    @Test func emptyFileIsInvalidAtOneOne() throws {
        let result = try Ledgers.check("")
        #expect(result.violations.map { "\($0.location!.line!):\($0.location!.column!) \($0.messageEN)" }
                == ["1:1 the file is empty; a ledger begins with a header row naming its columns"])
    }

    @Test func givenKindNeedsItsColumns() throws {
        let result = try Ledgers.check(Ledgers.creditHeader + "P1,in-service,1980-05-01,2022-06,10000,200,0\n", kind: .accountExpense)
        #expect(result.violations.map(\.messageEN) == ["the header of this account-expense ledger lacks the columns date, beneficiary, payee_kind, category, amount"])
    }

    @Test func overlongLineIsInvalidAndSkipped() throws {
        let long = "P1,in-service,1980-05-01,2022-06,10000," + String(repeating: "9", count: 300) + ",0\n"
        let text = Ledgers.creditHeader + long + "P2,in-service,1980-05-01,2022-06,10000,201,0\n"
        for chunk in [8, 100, 1 << 20] {
            let result = try Ledgers.check(text, chunkSize: chunk, maxLineBytes: 128)
            #expect(Ledgers.summary(result) == ["invalid 2:1", "credit-mismatch 3 medins.inservice-credit"], "chunk \(chunk)")
        }
    }

    /// A row belongs to the chunk in which it starts: any chunk size and worker count give the same result.
    @Test func resultsDoNotDependOnChunkSizeOrWorkers() throws {
        var text = "\u{FEFF}" + Ledgers.creditHeader.replacingOccurrences(of: "\n", with: "\r\n")
        let statuses = ["in-service", "retired", "在职", "退休"]
        for i in 0..<400 {
            let status = statuses[i % 4]
            let inService = i % 2 == 0
            let base = inService ? "\(10000 + i).\(i % 100)" : ""
            let credited = inService ? (i % 7 == 0 ? "1.00" : LedgerFields.yuan(LedgerRules.roundHalfUp(Int64((10000 + i) * 100 + i % 100) * 2, 100))) : (i % 9 == 0 ? "105" : "100")
            let month = "2022-0\(1 + i % 9)"
            var row = "Q\(i),\(status),1960-0\(1 + i % 9)-15,\(month),\(base),\(credited),\(i % 11 == 0 ? "3" : "0")"
            if i % 13 == 0 { row = "Q\(i),\"broken,1960" }
            if i % 17 == 0 { row = "" }
            if i % 19 == 0 { row += ",extra" }
            text += row + (i % 3 == 0 ? "\r\n" : "\n")
        }
        let reference = try Ledgers.check(text)
        #expect(reference.violations.count > 100)
        #expect(reference.summary.lines == 400)
        for (chunk, workers) in [(1, 1), (2, 2), (7, 3), (64, 2), (1000, 4), (4096, 1)] {
            let result = try Ledgers.check(text, chunkSize: chunk, workers: workers)
            #expect(result.violations == reference.violations, "chunk size \(chunk), \(workers) workers")
            #expect(result.summary == reference.summary, "chunk size \(chunk), \(workers) workers")
        }
    }

    /// A ledger wrong in every row lists the first findings of each kind and counts the rest,
    /// the same for any chunk size.
    @Test func findingsBeyondTheListingLimitAreCounted() throws {
        var text = Ledgers.creditHeader
        for i in 0..<40 {
            text += i % 4 == 0 ? "W\(i),in-service,1980-05-01,2022-06,x,1,0\n" : "W\(i),in-service,1980-05-01,2022-06,10000,1,0\n"
        }
        let reference = try Ledgers.check(text, maxListed: 3)
        #expect(Ledgers.summary(reference) == ["invalid 2:34", "credit-mismatch 3 medins.inservice-credit", "credit-mismatch 4 medins.inservice-credit",
                                               "credit-mismatch 5 medins.inservice-credit", "invalid 6:34", "invalid 10:34",
                                               "invalid -", "credit-mismatch - medins.inservice-credit"])
        #expect(reference.violations[6].evidence.reported == "7 more rows")
        #expect(reference.violations[7].messageEN == "27 more credit-mismatch findings in this ledger are not listed (the first 3 of each kind are)")
        #expect(reference.summary.months.map(\.rows) == [30])
        for chunk in [1, 13, 50, 200] {
            let result = try Ledgers.check(text, chunkSize: chunk, workers: 3, maxListed: 3)
            #expect(result.violations == reference.violations, "chunk size \(chunk)")
        }
    }

    @Test func missingFinalLineEndAndHeaderOnly() throws {
        let noEnd = try Ledgers.check(Ledgers.creditHeader + "P1,in-service,1980-05-01,2022-06,10000,201,0", chunkSize: 5)
        #expect(Ledgers.summary(noEnd) == ["credit-mismatch 2 medins.inservice-credit"])
        let headerOnly = try Ledgers.check(String(Ledgers.creditHeader.dropLast()))
        #expect(headerOnly.violations.isEmpty)
        #expect(headerOnly.summary.lines == 0 && headerOnly.readable)
    }

    @Test func unreadableLedgerIsOneFindingAndHidesNothing() throws {
        let checker = try LedgerChecker(set: Ledgers.rules)
        let folder = TestPaths.scratchDirectory("duban-ledger-dir").path
        let missing = checker.check(path: "/nonexistent/ledger.csv")
        let directory = checker.check(path: folder, display: "ledgers")
        #expect(missing.violations.map { "\($0.location!.file) \($0.messageEN)" } == ["/nonexistent/ledger.csv cannot read ledger /nonexistent/ledger.csv: no such file"])
        #expect(missing.violations[0].location?.line == 1 && missing.violations[0].location?.column == 1)
        #expect(directory.violations.map(\.messageEN) == ["cannot read ledger ledgers: it is a folder, not a ledger file"])
        let good = checker.check(path: Ledgers.write(Ledgers.creditHeader + "P1,in-service,1980-05-01,2022-06,10000,201,0\n"), display: "good.csv")
        #expect(Ledgers.summary(good) == ["credit-mismatch 2 medins.inservice-credit"])
    }

    @Test func fingerprintsNameTheRowNotItsLine() throws {
        let row = "F1,in-service,1980-05-01,2022-06,10000,201,0\n"
        let a = try Ledgers.check(Ledgers.creditHeader + row)
        let b = try Ledgers.check(Ledgers.creditHeader + "F0,in-service,1980-05-01,2022-06,10000,200,0\n" + row)
        #expect(a.violations[0].location?.line == 2 && b.violations[0].location?.line == 3)
        #expect(a.violations[0].fingerprint == b.violations[0].fingerprint)
        let other = try Ledgers.check(Ledgers.creditHeader + row.replacingOccurrences(of: "F1", with: "F2"))
        #expect(other.violations[0].fingerprint != a.violations[0].fingerprint)
    }

    @Test func rulesWithoutTheLedgerRulesAreRefused() {
        var set = Ledgers.rules
        set.rules = set.rules.filter { $0.id != "medins.account-use" }
        #expect(throws: LedgerChecker.MissingRules.self) { try LedgerChecker(set: set) }
    }
}

/// Ledgers mutated at random (quotes, commas, line ends, CR, NUL, high bytes, cut rows) never
/// crash the reader, and every chunk size and worker count reads them alike.
@Suite struct LedgerMutationTests {
    /// A fixed linear congruential generator, so every run mutates alike.
    struct Mutator {
        var state: UInt64

        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    @Test(arguments: 0..<12)
    func mutatedLedgersReadAlikeInEveryChunking(seed: Int) throws {
        var text = seed % 2 == 0 ? Ledgers.creditHeader : Ledgers.expenseHeader
        for i in 0..<60 {
            text += seed % 2 == 0 ? "S\(i),\(i % 3 == 0 ? "retired" : "in-service"),1952-0\(1 + i % 9)-01,2022-0\(1 + i % 9),\(i % 3 == 0 ? "" : "10000.5\(i % 10)"),\(i % 3 == 0 ? "110" : "200.01"),0\n"
                                  : "S\(i),2022-06-\(10 + i % 20),\(["self", "other", "配偶"][i % 3]),designated-retail-pharmacy,\(["drugs", "wellness"][i % 2]),\(i % 5 == 0 ? "-1" : "12.5")\n"
        }
        var bytes = Array(text.utf8)
        let header = (seed % 2 == 0 ? Ledgers.creditHeader : Ledgers.expenseHeader).utf8.count
        var mutator = Mutator(state: UInt64(seed + 1))
        let pieces: [[UInt8]] = [[34], [44], [10], [13], [13, 10], [0], [0xE5, 0x8C], [34, 34], [0xFF], [48, 46, 48, 48, 53]]
        for _ in 0..<25 {
            let at = header + mutator.next(bytes.count - header)
            if mutator.next(3) == 0 {
                bytes.removeSubrange(at..<min(bytes.count, at + 1 + mutator.next(8)))
            } else {
                bytes.insert(contentsOf: pieces[mutator.next(pieces.count)], at: at)
            }
        }
        let path = Ledgers.write(bytes)
        let reference = try LedgerChecker(set: Ledgers.rules, workers: 1).check(path: path, display: "m.csv")
        #expect(reference.readable)
        #expect(reference.summary.lines >= 55)
        #expect(reference.violations.contains { $0.kind == .invalid }, "the mutations make rows unreadable")
        for (chunk, workers) in [(1, 2), (3, 4), (17, 2), (256, 3)] {
            let result = try LedgerChecker(set: Ledgers.rules, chunkSize: chunk, maxLineBytes: 64, workers: workers).check(path: path, display: "m.csv")
            let long = try LedgerChecker(set: Ledgers.rules, maxLineBytes: 64).check(path: path, display: "m.csv")
            #expect(result.violations == long.violations, "seed \(seed), chunk size \(chunk)")
            #expect(result.summary == long.summary, "seed \(seed), chunk size \(chunk)")
        }
    }
}
