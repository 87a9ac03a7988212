import Foundation
import TestSupport
@testable import DubanCore

/// The real rules, loaded once, and helpers to write and check small ledgers.
enum Ledgers {
    static let rules: RuleSet = {
        let (set, _) = try! RuleSetLoader.load(directory: TestPaths.rules.path)
        return set
    }()

    static let creditHeader = "person_id,status,birth_date,month,contribution_base,credited,employer_share\n"
    static let expenseHeader = "person_id,date,beneficiary,payee_kind,category,amount\n"

    /// Writes `text` to a scratch file and returns its path.
    static func write(_ text: String, name: String = "ledger.csv") -> String {
        write(Array(text.utf8), name: name)
    }

    static func write(_ bytes: [UInt8], name: String = "ledger.csv") -> String {
        let url = TestPaths.scratchDirectory("duban-ledger").appendingPathComponent(name)
        try! Data(bytes).write(to: url)
        return url.path
    }

    /// Checks a ledger written from `text`.
    static func check(_ text: String, kind: LedgerKind? = nil, set: RuleSet = rules, chunkSize: Int = LedgerChecker.defaultChunkSize,
                      maxLineBytes: Int = LedgerChecker.defaultMaxLineBytes, workers: Int = 2,
                      maxListed: Int = LedgerChecker.defaultMaxListedPerKind) throws -> LedgerResult {
        let path = write(text)
        let checker = try LedgerChecker(set: set, chunkSize: chunkSize, maxLineBytes: maxLineBytes, workers: workers,
                                        maxListedPerKind: maxListed)
        return checker.check(path: path, display: "ledger.csv", kind: kind)
    }

    /// `kind line[:column] rule` per finding, in file order.
    static func summary(_ result: LedgerResult) -> [String] { summary(result.violations) }

    static func summary(_ violations: [Violation]) -> [String] {
        violations.map { v in
            var text = "\(v.kind.rawValue) \(v.location?.line.map(String.init) ?? "-")"
            if let column = v.location?.column { text += ":\(column)" }
            if let rule = v.rule { text += " \(rule)" }
            return text
        }
    }

    /// The rules with every credit standard's values replaced (to test dated adjustments).
    static func rules(inService: [(String, Decimal)], under70: [(String, Decimal)], seventyPlus: [(String, Decimal)]) -> RuleSet {
        var set = rules
        var list = set.rules
        for (i, rule) in list.enumerated() {
            let values: [(String, Decimal)]
            switch rule.id {
            case "medins.inservice-credit": values = inService
            case "medins.retiree-credit-under70": values = under70
            case "medins.retiree-credit-70plus": values = seventyPlus
            default: continue
            }
            list[i].standard?.values = values.map { DatedValue(effective: Day(iso: $0.0)!, value: $0.1, unit: rule.standard!.values[0].unit) }
        }
        set.rules = list
        return set
    }
}
