// libFuzzer targets for duban (docs/fuzzing.md). `make fuzz` builds this target with
// `-sanitize=fuzzer,address -parse-as-library -DFUZZING` and runs each target in turn.
//
// Three targets in one binary, chosen by DUBAN_FUZZ_TARGET (or a leading `--target=NAME`
// argument, which is removed before libFuzzer reads its flags):
//   yaml    YAMLParser.parse under the .rules and .submissions limits, then every mapping
//           read through MappingReader/Scalars (the decoding layer every file goes through);
//   status  the bytes read both ways (from libyaml's events and through a document: whatever the
//           events accept, the document must read the same and clean), then as a status file on
//           disk → SubmissionLoader.load → Evaluator.evaluate,
//           against the rule set of DUBAN_FUZZ_RULES (default `rules`), as of
//           DUBAN_FUZZ_AS_OF (default 2022-07-06, the day of the bad-input suite: June reports
//           are due and every deadline of the first half-year has passed).
//   ledger  the bytes as a ledger file (docs/ledgers.md) → LedgerChecker, once in one 8 MiB
//           chunk and once in chunks of a few bytes on two workers: both must give the same
//           findings and the same totals (a row belongs to the chunk in which it starts).
//
// Without FUZZING (`swift build`, `swift test`) the target is a stub that says how to build it.

#if FUZZING
import CLibFuzzer
import DubanCore
import DubanYAML
import Foundation

enum FuzzTarget: String, CaseIterable {
    case yaml, status, ledger
}

nonisolated(unsafe) private var selected: FuzzTarget = .yaml
nonisolated(unsafe) private var statusHarness: StatusHarness?
nonisolated(unsafe) private var ledgerHarness: LedgerHarness?

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    switch selected {
    case .yaml: YAMLHarness.run(bytes)
    case .status: statusHarness!.run(bytes)
    case .ledger: ledgerHarness!.run(bytes)
    }
    return 0
}

/// SwiftPM links executables with `--defsym main=DubanFuzz_main`: this is the program's `main`.
@_cdecl("DubanFuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    var arguments: [UnsafeMutablePointer<CChar>?] = []
    var name = ProcessInfo.processInfo.environment["DUBAN_FUZZ_TARGET"] ?? "yaml"
    for i in 0..<Int(argc) {
        let argument = String(cString: argv[i]!)
        if i == 1, argument.hasPrefix("--target=") {
            name = String(argument.dropFirst("--target=".count))
            // Child processes (-fork, -jobs) inherit the environment, not this argument.
            setenv("DUBAN_FUZZ_TARGET", name, 1)
        } else {
            arguments.append(argv[i])
        }
    }
    guard let target = FuzzTarget(rawValue: name) else {
        say("DubanFuzz: unknown target '\(name)'; expected one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))\n")
        return 2
    }
    selected = target
    switch target {
    case .yaml: break
    case .status: statusHarness = StatusHarness.make()
    case .ledger: ledgerHarness = LedgerHarness.make()
    }
    say("DubanFuzz: target \(target.rawValue)\n")
    var count = Int32(arguments.count)
    arguments.append(nil)
    return arguments.withUnsafeMutableBufferPointer { buffer in
        var pointer: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = buffer.baseAddress
        return LLVMFuzzerRunDriver(&count, &pointer, fuzzOneInput)
    }
}

/// Writes one line to standard error.
private func say(_ line: String) {
    FileHandle.standardError.write(Data(line.utf8))
}

/// Stops the run with a message libFuzzer records as a crash: a broken invariant, not a bad input.
private func invariant(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() {
        say("DubanFuzz invariant broken: \(message())\n")
        abort()
    }
}

// MARK: yaml

enum YAMLHarness {
    static func run(_ bytes: [UInt8]) {
        let rules = parse(bytes, limits: .rules)
        let submissions = parse(bytes, limits: .submissions)
        // .submissions is .rules minus anchors/aliases and with a smaller size limit, so what it
        // accepts .rules accepts too, as the same tree.
        if case .success(let s) = submissions {
            guard case .success(let r) = rules else {
                invariant(false, "accepted under .submissions but refused under .rules: \(rules)")
                return
            }
            invariant(shape(s) == shape(r), "the two limits gave different trees")
        }
        if case .success(let root?) = rules { decode(root) }
    }

    static func parse(_ bytes: [UInt8], limits: YAMLLimits) -> Result<Node?, YAMLError> {
        do throws(YAMLError) {
            return .success(try YAMLParser.parse(bytes, limits: limits))
        } catch {
            invariant(error.mark.line >= 1 && error.mark.column >= 1, "error mark \(error.mark) for '\(error.message)'")
            invariant(!error.message.isEmpty, "empty error message")
            return .failure(error)
        }
    }

