import DubanCore
import Foundation
import Testing
import TestSupport
@testable import duban

/// `check` and `self-check` start loading their rules before the command line is parsed
/// (`RulesLoading.early`): from the directory the raw arguments name, which must be the one the
/// parsed options name, or none.
@Suite struct RulesLoadingTests {
    let configured = { () -> Config? in
        var config = Config()
        config.rules = "configured"
        return config
    }

    @Test func theDirectoryIsReadAsTheOptionsReadIt() {
        func directory(_ arguments: String...) -> String? {
            RulesLoading.directory(in: ["duban"] + arguments, config: configured)
        }
        #expect(directory("check") == "configured")
        #expect(directory("check", "inputs", "--as-of", "2022-07-06") == "configured")
        #expect(directory("check", "--rules", "r") == "r")
        #expect(directory("self-check", "x.yaml", "--rules=r/", "--format", "json") == "r/")
        #expect(directory("check", "--rules=") == "")
        #expect(RulesLoading.directory(in: ["duban", "check"], config: { nil }) == "rules")
        // After `--` every argument is an input.
        #expect(directory("check", "--", "--rules", "r") == "configured")
    }

    @Test func commandLinesLeftToTheParserStartNothing() {
        func directory(_ arguments: String...) -> String? {
            RulesLoading.directory(in: ["duban"] + arguments, config: configured)
        }
        #expect(directory() == nil)
        #expect(directory("validate", "--rules", "r") == nil)
        #expect(directory("rules", "--rules", "r") == nil)
        #expect(directory("inputs", "check") == nil)
        #expect(directory("check", "--rules") == nil)
        #expect(directory("check", "--rules", "--as-of", "2022-07-06") == nil)
        #expect(directory("check", "--rules", "a", "--rules=b") == nil)
    }

    @Test func aLoadingGivesWhatTheLoaderGives() throws {
        let fixture = RulesFixture()
        let direct = try RuleSetLoader.load(directory: fixture.path)
        let loaded = try RulesLoading(directory: fixture.path).wait().get()
        #expect(loaded.0.rules.map(\.id) == direct.0.rules.map(\.id))
        #expect(!loaded.0.rules.isEmpty)
        #expect(loaded.1.map(\.message) == direct.1.map(\.message))
        let missing = RulesLoading(directory: fixture.path + "/nowhere").wait()
        #expect(throws: RuleSetLoader.Unusable.self) { try missing.get() }
    }
}
