import Foundation
import TestSupport
@testable import DubanCore

/// The project's real rules, loaded once for every data test.
enum RulesData {
    static let loaded: (set: RuleSet, diagnostics: [Diagnostic]) = {
        try! RuleSetLoader.load(directory: TestPaths.rules.path)
    }()

    static var set: RuleSet { loaded.set }

    /// The Gazette text as the project keeps it.
    static let source: String = try! String(contentsOf: TestPaths.sourceText, encoding: .utf8)

    /// The source with white space and the OCR's `<p>` markup removed, for quote matching.
    static let normalizedSource: String = normalize(source)

    static func normalize(_ text: String) -> String {
        text.replacingOccurrences(of: "<p>", with: "").replacingOccurrences(of: "</p>", with: "")
            .filter { !$0.isWhitespace }
    }

    /// The source lines of annex N (from its "附件 N" line to the next annex).
    static func annexLines(_ n: Int) -> [Substring] {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let start = lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "附件 \(n)" }!
        let end = lines[(start + 1)...].firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix("附件 ") }
            ?? lines[(start + 1)...].firstIndex { $0.contains("京政办发〔2022〕7") }!
        return Array(lines[start..<end])
    }
}
