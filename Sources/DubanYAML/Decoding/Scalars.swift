public import Foundation

/// Typed readings of scalar nodes. Only `true`/`false` are booleans; plain scalars that
/// YAML 1.1 would read as booleans, nulls or octal numbers are refused where text is expected.
public enum Scalars {
    /// Plain words that YAML 1.1 reads as booleans or null.
    static let yaml11Words: [String] = [
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
        "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF",
    ]

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// Text. Refuses collections, nulls and YAML 1.1 surprises in plain style.
    public static func string(_ node: Node, what: @autoclosure () -> String, log: IssueLog) -> String? {
        checkText(node, what: what(), log: log) ? node.scalar : nil
    }

    /// Whether the node reads as text (see `string`), without building the text: the checks read bytes.
    public static func checkText(_ node: Node, what: @autoclosure () -> String, log: IssueLog) -> Bool {
        guard let style = node.style else {
            log.error("\(what()): expected text, found \(node.typeName)", at: node.mark)
            return false
        }
        guard style == .plain else { return true }
        enum Problem { case null, yaml11, octal }
        let problem: Problem? = node.withScalarBytes { bytes in
            if Node.isNullWord(bytes) { return .null }
            // Length and first byte first: most short texts match no word, and comparing each costs more.
            if bytes.count <= 5, yaml11Words.contains(where: { $0.utf8.count == bytes.count && $0.utf8.first == bytes.first && $0.utf8.elementsEqual(bytes) }) {
                return .yaml11
            }
            if hasLeadingZero(bytes) { return .octal }
            return nil
        }
        switch problem {
        case nil:
            return true
        case .null:
            log.error("\(what()): expected text, found nothing", at: node.mark)
        case .yaml11:
            let text = node.scalar!
            log.error("\(what()): plain '\(text)' is read by YAML 1.1 as a boolean; quote it (\"\(text)\") if you mean the text", at: node.mark)
        case .octal:
            let text = node.scalar!
            log.error("\(what()): plain '\(text)' is read by YAML 1.1 as an octal number; quote it (\"\(text)\")", at: node.mark)
        }
        return false
    }

    /// A decimal number as read: its exact value and, when the text has at most 18 digits, the
    /// same value as a scaled integer, which compares cheaply (comparing `Decimal`s does not).
    public struct Number: Sendable {
        public var value: Decimal
        /// `value` = significand × 10^-scale.
        public var scaled: (significand: Int64, scale: Int)?

        /// Whether `range.lowerBound ≤ value ≤ range.upperBound`.
        public func isWithin(_ range: ClosedRange<Int>) -> Bool {
            if let (significand, scale) = scaled {
                let unit = (0..<scale).reduce(Int64(1)) { unit, _ in unit * 10 }
                let low = Int64(range.lowerBound).multipliedReportingOverflow(by: unit)
                let high = Int64(range.upperBound).multipliedReportingOverflow(by: unit)
                if !low.overflow && !high.overflow { return low.partialValue <= significand && significand <= high.partialValue }
            }
            return Decimal(range.lowerBound) <= value && value <= Decimal(range.upperBound)
        }
    }

    /// A plain decimal number such as `74.6`, `-3` or `0.5`, kept exactly.
    public static func decimal(_ node: Node, what: @autoclosure () -> String, log: IssueLog) -> Decimal? {
        number(node, what: what(), log: log)?.value
    }

