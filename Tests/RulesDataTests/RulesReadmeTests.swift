import Foundation
import Testing
import TestSupport
@testable import DubanCore

/// rules/README.md ends with a section generated from the rules themselves: counts per
/// annex, the groups rules lean on, and every interpretation note with its rule ids. The
/// test fails when that section is stale; `DUBAN_RECORD=1` rewrites it (and still fails once).
@Suite struct RulesReadmeTests {
    static let begin = "<!-- generated:begin — made by `make rules-readme` from the rule files; do not edit by hand -->"
    static let end = "<!-- generated:end -->"

    static func generated(_ set: RuleSet) -> String {
        var out = "\n## Counts\n\n| file | rules | items | targets |\n|---|---|---|---|\n"
        let byFile = Dictionary(grouping: set.rules) { $0.location.file.replacingOccurrences(of: TestPaths.rules.path + "/", with: "") }
        for file in byFile.keys.sorted() {
            let rules = byFile[file]!
            let items = Set(rules.compactMap { $0.citation.annex != nil ? $0.citation.item : nil })
            out += "| `\(file)` | \(rules.count) | \(items.isEmpty ? "—" : String(items.count)) | \(rules.map(\.targets.count).reduce(0, +)) |\n"
        }
        out += "| all | \(set.rules.count) | | \(set.rules.map(\.targets.count).reduce(0, +)) |\n"

        var leaning: [String: [String]] = [:]
        for rule in set.rules {
            for holder in rule.roles.all {
                if case .group(let g) = holder.unit, !g.isResolved { leaning[g.name, default: []].append(rule.id) }
            }
        }
        out += "\n## Rules leaning on unresolved groups\n\n"
        for name in leaning.keys.sorted() {
            let ids = Array(Set(leaning[name]!)).sorted()
            out += "- **\(name)** (\(ids.count)): \(ids.map { "`\($0)`" }.joined(separator: ", "))\n"
        }

        out += "\n## Every interpretation\n\nEach entry is the `note:` of the rules named, verbatim; rules sharing a note share an entry.\n\n"
        var byNote: [String: [String]] = [:]
        var order: [String] = []
        for rule in set.rules {
            guard let note = rule.note else { continue }
            if byNote[note] == nil { order.append(note) }
            byNote[note, default: []].append(rule.id)
        }
        for note in order {
            let text = note.split(whereSeparator: \.isNewline).joined(separator: " ")
            out += "- \(byNote[note]!.map { "`\($0)`" }.joined(separator: ", ")): \(text)\n"
        }
        return out
    }

    @Test func generatedSectionIsCurrent() throws {
        let url = TestPaths.rules.appendingPathComponent("README.md")
        let readme = try String(contentsOf: url, encoding: .utf8)
        let head = try #require(readme.range(of: Self.begin)), tail = try #require(readme.range(of: Self.end))
        let expected = Self.generated(RulesData.set)
        let current = String(readme[head.upperBound..<tail.lowerBound])
        if current != expected, ProcessInfo.processInfo.environment["DUBAN_RECORD"] != nil {
            let updated = String(readme[..<head.upperBound]) + expected + String(readme[tail.lowerBound...])
            try updated.write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(current == expected, "rules/README.md is stale: run `make rules-readme` and review the diff")
    }
}
