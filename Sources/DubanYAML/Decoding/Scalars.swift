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
    public static func string(_ node: Node, what: @autoclosure () -> Bilingual, log: IssueLog) -> String? {
        checkText(node, what: what(), log: log) ? node.scalar : nil
    }

    /// Whether the node reads as text (see `string`), without building the text: the checks read bytes.
    public static func checkText(_ node: Node, what: @autoclosure () -> Bilingual, log: IssueLog) -> Bool {
        guard let style = node.style else {
            let what = what()
            log.error("\(what.en): expected text, found \(node.typeName)", zh: what.zh.map { "\($0)应为文字，实际是\(node.typeNameZH)" }, at: node.mark)
            return false
        }
        guard style == .plain else { return true }
        guard let problem = node.withScalarBytes(textProblem) else { return true }
        let what = what()
        switch problem {
        case .null:
            log.error("\(what.en): expected text, found nothing", zh: what.zh.map { "\($0)应为文字，实际为空" }, at: node.mark)
        case .yaml11:
            let text = node.scalar!
            log.error("\(what.en): plain '\(text)' is read by YAML 1.1 as a boolean; quote it (\"\(text)\") if you mean the text",
                      zh: what.zh.map { "\($0)写的是不加引号的“\(text)”，YAML 1.1 会把它读作布尔值（是/否）；如指文字，请加英文引号写成 \"\(text)\"" },
                      at: node.mark)
        case .octal:
            let text = node.scalar!
            log.error("\(what.en): plain '\(text)' is read by YAML 1.1 as an octal number; quote it (\"\(text)\")",
                      zh: what.zh.map { "\($0)写的是不加引号的“\(text)”，YAML 1.1 会把它读作八进制数；请加英文引号写成 \"\(text)\"" },
                      at: node.mark)
        }
        return false
    }

    /// Why a plain scalar does not read as text, or nil when it does.
    enum TextProblem { case null, yaml11, octal }

    private static func textProblem(_ bytes: UnsafeBufferPointer<UInt8>) -> TextProblem? {
        if Node.isNullWord(bytes) { return .null }
        // Length and first byte first: most short texts match no word, and comparing each costs more.
        if bytes.count <= 5, yaml11Words.contains(where: { $0.utf8.count == bytes.count && $0.utf8.first == bytes.first && $0.utf8.elementsEqual(bytes) }) {
            return .yaml11
        }
        if hasLeadingZero(bytes) { return .octal }
        return nil
    }

    /// Whether a scalar of this style and these bytes reads as text, as `string` and `checkText`
    /// decide (for readers that hold bytes, not a `Node`).
    public static func isText(_ bytes: UnsafeBufferPointer<UInt8>, style: ScalarStyle) -> Bool {
        style != .plain || textProblem(bytes) == nil
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
    public static func decimal(_ node: Node, what: @autoclosure () -> Bilingual, log: IssueLog) -> Decimal? {
        number(node, what: what(), log: log)?.value
    }

    /// `decimal`, with the scaled integer where the text has one.
    public static func number(_ node: Node, what: @autoclosure () -> Bilingual, log: IssueLog) -> Number? {
        if node.style == .plain, let number = node.withScalarBytes(number(plain:)) { return number }
        // Not a number: the checks again, this time saying what is wrong.
        guard let text = plainNumber(node, what: what(), log: log) else { return nil }
        guard isDecimalLiteral(text) else {
            let what = what()
            log.error("\(what.en): expected a number such as 74.6, found '\(text)'",
                      zh: what.zh.map { "\($0)应为数字（如 74.6），实际写的是“\(text)”" }, at: node.mark)
            return nil
        }
        // Decimal keeps 38 significant digits and rounds the rest away without a word.
        let digits = significantDigits(text)
        guard digits <= maxDecimalDigits else {
            let what = what()
            log.error("\(what.en): '\(shortened(text))' has \(digits) significant digits, more than duban can keep exactly (at most \(maxDecimalDigits))",
                      zh: what.zh.map { "\($0)写的是“\(shortened(text))”，有 \(digits) 位有效数字，超出 duban 能精确保存的位数（最多 \(maxDecimalDigits) 位）" },
                      at: node.mark)
            return nil
        }
        // Its exponent, too, is bounded (about 10^-128 to 10^165).
        let what = what()
        log.error("\(what.en): '\(shortened(text))' is too large or too close to zero for duban to keep exactly",
                  zh: what.zh.map { "\($0)写的是“\(shortened(text))”，过大或过于接近零，duban 无法精确保存" }, at: node.mark)
        return nil
    }

    /// The number a plain scalar's bytes read as (`number`), or nil where `number` reports a problem.
    public static func number(plain bytes: UnsafeBufferPointer<UInt8>) -> Number? {
        guard !Node.isNullWord(bytes), !hasLeadingZero(bytes) else { return nil }
        // The common case without Foundation's parser.
        if let number = plainDecimal(bytes) { return number }
        let text = String(decoding: bytes, as: UTF8.self)
        guard isDecimalLiteral(text), significantDigits(text) <= maxDecimalDigits,
              let value = Decimal(string: text, locale: posix) else { return nil }
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
    public static func int(_ node: Node, what: @autoclosure () -> Bilingual, log: IssueLog) -> Int? {
        // The common case straight from the bytes: plain digits without a leading zero.
        if node.style == .plain, let value = node.withScalarBytes(plainInt) { return value }
        guard let text = plainNumber(node, what: what(), log: log) else { return nil }
        guard isDecimalLiteral(text), !text.contains(".") else {
            let what = what()
            log.error("\(what.en): expected a whole number, found '\(text)'", zh: what.zh.map { "\($0)应为整数，实际写的是“\(text)”" }, at: node.mark)
            return nil
        }
        guard let value = Int(text) else {
            let what = what()
            log.error("\(what.en): '\(shortened(text))' is out of range for a whole number (\(Int.min) to \(Int.max))",
                      zh: what.zh.map { "\($0)写的是“\(shortened(text))”，超出整数范围（\(Int.min) 至 \(Int.max)）" }, at: node.mark)
            return nil
        }
        return value
    }

    /// `true` or `false`, nothing else.
    public static func bool(_ node: Node, what: @autoclosure () -> Bilingual, log: IssueLog) -> Bool? {
        guard node.style == .plain, node.scalarEquals("true") || node.scalarEquals("false") else {
            let what = what()
            log.error("\(what.en): expected true or false, found \(describe(node))",
                      zh: what.zh.map { "\($0)应为 true 或 false，实际\(describeZH(node))" }, at: node.mark)
            return nil
        }
        return node.scalarEquals("true")
    }

    /// Any text parsed by `parse`; `expected` names the format for the error message.
    @inlinable
    public static func parsed<T>(_ node: Node, what: @autoclosure () -> Bilingual, expected: Bilingual, log: IssueLog, _ parse: (String) -> T?) -> T? {
        parsed(node, what: what(), expected: expected, log: log, bytes: { parse(String(decoding: $0, as: UTF8.self)) })
    }

    /// Like `parsed`, with `parse` reading the scalar's UTF-8 bytes: no text is built unless it is wrong.
    @inlinable
    public static func parsed<T>(_ node: Node, what: @autoclosure () -> Bilingual, expected: Bilingual, log: IssueLog,
                                 bytes parse: (UnsafeBufferPointer<UInt8>) -> T?) -> T? {
        guard node.kind == .scalar, !node.isNull else {
            let what = what()
            log.error("\(what.en): expected \(expected.en), found \(node.typeName)",
                      zh: what.zh.flatMap { what in expected.zh.map { "\(what)应为\($0)，实际是\(node.typeNameZH)" } }, at: node.mark)
            return nil
        }
        guard let value = node.withScalarBytes(parse) else {
            let what = what(), text = node.scalar!
            log.error("\(what.en): expected \(expected.en), found '\(text)'",
                      zh: what.zh.flatMap { what in expected.zh.map { "\(what)应为\($0)，实际写的是“\(text)”" } }, at: node.mark)
            return nil
        }
        return value
    }

    private static func plainNumber(_ node: Node, what: @autoclosure () -> Bilingual, log: IssueLog) -> String? {
        guard let style = node.style, !node.isNull, let text = node.scalar else {
            let what = what()
            log.error("\(what.en): expected a number, found \(node.typeName)", zh: what.zh.map { "\($0)应为数字，实际是\(node.typeNameZH)" }, at: node.mark)
            return nil
        }
        guard style == .plain else {
            let what = what()
            log.error("\(what.en): expected a number, found the quoted text '\(text)'; write the number without quotes",
                      zh: what.zh.map { "\($0)应为数字，实际是加了引号的文字“\(text)”；请去掉引号，直接写数字" }, at: node.mark)
            return nil
        }
        if hasLeadingZero(text) {
            let what = what(), fix = withoutLeadingZeros(text)
            log.error("\(what.en): '\(text)' has a leading zero, which YAML 1.1 reads as octal; \(fix.en)",
                      zh: what.zh.map { "\($0)写的是“\(text)”，以 0 开头，YAML 1.1 会把它读作八进制数；\(fix.zh!)" }, at: node.mark)
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

    /// The common case of `int`: `-?digits`, at most 18 digits, without a leading zero; nil for anything else.
    static func plainInt(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
        let negative = text.first == UInt8(ascii: "-")
        let digits = UnsafeBufferPointer(rebasing: text[(negative ? 1 : 0)...])
        guard (1...18).contains(digits.count), digits[0] != UInt8(ascii: "0") || digits.count == 1 else { return nil }
        var value = 0
        for b in digits {
            let digit = b &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return negative ? -value : value
    }

    /// What to write instead of a number with leading zeros: `00.5` → `0.5`, `-07` → `-7`, `+007` → `7`.
    static func withoutLeadingZeros(_ text: String) -> Bilingual {
        let negative = text.first == "-"
        let unsigned = text.drop { $0 == "-" || $0 == "+" }
        var digits = String(unsigned.drop { $0 == "0" })
        if digits.isEmpty || digits.first == "." { digits = "0" + digits }
        let suggestion = (negative ? "-" : "") + digits
        return isDecimalLiteral(suggestion)
            ? Bilingual("write \(suggestion)", zh: "请写成 \(suggestion)")
            : Bilingual("write the number in decimal digits without leading zeros", zh: "请用十进制数字书写，不要以 0 开头")
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

    /// `describe` in Chinese, as said after 实际: 写的是“yes”, 是列表.
    private static func describeZH(_ node: Node) -> String {
        if let text = node.scalar, !node.isNull { return "写的是“\(text)”" }
        return "是\(node.typeNameZH)"
    }
}
