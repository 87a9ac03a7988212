public import Foundation

/// Paths and scratch folders shared by the test targets.
public enum TestPaths {
    /// The package root, found from this file's location.
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    public static var rules: URL { packageRoot.appendingPathComponent("rules") }

    /// The project's copy of the Gazette text.
    public static var sourceText: URL { rules.appendingPathComponent("source/gazette-2022-17.txt") }

    /// A new empty directory under the system temporary directory.
    public static func scratchDirectory(_ name: String = "duban-test") -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(name)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `contents` to a file named by bytes, which need not be UTF-8 (no `String` holds such a
    /// name), making the folders on its way; `parts` are joined by `/` below `folder`.
    public static func write(_ contents: [UInt8], in folder: URL, named parts: [[UInt8]]) throws {
        var path = Array(folder.path.utf8)
        for (i, part) in parts.enumerated() {
            path += [UInt8(ascii: "/")] + part
            let done = withCPath(path) { i == parts.count - 1 ? writeFile($0, contents) : (mkdir($0, 0o755) == 0 || errno == EEXIST) }
            guard done else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))]) }
        }
    }

    private static func withCPath<T>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        (bytes + [0]).withUnsafeBufferPointer { body(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self)) }
    }

    private static func writeFile(_ path: UnsafePointer<CChar>, _ contents: [UInt8]) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return contents.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) } == contents.count
    }
}

/// A small but complete rules directory written to a scratch folder, with one file
/// replaceable per test, so that each defect can be planted alone.
public struct RulesFixture {
    public let root: URL

    public static let documents = """
    documents:
      - key: pollution
        number: 京政办发〔2022〕6号
        title: 行动计划的通知
        en: Action plan
        issued: 2022-02-21
        year: 2022

    """

    public static let departments = """
    departments:
      - name: 市生态环境局
        en: Ecology and Environment Bureau
        slug: shengtaihuanjing
        type: municipal
        variants: [北京市生态环境局]
      - name: 市水务局
        en: Water Authority
        slug: shuiwu
        type: municipal
      - name: 东城区政府
        en: Dongcheng District Government
        slug: dongcheng
        type: district
    groups:
      - name: 各区政府
        en: All districts
        slug: all-districts
        members: [dongcheng]
      - name: 相关区政府
        en: Districts concerned
        slug: relevant-districts

    """

    public static let metrics = """
    metrics:
      - id: forest_coverage_pct
        name: 森林覆盖率
        en: Forest coverage
        unit: "%"
        better: higher
        aggregation: level

    """

    public static let calendar = """
    year: 2022
    source: 国办发明电〔2021〕11号
    holidays:
      - name: 劳动节
        from: 2022-04-30
        to: 2022-05-04
    workdays:
      - date: 2022-05-07
        for: 劳动节

    """

    /// A valid climate rule file; tests replace it to plant defects.
    public static let climate = """
    document: pollution
    annex: 1
    section: climate
    rules:
      - id: pollution.climate.17.1
        kind: deadline
        citation:
          item: 17
          measure: 1
          quote: 全市森林覆盖率达到44.8%。
        roles:
          lead: [市生态环境局]
          responsible: [各区政府]
        deadline:
          phrase: 年底前
        targets:
          - metric: forest_coverage_pct
            op: ">="
            value: 44.8
            scope: city

    """

    /// Writes the fixture; `files` adds or replaces files by relative path (raw bytes).
    public init(replacing files: [String: [UInt8]] = [:]) {
        root = TestPaths.scratchDirectory("duban-rules")
        var all: [String: [UInt8]] = [
            "documents.yaml": Array(Self.documents.utf8),
            "departments.yaml": Array(Self.departments.utf8),
            "metrics/core.yaml": Array(Self.metrics.utf8),
            "calendar/2022.yaml": Array(Self.calendar.utf8),
            "pollution/climate.yaml": Array(Self.climate.utf8),
        ]
        for (path, bytes) in files { all[path] = bytes }
        for (path, bytes) in all {
            let url = root.appendingPathComponent(path)
            try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try! Data(bytes).write(to: url)
        }
    }

    public init(climate text: String) {
        self.init(replacing: ["pollution/climate.yaml": Array(text.utf8)])
    }

    public var path: String { root.path }
}

/// Runs the built `duban` binary as a separate process, as users and CI do.
public enum DubanProcess {
    /// What a run printed and how it ended.
    public struct Outcome: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The binary built next to the test bundle.
    public static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("duban")
    }

    /// The sanitizer the binary was built with, as `make sanitize` says in `DUBAN_TEST_SANITIZER`
    /// (`address`, `thread`); nil for a plain build.
    public static let sanitizer = ProcessInfo.processInfo.environment["DUBAN_TEST_SANITIZER"]

    /// How much longer than `timeout` a run may take: `DUBAN_TEST_TIMEOUT_SCALE` (default 1), which
    /// `make sanitize` raises because the sanitized binary is several times slower.
    static let timeoutScale: TimeInterval = {
        guard let text = ProcessInfo.processInfo.environment["DUBAN_TEST_TIMEOUT_SCALE"], let scale = TimeInterval(text), scale >= 1 else { return 1 }
        return scale
    }()

    /// Runs `duban` with arguments in a directory; a run that outlasts `timeout` seconds is killed (status -1).
    public static func run(_ arguments: [String], in directory: URL = TestPaths.packageRoot, timeout: TimeInterval = 20) throws -> Outcome {
        try launch(executable, arguments, in: directory, environment: nil, timeout: timeout)
    }

    /// Runs a shell command line (for resource limits such as `ulimit -f`) with `duban` as `$DUBAN`.
    public static func shell(_ script: String, in directory: URL, timeout: TimeInterval = 20) throws -> Outcome {
        var environment = ProcessInfo.processInfo.environment
        environment["DUBAN"] = executable.path
        return try launch(URL(fileURLWithPath: "/bin/sh"), ["-c", script], in: directory, environment: environment, timeout: timeout)
    }

    private static func launch(_ program: URL, _ arguments: [String], in directory: URL, environment: [String: String]?,
                               timeout: TimeInterval) throws -> Outcome {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let deadline = Date().addingTimeInterval(timeout * timeoutScale)
        // Drain both pipes while waiting, so a large report cannot block the child.
        let outData = Locked(Data()), errData = Locked(Data())
        let group = DispatchGroup()
        for (pipe, sink) in [(out, outData), (err, errData)] {
            group.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                sink.set(data)
                group.leave()
            }
        }
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            group.wait()
            return Outcome(status: -1, stdout: String(decoding: outData.get(), as: UTF8.self), stderr: "timed out")
        }
        process.waitUntilExit()
        group.wait()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: outData.get(), as: UTF8.self),
                       stderr: String(decoding: errData.get(), as: UTF8.self))
    }
}

/// A value shared between threads behind a lock.
public final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    public init(_ value: Value) { self.value = value }

    public func get() -> Value { lock.withLock { value } }
    public func set(_ newValue: Value) { lock.withLock { value = newValue } }
    public func withValue(_ body: (inout Value) -> Void) { lock.withLock { body(&value) } }
}
