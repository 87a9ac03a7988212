import DubanYAML
import Foundation

/// Readers for the bytes of one ledger field: amounts in whole fen, days and months from
/// digits. No String is built; a failure is a small code the caller turns into a message.
enum LedgerFields {
    /// Why an amount could not be read.
    enum AmountError: Error {
        case empty, sign, notAmount, tooManyDecimals, tooLarge

        func message(_ column: String, _ text: String) -> Bilingual {
            switch self {
            case .empty: Bilingual("\(column) is empty", zh: "\(column) 为空")
            case .sign: Bilingual("\(column) '\(text)' has a sign; write the amount without one", zh: "\(column) 写的是“\(text)”，带有正负号；金额请不带符号填写")
            case .notAmount:
                Bilingual("\(column) '\(text)' is not an amount in yuan (digits, a point and at most two decimals, e.g. 246.91)",
                          zh: "\(column) 写的是“\(text)”，不是以元为单位的金额（数字、小数点和至多两位小数，如 246.91）")
            case .tooManyDecimals:
                Bilingual("\(column) '\(text)' has more than two decimals; amounts are whole fen", zh: "\(column) 写的是“\(text)”，超过两位小数；金额以分为最小单位")
            case .tooLarge:
                Bilingual("\(column) '\(text)' has more than \(LedgerFields.maxYuanDigits) digits before the point",
                          zh: "\(column) 写的是“\(text)”，整数部分超过 \(LedgerFields.maxYuanDigits) 位")
            }
        }
    }

    /// At most this many digits of whole yuan (below 10,000,000,000 yuan), so sums of a month stay exact in 64 bits.
    static let maxYuanDigits = 10