    /// A compact description of a tree (aliases written out; bounded by the alias limit).
    static func shape(_ node: Node?) -> String {
        guard let node else { return "~" }
        switch node.content {
        case .scalar(let text, let style): return "\(node.mark)\(style):\(text.utf8.count):\(text.hashValue)"
        case .sequence(let items): return "\(node.mark)[" + items.map(shape).joined(separator: ",") + "]"
        case .mapping(let pairs): return "\(node.mark){" + pairs.map { shape($0.key) + "=" + shape($0.value) }.joined(separator: ",") + "}"
        }
    }

    /// Reads every mapping the way the rule and status decoders do: all keys but the last are
    /// known (the last one gets a did-you-mean), every value is read as each type.
    static func decode(_ root: Node) {
        var seen = Set<Node>()
        var pending = [root]
        while let node = pending.popLast() {
            guard seen.insert(node).inserted else { continue }
            invariant(node.mark.line >= 1 && node.mark.column >= 1, "node mark \(node.mark)")
            switch node.content {
            case .scalar:
                _ = node.isNull
                _ = node.typeName
            case .sequence(let items):
                pending += items
            case .mapping(let pairs):
                pending += pairs.map(\.value)
                let keys = pairs.compactMap(\.key.scalar)
                let log = IssueLog()
                guard let reader = MappingReader(node, what: "fuzz", keys: Array(keys.dropLast()), log: log) else {
                    invariant(false, "MappingReader refused a mapping")
                    continue
                }
                for key in keys {
                    _ = reader.string(key, required: true)
                    _ = reader.int(key)
                    _ = reader.decimal(key)
                    _ = reader.bool(key)
                    _ = reader.parsed(key, expected: "a day") { Day(iso: $0) }
                    _ = reader.strings(key)
                    _ = reader.mapping(key, what: "nested", keys: keys)
                    _ = reader.mark(key)
                }
                for issue in log.issues {
                    invariant(issue.mark.line >= 1 && issue.mark.column >= 1, "issue mark \(issue.mark)")
                }
            }
        }
    }
}

// MARK: status

/// Writes each input as a status file and runs the whole check on it. The same bytes go into
/// two files: one in a folder that names no department (decoded in full and evaluated, whoever
/// it claims to be from) and one in `shuiwu/` (市水务局's folder: the sender check).
///
/// Each file is loaded by a call of its own. SubmissionLoader decodes files in parallel
/// (DispatchQueue.concurrentPerform), and libFuzzer ignores its -timeout alarm when SIGALRM lands
/// on a thread other than the fuzzing thread, so a slow decode on a worker thread could go
/// unreported; with one file, concurrentPerform runs its single iteration on the calling thread.
struct StatusHarness {
    let set: RuleSet
    let asOf: Day
    let evaluator: Evaluator
    let directory: String
    let files: [String]

    static func make() -> StatusHarness {
        let environment = ProcessInfo.processInfo.environment
        let asOfText = environment["DUBAN_FUZZ_AS_OF"] ?? "2022-07-06"
        guard let asOf = Day(iso: asOfText) else {
            say("DubanFuzz: DUBAN_FUZZ_AS_OF '\(asOfText)' is not a day (YYYY-MM-DD)\n")
            exit(2)
        }
        let set = fuzzRules()
        let directory = fuzzFolder()
        let folders = ["unsorted", "shuiwu"]
        for folder in folders { mkdir(directory + "/" + folder, 0o700) }
        return StatusHarness(set: set, asOf: asOf, evaluator: Evaluator(set: set, asOf: asOf), directory: directory,
                             files: folders.map { directory + "/" + $0 + "/2022-06.yaml" })
    }

    func run(_ bytes: [UInt8]) {
        var results: [SubmissionLoader.Result] = []
        for file in files {
            // The fast reading from events may only take a file that the document reads the same, clean.
            let (events, document) = SubmissionLoader.bothReadings(of: bytes, file: file, set: set, asOf: asOf)
            if let events {
                invariant(document.1.isEmpty, "the events read a file in which the document finds \(document.1.map(\.messageEN))")
                invariant(String(describing: document.0) == String(describing: Optional(events)), "the events and the document read different submissions")
            }
            write(bytes, to: file)
            do throws(SubmissionLoader.Unusable) {
                let result = try SubmissionLoader.load(paths: [file], set: set, asOf: asOf)
                invariant(result.fileCount == 1, "fileCount \(result.fileCount)")
                invariant(result.accepted.count <= 1 && result.arrivals.count == result.accepted.count && result.superseded.isEmpty,
                          "one file gave \(result.arrivals.count) arrivals, \(result.accepted.count) accepted")
                results.append(result)
            } catch {
                invariant(false, "SubmissionLoader refused its own file: \(error)")
                return
            }
        }
        let result = results[0]
        // The evaluator costs ~20 ms per call here as of 2022-07-06 and ~90 ms as of 2023-01-06
        // (ASan and coverage; ~300 and ~1,500 violations, nearly all of them input-independent
        // missing reports and overdue deadlines). With no submission read, all it would add is
        // the loader's violations to that baseline, so it runs only when the bytes became one.
        guard !result.accepted.isEmpty else { return }
        let violations = evaluator.evaluate(result)
        invariant(violations.allSatisfy { !$0.message.isEmpty && !$0.messageEN.isEmpty }, "a violation without a message")
    }

}

