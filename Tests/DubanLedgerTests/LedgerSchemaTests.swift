import Foundation
import Testing
import TestSupport
@testable import DubanCore

/// schemas/ledgers.schema.json and the reader agree on every column and every enumerated value.
@Suite struct LedgerSchemaTests {
    static func schema() throws -> [String: Any] {
        let url = TestPaths.packageRoot.appendingPathComponent("schemas/ledgers.schema.json")
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    @Test(arguments: LedgerKind.allCases)
    func schemaNamesTheReadersColumnsAndValues(kind: LedgerKind) throws {
        let defs = try #require(try Self.schema()["$defs"] as? [String: Any])
        let row = try #require(defs[kind.rawValue] as? [String: Any])
        #expect(row["required"] as? [String] == kind.columns)
        let properties = try #require(row["properties"] as? [String: Any])
        #expect(Set(properties.keys) == Set(kind.columns))
        for (column, vocabulary) in kind.vocabularies {
            let values = (properties[column] as? [String: Any])?["enum"] as? [String]
            #expect(values == zip(vocabulary.slugs, vocabulary.words).flatMap { [$0, $1] }, "\(kind.rawValue).\(column)")
        }
    }

    /// Every allowed use the rules name for whose costs, where and what is a value of the ledger.
    @Test func allowedUsesOfTheRulesAreLedgerValues() throws {
        let uses = try #require(Ledgers.rules.rule("medins.account-use")?.uses)
        let values = Set(LedgerVocabulary.beneficiary.slugs + LedgerVocabulary.payeeKind.slugs + LedgerVocabulary.category.slugs)
        #expect(uses.allowed.filter { !values.contains($0) } == [])
        #expect(uses.prohibited.filter { !values.contains($0) } == ["outside-basic-insurance-scope"])  // written `other` in a ledger
    }
}
