import Foundation
import Testing
import TestSupport

/// A report is written whole or not at all; runs do not corrupt each other's output.
@Suite struct NothingLostTests {
    /// A fixture whose report is a few kilobytes, and a previous report already in place.
    func setUp() throws -> (EvaluationFixture, URL, Data) {
        let f = EvaluationFixture()
        f.submit("shuiwu/2022-06.yaml", EvaluationFixture.waterReport("2022-06", submitted: "2022-07-05"))
        let out = f.inputs.deletingLastPathComponent().appendingPathComponent("report.json")
        let previous = Data("{\"previous\": true}\n".utf8)
        try previous.write(to: out)
        return (f, out, previous)
    }

    func checkCommand(_ f: EvaluationFixture, _ out: URL) -> String {
        "\"$DUBAN\" check '\(f.inputs.path)' --rules '\(f.rules.path)' --as-of 2022-07-06 --format json --output '\(out.path)'"
    }

    /// The ThreadSanitizer runtime dies of SIGBUS while it starts under `ulimit -f` (exit 66, before
    /// duban's code runs), so under `make sanitize`'s ThreadSanitizer pass these tests would test
    /// the sanitizer; the AddressSanitizer pass and `swift test` run them.
    static let fileSizeLimitWorks = DubanProcess.sanitizer != "thread"

    @Test(.enabled(if: fileSizeLimitWorks, "the ThreadSanitizer runtime cannot start under ulimit -f"))
    func aRunKilledWhileWritingLeavesThePreviousReportIntact() throws {
        let (f, out, previous) = try setUp()
        // The file-size limit kills the process (SIGXFSZ) in the middle of writing the report.
        let run = try DubanProcess.shell("ulimit -f 1; exec \(checkCommand(f, out))", in: f.inputs)
        // Killed by SIGXFSZ, or — where the signal is blocked — a write error (exit 2): never a cut report.
        #expect(run.status != 0 && run.status != 1)
        #expect(try Data(contentsOf: out) == previous)
    }

    @Test(.enabled(if: fileSizeLimitWorks, "the ThreadSanitizer runtime cannot start under ulimit -f"))
    func aFullDiskLeavesThePreviousReportIntactAndSaysSo() throws {
        let (f, out, previous) = try setUp()
        // With SIGXFSZ ignored, writing past the limit fails like a full disk (EFBIG).
        let run = try DubanProcess.shell("trap '' XFSZ; ulimit -f 1; exec \(checkCommand(f, out))", in: f.inputs)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("duban: error: cannot write \(out.path): "))
        #expect(try Data(contentsOf: out) == previous)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func twoChecksAtOnceEachWriteAWholeReport() throws {
        let (f, out, _) = try setUp()
        let arguments = ["check", f.inputs.path, "--rules", f.rules.path, "--as-of", "2022-07-06", "--format", "json", "--output", out.path]
        let statuses = Locked([Int32]())
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            let status = (try? DubanProcess.run(arguments).status) ?? -1
            statuses.withValue { $0.append(status) }
        }
        #expect(statuses.get() == [1, 1])
        let single = try DubanProcess.run(Array(arguments.dropLast(2)))
        #expect(try String(contentsOf: out, encoding: .utf8) == single.stdout)
    }

    @Test func reportsAreDeterministic() throws {
        let (f, _, _) = try setUp()
        for slug in ["dongcheng", "xicheng", "shengtaihuanjing"] {
            f.submit("\(slug)/2022-06.yaml", "department: \(slug)\nperiod: 2022-06\nsubmitted: 2022-07-05\n")
        }
        let runs = try (0..<3).map { _ in try DubanProcess.run(["check", f.inputs.path, "--rules", f.rules.path, "--as-of", "2022-07-06", "--format", "json"]).stdout }
        #expect(Set(runs).count == 1)
    }
}
