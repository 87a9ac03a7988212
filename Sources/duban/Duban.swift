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
        // The rules of a check start loading now, beside the parsing of the command line.
        _ = RulesLoading.early
        guard let stop = runCommand() else { return }
        if stop.status == 0 {
            if !stop.message.isEmpty { emit(stop.message + "\n") }
        } else {
            FileHandle.standardError.write(Data((stop.message + "\n").utf8))
        }
        Foundation.exit(stop.status)
    }

    /// Parses and runs the command; when it stops with an error (`--help` and `--version` included),
    /// the message and the exit status. The error itself is released before duban exits: kept
    /// alive across `exit`, LeakSanitizer reports the argument parser's error values as leaked.
    private static func runCommand() -> (message: String, status: Int32)? {
        do {
            var command = try parseAsRoot()
            try command.run()
            return nil
        } catch {
            let code = exitCode(for: error)
            if code == .success { return (fullMessage(for: error), 0) }
            return (fullMessage(for: error), code == .validationFailure || code.rawValue == 64 ? 2 : code.rawValue)
        }
    }
}

/// Writes a whole report to standard output in one write.
func emit(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

extension Data {
    /// `bytes` as `Data` without copying them, for a write that returns before they are freed.
    init(noCopy bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            self.init()
            return
        }
        self.init(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none)
    }
}

/// Reports a fatal problem on standard error and exits 2.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("duban: error: \(message)\n".utf8))
    Foundation.exit(2)
}
