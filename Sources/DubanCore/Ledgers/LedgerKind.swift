import Foundation

/// The two monthly ledgers of 市医保局's personal accounts (docs/ledgers.md).
public enum LedgerKind: String, Sendable, Hashable, CaseIterable {
    /// One row per person and month credited.
    case accountCredit = "account-credit"
    /// One row per payment out of a personal account.
    case accountExpense = "account-expense"

    /// The required columns, in the order the checker reads them.
    public var columns: [String] {
        switch self {
        case .accountCredit:
            return ["person_id", "status", "birth_date", "month", "contribution_base", "credited", "employer_share"]
        case .accountExpense:
            return ["person_id", "date", "beneficiary", "payee_kind", "category", "amount"]
        }
    }

    /// The enumerated columns and their values (English slug, Chinese word).
    public var vocabularies: [String: LedgerVocabulary] {
        switch self {
        case .accountCredit: return ["status": .status]
        case .accountExpense: return ["beneficiary": .beneficiary, "payee_kind": .payeeKind, "category": .category]
        }
    }
}

/// The values of an enumerated ledger column: each an English slug or its Chinese word.
/// Matching works on raw bytes, so the checker never builds a String per field.
public final class LedgerVocabulary: Sendable {
    public let slugs: [String]
    public let words: [String]
    /// Every accepted spelling's bytes, laid out once: (offset, length, index).
    private let entries: [(offset: Int, length: Int, index: Int)]
    nonisolated(unsafe) private let storage: UnsafeMutablePointer<UInt8>

    init(_ pairs: [(String, String)]) {
        slugs = pairs.map(\.0)
        words = pairs.map(\.1)
        var bytes: [UInt8] = []
        var entries: [(Int, Int, Int)] = []
        for (index, pair) in pairs.enumerated() {
            for spelling in [pair.0, pair.1] {
                entries.append((bytes.count, spelling.utf8.count, index))
                bytes += Array(spelling.utf8)
            }
        }
        self.entries = entries
        storage = .allocate(capacity: max(bytes.count, 1))
        storage.initialize(from: bytes, count: bytes.count)
    }

    deinit { storage.deallocate() }

    /// The index of the value spelled by `count` bytes at `p`, or nil.
    @inline(__always)
    func index(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int? {
        for e in entries where e.length == count && memcmp(storage + e.offset, p, count) == 0 {
            return e.index
        }
        return nil
    }

    /// `slug (word)` for every value, for messages.
    var expected: String { zip(slugs, words).map { "\($0) (\($1))" }.joined(separator: ", ") }

    public static let status = LedgerVocabulary([("in-service", "在职"), ("retired", "退休")])
    public static let beneficiary = LedgerVocabulary([("self", "本人"), ("spouse", "配偶"), ("parent", "父母"), ("child", "子女"), ("other", "其他")])
    public static let payeeKind = LedgerVocabulary([
        ("designated-medical-institution", "定点医疗机构"), ("designated-retail-pharmacy", "定点零售药店"),
        ("commercial-health-insurance", "商业健康保险"), ("other", "其他"),
    ])
    public static let category = LedgerVocabulary([
        ("medical-costs", "医疗费用"), ("drugs", "药品"), ("medical-devices", "医疗器械"), ("medical-consumables", "医用耗材"),
        ("commercial-health-insurance", "商业健康保险"), ("public-health", "公共卫生"), ("sports-fitness", "体育健身"),
        ("wellness", "养生保健"), ("other", "其他"),
    ])
}
