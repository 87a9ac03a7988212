public import Foundation

/// Typed readings of scalar nodes. Only `true`/`false` are booleans; plain scalars that
/// YAML 1.1 would read as booleans, nulls or octal numbers are refused where text is expected.
public enum Scalars {
    /// Plain words that YAML 1.1 reads as booleans or null.
    static let yaml11Words: Set<String> = [
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
        "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF",
    ]

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// Text. Refuses collections, nulls and YAML 1.1 surprises in plain style.
    public static func string(_ node: Node, what: String, log: IssueLog) -> String? {
        guard case .scalar(let text, let style) = node.content else {
            log.error("\(what): expected text, found \(node.typeName)", at: node.mark)
            return nil
        }
        guard style == .plain else { return text }
        if node.isNull {
            log.error("\(what): expected text, found nothing", at: node.mark)
            return nil
        }
        if yaml11Words.contains(text) {
            log.error("\(what): plain '\(text)' is read by YAML 1.1 as a boolean; quote it (\"\(text)\") if you mean the text", at: node.mark)
            return nil
        }
        if hasLeadingZero(text) {
            log.error("\(what): plain '\(text)' is read by YAML 1.1 as an octal number; quote it (\"\(text)\")", at: node.mark)
            return nil
        }
        return text
    }

    /// A plain decimal number such as `74.6`, `-3` or `0.5`, kept exactly.
    public static func decimal(_ node: Node, what: String, log: IssueLog) -> Decimal? {
        guard let text = plainNumber(node, what: what, log: log) else { return nil }
        guard isDecimalLiteral(text) else {
            log.error("\(what): expected a number such as 74.6, found '\(text)'", at: node.mark)
            return nil
        }
        // Decimal keeps 38 significant digits and rounds the rest away without a word.
        let digits = significantDigits(text)
        guard digits <= maxDecimalDigits else {
            log.error("\(what): '\(shortened(text))' has \(digits) significant digits, more than duban can keep exactly (at most \(maxDecimalDigits))", at: node.mark)
            return nil
        }
        // Its exponent, too, is bounded (about 10^-128 to 10^165).
        guard let value = Decimal(string: text, locale: posix) else {
            log.error("\(what): '\(shortened(text))' is too large or too close to zero for duban to keep exactly", at: node.mark)
            return nil
        }
        return value
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
    public static func int(_ node: Node, what: String, log: IssueLog) -> Int? {
        guard let text = plainNumber(node, what: what, log: log) else { return nil }
        guard isDecimalLiteral(text), !text.contains(".") else {
            log.error("\(what): expected a whole number, found '\(text)'", at: node.mark)
            return nil
        }
        guard let value = Int(text) else {
            log.error("\(what): '\(shortened(text))' is out of range for a whole number (\(Int.min) to \(Int.max))", at: node.mark)
            return nil
        }
        return value
    }

    /// `true` or `false`, nothing else.
    public static func bool(_ node: Node, what: String, log: IssueLog) -> Bool? {
        guard case .scalar(let text, .plain) = node.content, text == "true" || text == "false" else {
            log.error("\(what): expected true or false, found \(describe(node))", at: node.mark)
            return nil
        }
        return text == "true"
    }

    /// Any text parsed by `parse`; `expected` names the format for the error message.
    public static func parsed<T>(_ node: Node, what: String, expected: String, log: IssueLog, _ parse: (String) -> T?) -> T? {
        guard case .scalar(let text, _) = node.content, !node.isNull else {
            log.error("\(what): expected \(expected), found \(node.typeName)", at: node.mark)
            return nil
        }
        guard let value = parse(text) else {
            log.error("\(what): expected \(expected), found '\(text)'", at: node.mark)
            return nil
        }
        return value
    }

    private static func plainNumber(_ node: Node, what: String, log: IssueLog) -> String? {
        guard case .scalar(let text, let style) = node.content, !node.isNull else {
            log.error("\(what): expected a number, found \(node.typeName)", at: node.mark)
            return nil
        }
        guard style == .plain else {
            log.error("\(what): expected a number, found the quoted text '\(text)'; write the number without quotes", at: node.mark)
            return nil
        }
        if hasLeadingZero(text) {
            log.error("\(what): '\(text)' has a leading zero, which YAML 1.1 reads as octal; \(withoutLeadingZeros(text))", at: node.mark)
            return nil
        }
        return text
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
