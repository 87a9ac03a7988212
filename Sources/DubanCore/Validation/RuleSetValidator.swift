/// Checks that span rules: unique ids, contiguous measure numbering within each item.
/// Checks of a single rule happen while it is decoded.
enum RuleSetValidator {
    static func check(_ rules: [Rule], in set: RuleSet) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var firstByID: [String: Rule] = [:]
        for rule in rules {
            if let first = firstByID[rule.id] {
                diagnostics.append(error(rule, "duplicate rule id '\(rule.id)' (first at \(first.location.file):\(first.location.line))"))
            } else {
                firstByID[rule.id] = rule
            }
        }
        // Measures of an item are numbered 1…n in source order.
        var measures: [String: [(Int, Rule)]] = [:]
        for rule in firstByID.values {
            guard let annex = rule.citation.annex, annex <= 5, let item = rule.citation.item,
                  let measure = rule.citation.measure else { continue }
            measures["\(rule.citation.documentKey).\(annex).\(item)", default: []].append((measure, rule))
        }
        for (_, list) in measures {
            let sorted = list.sorted { $0.0 < $1.0 }
            for (expected, (measure, rule)) in zip(1..., sorted) where measure != expected {
                diagnostics.append(error(rule, "measure \(measure) of item \(rule.citation.item!) skips measure \(expected); number measures 1, 2, 3 … in source order"))
                break
            }
        }
        return diagnostics
    }

    private static func error(_ rule: Rule, _ message: String) -> Diagnostic {
        Diagnostic(file: rule.location.file, line: rule.location.line, column: rule.location.column, message: message, rule: rule.id)
    }
}