    /// `decimal`, with the scaled integer where the text has one.
    public static func number(_ node: Node, what: @autoclosure () -> String, log: IssueLog) -> Number? {
        // The common case straight from the bytes: a plain number without a leading zero.
        if node.style == .plain, let number = node.withScalarBytes({ hasLeadingZero($0) ? nil : plainDecimal($0) }) { return number }
        guard let text = plainNumber(node, what: what(), log: log) else { return nil }
        guard isDecimalLiteral(text) else {
            log.error("\(what()): expected a number such as 74.6, found '\(text)'", at: node.mark)
            return nil
        }
        // Decimal keeps 38 significant digits and rounds the rest away without a word.
        let digits = significantDigits(text)
        guard digits <= maxDecimalDigits else {
            log.error("\(what()): '\(shortened(text))' has \(digits) significant digits, more than duban can keep exactly (at most \(maxDecimalDigits))", at: node.mark)
            return nil
        }
        // Its exponent, too, is bounded (about 10^-128 to 10^165).
        guard let value = Decimal(string: text, locale: posix) else {
            log.error("\(what()): '\(shortened(text))' is too large or too close to zero for duban to keep exactly", at: node.mark)
            return nil
        }
        return Number(value: value, scaled: nil)
    }

    /// A long number quoted in a message: its first 50 characters.
    private static func shortened(_ text: String) -> String {
        text.count <= 50 ? text : text.prefix(50) + "…"
    }

    /// Significant digits that `Decimal` keeps exactly.
    public static let maxDecimalDigits = 38