    /// Reads `[-]digits[.d[d]]` as fen; a sign only when `signed`.
    @inline(__always)
    static func fen(_ p: UnsafePointer<UInt8>, _ n: Int, signed: Bool) -> Result<Int64, AmountError> {
        if n == 0 { return .failure(.empty) }
        var i = 0
        var negative = false
        if p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") {
            guard signed, p[0] == UInt8(ascii: "-") else { return .failure(.sign) }
            negative = true
            i = 1
        }
        var value: Int64 = 0
        let digitsStart = i
        while i < n, p[i] &- 48 < 10 {
            value = value &* 10 &+ Int64(p[i] &- 48)
            i += 1
        }
        let whole = i - digitsStart
        if whole == 0 { return .failure(.notAmount) }
        if whole > maxYuanDigits { return .failure(.tooLarge) }
        value = value &* 100
        if i < n {
            guard p[i] == UInt8(ascii: ".") else { return .failure(.notAmount) }
            i += 1
            let fracStart = i
            while i < n, p[i] &- 48 < 10 {
                // Past two decimals keep scanning, so that "1.234" is "too many decimals", "1.23x" not an amount.
                if i - fracStart < 2 { value &+= Int64(p[i] &- 48) &* (i == fracStart ? 10 : 1) }
                i += 1
            }
            if i < n || i == fracStart { return .failure(.notAmount) }
            if i - fracStart > 2 { return .failure(.tooManyDecimals) }
        }
        return .success(negative ? -value : value)
    }

    /// The common amount, `digits[.d[d]]` in at most 8 bytes, as fen without a branch per digit;
    /// nil for anything else (which `fen` then reads, or reports). Reads 8 bytes at `p`.
    @inline(__always)
    static func plainFen(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int64? {
        guard n >= 1, n <= 8 else { return nil }
        // The digits' values, the first in the lowest byte; the point, if any, taken out.
        var t = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self).littleEndian ^ 0x3030_3030_3030_3030
        let digits: Int, scale: Int64
        if n >= 4 && p[n &- 3] == UInt8(ascii: ".") {
            t = withoutByte(t, n &- 3); digits = n &- 1; scale = 1
        } else if n >= 3 && p[n &- 2] == UInt8(ascii: ".") {
            t = withoutByte(t, n &- 2); digits = n &- 1; scale = 10
        } else {
            digits = n; scale = 100
        }
        // Right-align the digits as 8 (leading zeros in the low bytes; what follows them shifts out);
        // each must be 0–9.
        t = t &<< UInt64(truncatingIfNeeded: (8 &- digits) &* 8)
        guard (t | (t &+ 0x0606_0606_0606_0606)) & 0xF0F0_F0F0_F0F0_F0F0 == 0 else { return nil }
        // Combine pairwise.
        t = (t &* 0xA01) &>> 8 & 0x00FF_00FF_00FF_00FF
        t = (t &* 0x64_0001) &>> 16 & 0x0000_FFFF_0000_FFFF
        t = (t &* 0x2710_0000_0001) &>> 32
        return Int64(t) &* scale
    }

    /// Whether the amount is written `0.00` or `0`. Reads 4 bytes at `p`.
    @inline(__always)
    static func isZero(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        n == 4 ? UnsafeRawPointer(p).loadUnaligned(as: UInt32.self).littleEndian == 0x3030_2E30 : n == 1 && p[0] == UInt8(ascii: "0")
    }

    /// `t` without its byte `k` (1–6), the bytes above it moved down by one.
    @inline(__always)
    private static func withoutByte(_ t: UInt64, _ k: Int) -> UInt64 {
        let below = (1 &<< UInt64(truncatingIfNeeded: k &* 8)) &- 1
        return t & below | (t &>> 8) & ~below
    }

    /// `YYYY-MM-DD` naming a real day, as year·10000 + month·100 + day with the key of its month
    /// (as `month` gives it); nil otherwise. Reads 8 bytes at `p` and 2 at `p + 8`.
    @inline(__always)
    static func day(_ p: UnsafePointer<UInt8>, _ n: Int) -> (day: Int32, month: Int32)? {
        guard n == 10 else { return nil }
        // "YYYY-MM-" less its expected bytes is 0–9 per digit and 0 per '-'.
        let t = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self).littleEndian ^ 0x2D30_302D_3030_3030
        let u = UnsafeRawPointer(p + 8).loadUnaligned(as: UInt16.self).littleEndian ^ 0x3030
        guard (t | (t &+ 0x0006_0600_0606_0606)) & 0xFFF0_F0FF_F0F0_F0F0 == 0, (u | (u &+ 0x0606)) & 0xF0F0 == 0 else { return nil }
        let y = year(t), m = Int32(t >> 40 & 0xFF) &* 10 &+ Int32(t >> 48 & 0xFF), d = Int32(u & 0xFF) &* 10 &+ Int32(u >> 8)
        guard y >= 1, m >= 1, m <= 12, d >= 1, d <= 28 || d <= daysIn(m, y) else { return nil }
        return (y &* 10000 &+ m &* 100 &+ d, y &* 12 &+ m &- 1)
    }

    @inline(__always)
    static func daysIn(_ m: Int32, _ y: Int32) -> Int32 {
        if m == 2 { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28 }
        return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31
    }

    /// `YYYY-MM` as a month key (year·12 + month − 1); nil otherwise. Reads 8 bytes at `p`.
    @inline(__always)
    static func month(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32? {
        guard n == 7 else { return nil }
        let t = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self).littleEndian ^ 0x0030_302D_3030_3030
        guard (t | (t &+ 0x0006_0600_0606_0606)) & 0x00F0_F0FF_F0F0_F0F0 == 0 else { return nil }
        let y = year(t), m = Int32(t >> 40 & 0xFF) &* 10 &+ Int32(t >> 48 & 0xFF)
        guard y >= 1, m >= 1, m <= 12 else { return nil }
        return y &* 12 &+ m &- 1
    }

    /// The year of four digit values in the low bytes of `t`, the first digit lowest.
    @inline(__always)
    private static func year(_ t: UInt64) -> Int32 {
        let pairs = (t & 0xFFFF_FFFF) &* 10 &+ (t >> 8)  // bytes 0 and 2: the two 2-digit halves
        return Int32(pairs & 0xFF) &* 100 &+ Int32(pairs >> 16 & 0xFF)
    }

    /// Fen as yuan with two decimals: 24691 → "246.91", -1250 → "-12.50".
    static func yuan(_ fen: Int64) -> String {
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        return (fen < 0 ? "-" : "") + "\(magnitude / 100)." + (cents < 10 ? "0" : "") + "\(cents)"
    }

    /// A decimal amount of yuan in whole fen; nil with more than two decimals or out of range.
    static func fen(decimal value: Decimal) -> Int64? {
        let scaled = value * 100
        var rounded = Decimal(), copy = scaled
        NSDecimalRound(&rounded, &copy, 0, .plain)
        guard rounded == scaled, abs(scaled) < Decimal(Int64.max / 2) else { return nil }
        return NSDecimalNumber(decimal: rounded).int64Value
    }

    /// A month key back to its month.
    static func yearMonth(_ key: Int32) -> YearMonth {
        YearMonth(year: Int(key / 12), month: Int(key % 12) + 1)!
    }
}
