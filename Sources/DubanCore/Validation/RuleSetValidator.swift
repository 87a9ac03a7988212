/// Checks that span rules: unique ids, contiguous measure numbering within each item.
/// Checks of a single rule happen while it is decoded.
enum RuleSetValidator {
    static func check(_ rules: [Rule], in set: RuleSet) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // Rules are named by their position: a `Rule` is large to copy.
        var firstByID: [String: Int] = [:]
        var unique: [Int] = []
        for i in rules.indices {
            if let first = firstByID[rules[i].id] {
                let location = rules[first].location
                diagnostics.append(error(rules[i], "duplicate rule id '\(rules[i].id)' (first at \(location.file):\(location.line))"))
            } else {
                firstByID[rules[i].id] = i
                unique.append(i)
            }
        }
        // Measures of an item are numbered 1…n in source order.
        struct Item: Hashable {
            let document: String
            let annex: Int
            let item: Int
        }
        var measures: [Item: [(measure: Int, rule: Int)]] = [:]
        for i in unique {
            let citation = rules[i].citation
            guard let annex = citation.annex, annex <= 5, let item = citation.item, let measure = citation.measure else { continue }
            measures[Item(document: citation.documentKey, annex: annex, item: item), default: []].append((measure, i))
        }
        for list in measures.values {
            let sorted = list.sorted { $0.measure < $1.measure }
            for (expected, entry) in zip(1..., sorted) where entry.measure != expected {
                let rule = rules[entry.rule]
                diagnostics.append(error(rule, "measure \(entry.measure) of item \(rule.citation.item!) skips measure \(expected); number measures 1, 2, 3 … in source order"))
                break
            }
        }
        return diagnostics
    }

    private static func error(_ rule: Rule, _ message: String) -> Diagnostic {
        Diagnostic(file: rule.location.file, line: rule.location.line, column: rule.location.column, message: message, rule: rule.id)
    }
}