// MARK: ledger

/// Writes each input as a ledger file and checks it twice: in one chunk, and in chunks of a
/// few bytes on two workers. Findings (in order, with their places) and month totals must agree.
struct LedgerHarness {
    let whole: LedgerChecker
    let pieces: LedgerChecker
    let file: String

    static func make() -> LedgerHarness {
        let set = fuzzRules()
        do {
            return LedgerHarness(whole: try LedgerChecker(set: set, workers: 1),
                                 pieces: try LedgerChecker(set: set, chunkSize: 7, maxLineBytes: 256, workers: 2),
                                 file: fuzzFolder() + "/ledger.csv")
        } catch {
            say("DubanFuzz: \(error)\n")
            exit(2)
        }
    }

    func run(_ bytes: [UInt8]) {
        write(bytes, to: file)
        let a = whole.check(path: file), b = pieces.check(path: file)
        // maxLineBytes differs (the default 1 MiB against 256): only inputs without longer lines compare.
        guard !bytes.split(separator: 10, omittingEmptySubsequences: false).contains(where: { $0.count > 250 }) else { return }
        invariant(a.summary == b.summary, "chunking changed the totals: \(a.summary) vs \(b.summary)")
        invariant(a.violations == b.violations, "chunking changed the findings: \(a.violations.count) vs \(b.violations.count)")
        for v in a.violations {
            invariant(!v.message.isEmpty && !v.messageEN.isEmpty, "a finding without a message")
            if let line = v.location?.line { invariant(line >= 1, "line \(line)") }
        }
    }
}

// MARK: shared

/// The rule set of DUBAN_FUZZ_RULES (default `rules`); the run stops when it cannot be loaded.
private func fuzzRules() -> RuleSet {
    let rules = ProcessInfo.processInfo.environment["DUBAN_FUZZ_RULES"] ?? "rules"
    do throws(RuleSetLoader.Unusable) {
        let (set, diagnostics) = try RuleSetLoader.load(directory: rules)
        let errors = diagnostics.filter { $0.severity == .error }.count
        say("DubanFuzz: \(set.rules.count) rules from \(rules) (\(errors) errors, \(diagnostics.count - errors) warnings)\n")
        if set.rules.isEmpty {
            say("DubanFuzz: no rules loaded from \(rules); set DUBAN_FUZZ_RULES\n")
            exit(2)
        }
        return set
    } catch {
        say("DubanFuzz: \(error) (set DUBAN_FUZZ_RULES to the rules folder)\n")
        exit(2)
    }
}

/// A fresh temporary folder, removed when the run ends.
private func fuzzFolder() -> String {
    let base = (ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp") + "/duban-fuzz.XXXXXX"
    var template = Array(base.utf8CString)
    guard mkdtemp(&template) != nil else {
        say("DubanFuzz: cannot create a temporary folder under \(base)\n")
        exit(2)
    }
    let directory = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    temporaryFolder = directory
    atexit {
        if let folder = temporaryFolder { try? FileManager.default.removeItem(atPath: folder) }
    }
    return directory
}

/// Writes the bytes to a file, replacing it.
private func write(_ bytes: [UInt8], to file: String) {
    let fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    invariant(fd >= 0, "cannot write \(file): \(String(cString: strerror(errno)))")
    var offset = 0
    while offset < bytes.count {
        let n = bytes[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        invariant(n > 0, "cannot write \(file): \(String(cString: strerror(errno)))")
        offset += n
    }
    close(fd)
}

nonisolated(unsafe) private var temporaryFolder: String?

#else
import Foundation

@main
enum FuzzStub {
    static func main() {
        FileHandle.standardError.write(Data("""
            DubanFuzz holds duban's libFuzzer targets and does nothing unless built for fuzzing:
              make fuzz                      (builds and runs every target; see docs/fuzzing.md)

            """.utf8))
        exit(2)
    }
}
#endif
