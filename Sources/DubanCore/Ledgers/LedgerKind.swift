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
    /// Every accepted spelling, laid out once as `stride` words: its length, its bytes as
    /// little-endian 8-byte words (zero-padded), its value's index.
    nonisolated(unsafe) private let table: UnsafeMutablePointer<UInt64>
    private let count: Int, stride: Int, longest: Int

    init(_ pairs: [(String, String)]) {
        slugs = pairs.map(\.0)
        words = pairs.map(\.1)
        let spellings = pairs.enumerated().flatMap { i, pair in [(Array(pair.0.utf8), i), (Array(pair.1.utf8), i)] }
        longest = spellings.map(\.0.count).max() ?? 0
        count = spellings.count
        stride = (longest + 7) / 8 + 2
        table = .allocate(capacity: count * stride)
        table.initialize(repeating: 0, count: count * stride)
        for (e, (bytes, index)) in spellings.enumerated() {
            let entry = table + e * stride
            entry[0] = UInt64(bytes.count)
            for (j, b) in bytes.enumerated() { entry[1 + j / 8] |= UInt64(b) << UInt64(j % 8 * 8) }
            entry[stride - 1] = UInt64(index)
        }
    }

    deinit { table.deallocate() }

    /// The index of the value spelled by `count` bytes at `p`, or nil. Loads whole 8-byte words,
    /// so it reads up to 7 bytes past the field.
    @inline(__always)
    func index(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
        guard n > 0, n <= longest else { return nil }
        let raw = UnsafeRawPointer(p)
        // The first two words decide for spellings of up to 16 bytes; longer ones compare the rest too.
        let first = word(raw, 0, n), second = n > 8 ? word(raw, 8, n) : 0
        var entry = table
        for _ in 0..<count {
            if entry[0] == UInt64(n) && entry[1] == first && (n <= 8 || entry[2] == second) {
                var o = 16
                while o < n && word(raw, o, n) == entry[1 &+ o &>> 3] { o &+= 8 }
                if o >= n { return Int(entry[stride - 1]) }
            }
            entry += stride
        }
        return nil
    }

    /// The 8 bytes at offset `o` of an `n`-byte spelling, as the table holds them (zero past its end).
    @inline(__always)
    private func word(_ raw: UnsafeRawPointer, _ o: Int, _ n: Int) -> UInt64 {
        let v = raw.loadUnaligned(fromByteOffset: o, as: UInt64.self).littleEndian
        return n &- o >= 8 ? v : v & ((1 &<< UInt64(truncatingIfNeeded: (n &- o) &* 8)) &- 1)
    }

    /// `slug (word)` for every value, for messages.
    var expected: String { zip(slugs, words).map { "\($0) (\($1))" }.joined(separator: ", ") }

    /// `slug（word）` for every value, for Chinese messages.
    var expectedZH: String { zip(slugs, words).map { "\($0)（\($1)）" }.joined(separator: "、") }

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
