import Foundation
import Testing
@testable import DubanCore

/// Every rule says exactly what the text says: its quote is in the source, and every
/// number it checks is in its quote.
@Suite struct FidelityTests {
    @Test func everyQuoteOccursInTheSource() {
        let missing = RulesData.set.rules.filter { !RulesData.normalizedSource.contains(RulesData.normalize($0.citation.quote)) }
        #expect(missing.isEmpty, "quotes not found verbatim: \(missing.map(\.id))")
    }

    @Test func everyTargetNumberOccursInItsQuote() {
        var problems: [String] = []
        for rule in RulesData.set.rules {
            // White space kept (as one space) so that numbers in table rows stay apart.
            let quote = rule.citation.quote.replacingOccurrences(of: "<p>", with: " ").replacingOccurrences(of: "</p>", with: " ")
                .split(whereSeparator: \.isWhitespace).joined(separator: " ")
            for target in rule.targets where !Self.contains(quote, number: target.value) {
                problems.append("\(rule.id): \(target.value)")
            }
            for value in rule.standard?.values ?? [] where !Self.contains(quote, number: value.value) {
                problems.append("\(rule.id): \(value.value)")
            }
        }
        #expect(problems.isEmpty, "numbers not in their quote: \(problems)")
    }

    @Test func milestoneTextsOccurInTheirQuote() {
        var problems: [String] = []
        for rule in RulesData.set.rules {
            guard case .milestones(let milestones)? = rule.deadline?.resolution else { continue }
            let quote = RulesData.normalize(rule.citation.quote)
            for m in milestones where !quote.contains(RulesData.normalize(m.text)) {
                problems.append("\(rule.id): \(m.text)")
            }
        }
        #expect(problems.isEmpty, "\(problems)")
    }

    /// The number as a whole number in the text: `10` matches `10万千瓦` but not `100`; `>93` matches `93`.
    static func contains(_ text: String, number: Decimal) -> Bool {
        let written = "\(number)"
        var searchRange = text.startIndex..<text.endIndex
        while let found = text.range(of: written, range: searchRange) {
            let before = found.lowerBound > text.startIndex ? text[text.index(before: found.lowerBound)] : " "
            let after = found.upperBound < text.endIndex ? text[found.upperBound] : " "
            let afterNext = text.index(found.upperBound, offsetBy: 1, limitedBy: text.endIndex).flatMap { $0 < text.endIndex ? text[$0] : nil }
            let continuesDecimal = after == "." && (afterNext?.isASCII == true && afterNext?.isNumber == true)
            if !(before.isASCII && (before.isNumber || before == ".")) && !(after.isASCII && after.isNumber) && !continuesDecimal {
                return true
            }
            searchRange = found.upperBound..<text.endIndex
        }
        return false
    }
}
