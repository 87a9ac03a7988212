import ArgumentParser
import Foundation

/// The `duban` command: checks what Beijing's departments report against the circulars
/// of the 2022 Gazette No. 17.
@main
struct Duban: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "duban",
        abstract: "督办: check departments' reports against the obligations of Beijing's 2022 Gazette No. 17.",
        discussion: """
        Rules live in rules/ (YAML, one rule per obligation, each citing its source sentence).
        Exit status: 0 nothing found, 1 problems or violations found, 2 the input or the command line could not be used.
        """,
        version: "0.1.0",
        subcommands: [CheckCommand.self, SelfCheckCommand.self, LedgerCommand.self, TemplateCommand.self, Validate.self, RulesCommand.self,
                      ExplainCommand.self, CalendarCommand.self]
    )

    /// Parses, runs and exits with SPEC §6's statuses: a bad command line is 2, not 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(code == .validationFailure || code.rawValue == 64 ? 2 : code.rawValue)
        }
    }
}

/// Writes a whole report to standard output in one write.
func emit(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// Reports a fatal problem on standard error and exits 2.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("duban: error: \(message)\n".utf8))
    Foundation.exit(2)
}
