import Foundation

/// Readers for the bytes of one ledger field: amounts in whole fen, days and months from
/// digits. No String is built; a failure is a small code the caller turns into a message.
enum LedgerFields {
    /// Why an amount could not be read.
    enum AmountError: Error {
        case empty, sign, notAmount, tooManyDecimals, tooLarge

        func message(_ column: String, _ text: String) -> String {
            switch self {
            case .empty: return "\(column) is empty"
            case .sign: return "\(column) '\(text)' has a sign; write the amount without one"
            case .notAmount: return "\(column) '\(text)' is not an amount in yuan (digits, a point and at most two decimals, e.g. 246.91)"
            case .tooManyDecimals: return "\(column) '\(text)' has more than two decimals; amounts are whole fen"
            case .tooLarge: return "\(column) '\(text)' has more than \(LedgerFields.maxYuanDigits) digits before the point"
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
            var scale: Int64 = 10
            while i < n, p[i] &- 48 < 10 {
                if i - fracStart >= 2 {
                    // Keep scanning so that "1.234" is "too many decimals", "1.23x" not an amount.
                    i += 1
                    continue
                }
                value &+= Int64(p[i] &- 48) &* scale
                scale /= 10
                i += 1
            }
            if i < n || i == fracStart { return .failure(.notAmount) }
            if i - fracStart > 2 { return .failure(.tooManyDecimals) }
        }
        return .success(negative ? -value : value)
    }

    /// `YYYY-MM-DD` naming a real day, as year·10000 + month·100 + day; nil otherwise.
    @inline(__always)
    static func day(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32? {
        guard n == 10, p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-"),
              let y = digits(p, 4), let m = digits(p + 5, 2), let d = digits(p + 8, 2),
              y >= 1, m >= 1, m <= 12, d >= 1, d <= 28 || d <= daysIn(m, y) else { return nil }
        return y * 10000 + m * 100 + d
    }

    @inline(__always)
    static func daysIn(_ m: Int32, _ y: Int32) -> Int32 {
        if m == 2 { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28 }
        return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31
    }

    /// `YYYY-MM` as a month key (year·12 + month − 1); nil otherwise.
    @inline(__always)
    static func month(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32? {
        guard n == 7, p[4] == UInt8(ascii: "-"), let y = digits(p, 4), let m = digits(p + 5, 2), y >= 1, m >= 1, m <= 12 else { return nil }
        return y * 12 + m - 1
    }

    @inline(__always)
    static func digits(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32? {
        var v: Int32 = 0
        for i in 0..<n {
            let d = p[i] &- 48
            guard d < 10 else { return nil }
            v = v * 10 + Int32(d)
        }
        return v
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