    /// Digits of a decimal literal from its first non-zero digit to its last (`0.050` and `5000` have one).
    static func significantDigits(_ literal: String) -> Int {
        let digits = literal.utf8.filter { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        guard let first = digits.firstIndex(where: { $0 != UInt8(ascii: "0") }),
              let last = digits.lastIndex(where: { $0 != UInt8(ascii: "0") }) else { return 0 }
        return last - first + 1
    }

    /// A plain whole number.
    public static func int(_ node: Node, what: @autoclosure () -> String, log: IssueLog) -> Int? {
        guard let text = plainNumber(node, what: what(), log: log) else { return nil }
        guard isDecimalLiteral(text), !text.contains(".") else {
            log.error("\(what()): expected a whole number, found '\(text)'", at: node.mark)
            return nil
        }
        guard let value = Int(text) else {
            log.error("\(what()): '\(shortened(text))' is out of range for a whole number (\(Int.min) to \(Int.max))", at: node.mark)
            return nil
        }
        return value
    }

    /// `true` or `false`, nothing else.
    public static func bool(_ node: Node, what: @autoclosure () -> String, log: IssueLog) -> Bool? {
        guard node.style == .plain, node.scalarEquals("true") || node.scalarEquals("false") else {
            log.error("\(what()): expected true or false, found \(describe(node))", at: node.mark)
            return nil
        }
        return node.scalarEquals("true")
    }

    /// Any text parsed by `parse`; `expected` names the format for the error message.
    @inlinable
    public static func parsed<T>(_ node: Node, what: @autoclosure () -> String, expected: String, log: IssueLog, _ parse: (String) -> T?) -> T? {
        parsed(node, what: what(), expected: expected, log: log, bytes: { parse(String(decoding: $0, as: UTF8.self)) })
    }

    /// Like `parsed`, with `parse` reading the scalar's UTF-8 bytes: no text is built unless it is wrong.
    @inlinable
    public static func parsed<T>(_ node: Node, what: @autoclosure () -> String, expected: String, log: IssueLog,
                                 bytes parse: (UnsafeBufferPointer<UInt8>) -> T?) -> T? {
        guard node.kind == .scalar, !node.isNull else {
            log.error("\(what()): expected \(expected), found \(node.typeName)", at: node.mark)
            return nil
        }
        guard let value = node.withScalarBytes(parse) else {
            log.error("\(what()): expected \(expected), found '\(node.scalar!)'", at: node.mark)
            return nil
        }
        return value
    }

    private static func plainNumber(_ node: Node, what: @autoclosure () -> String, log: IssueLog) -> String? {
        guard let style = node.style, !node.isNull, let text = node.scalar else {
            log.error("\(what()): expected a number, found \(node.typeName)", at: node.mark)
            return nil
        }
        guard style == .plain else {
            log.error("\(what()): expected a number, found the quoted text '\(text)'; write the number without quotes", at: node.mark)
            return nil
        }
        if hasLeadingZero(text) {
            log.error("\(what()): '\(text)' has a leading zero, which YAML 1.1 reads as octal; \(withoutLeadingZeros(text))", at: node.mark)
            return nil
        }
        return text
    }

    /// The common case of `decimal`, without Foundation's parser: `-?digits(.digits)?` with at most
    /// 18 digits and not zero (Foundation keeps the exponent of `0.0`); nil for anything else.
    static func plainDecimal(_ text: UnsafeBufferPointer<UInt8>) -> Number? {
        var mantissa: UInt64 = 0, digits = 0, fraction = 0
        var negative = false, seenDot = false, digitsBeforeDot = 0
        for (i, b) in text.enumerated() {
            if i == 0, b == UInt8(ascii: "-") { negative = true; continue }
            if b == UInt8(ascii: ".") {
                guard !seenDot, digits > 0 else { return nil }
                seenDot = true
                digitsBeforeDot = digits
                continue
            }
            let digit = b &- UInt8(ascii: "0")
            guard digit < 10, digits < 18 else { return nil }
            mantissa = mantissa * 10 + UInt64(digit)
            digits += 1
            if seenDot { fraction += 1 }
        }
        guard digits > 0, !seenDot || digits > digitsBeforeDot, mantissa != 0 else { return nil }
        return Number(value: Decimal(sign: negative ? .minus : .plus, exponent: -fraction, significand: Decimal(mantissa)),
                      scaled: (negative ? -Int64(mantissa) : Int64(mantissa), fraction))
    }

    /// What to write instead of a number with leading zeros: `00.5` → `0.5`, `-07` → `-7`, `+007` → `7`.
    static func withoutLeadingZeros(_ text: String) -> String {
        let negative = text.first == "-"
        let unsigned = text.drop { $0 == "-" || $0 == "+" }
        var digits = String(unsigned.drop { $0 == "0" })
        if digits.isEmpty || digits.first == "." { digits = "0" + digits }
        let suggestion = (negative ? "-" : "") + digits
        return isDecimalLiteral(suggestion) ? "write \(suggestion)" : "write the number in decimal digits without leading zeros"
    }

    /// `012`, `-07`, `0o17`: integers with a leading zero (not `0` or `0.5`).
    static func hasLeadingZero(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8(hasLeadingZero)
    }

    static func hasLeadingZero(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // ASCII after the zero: the answer lies in two bytes (the general path walks graphemes).
        var start = bytes.startIndex
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { start = bytes.index(after: start) }
        guard start < bytes.endIndex, bytes[start] == UInt8(ascii: "0") else { return false }
        let secondIndex = bytes.index(after: start)
        guard secondIndex < bytes.endIndex else { return false }
        let second = bytes[secondIndex]
        let third = bytes.index(after: secondIndex)
        if second < 0x80, second != 0x0D, third == bytes.endIndex || bytes[third] < 0x80 {
            return (second &- UInt8(ascii: "0")) < 10 || second == UInt8(ascii: "o") || second == UInt8(ascii: "_")
        }
        return hasLeadingZeroCharacters(String(decoding: bytes, as: UTF8.self))
    }

    private static func hasLeadingZeroCharacters(_ text: String) -> Bool {
        var digits = Substring(text)
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        // Only the first two characters matter; counting a long note would cost its whole length.
        guard digits.first == "0", let second = digits.dropFirst().first else { return false }
        return second.isNumber || second == "o" || second == "_"
    }

    private static func isDecimalLiteral(_ text: String) -> Bool {
        var chars = Substring(text)
        if chars.first == "-" { chars = chars.dropFirst() }
        let parts = chars.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    private static func describe(_ node: Node) -> String {
        if let text = node.scalar, !node.isNull { return "'\(text)'" }
        return node.typeName
    }
}
