public import Foundation
import DubanYAML

/// Checks ledger files against the rules of 京政办发〔2022〕8号 二（三）and 二（四）(docs/ledgers.md).
///
/// A file is read with `pread` in fixed-size chunks into buffers reused per worker, never mapped
/// or loaded whole, so memory stays flat in the number of rows. Chunks are processed in parallel;
/// a row belongs to the chunk in which it starts; per-chunk findings (with chunk-relative lines)
/// and month totals are merged in chunk order, so the result does not depend on the chunk size
/// or the number of cores.
public struct LedgerChecker: Sendable {
    /// The rules lack what the ledger checks need.
    public struct MissingRules: Error, CustomStringConvertible {
        public var ids: [String]
        public var description: String { "the rules define no \(ids.joined(separator: ", ")); the ledger checks need them" }
    }

    let rules: LedgerRules
    /// Bytes per chunk (default 8 MiB, at most 16 MiB). Tests make it tiny to put rows across chunk boundaries.
    public let chunkSize: Int
    /// A longer line is `invalid` and skipped (default 1 MiB; a ledger row is well under 1 KiB).
    public let maxLineBytes: Int
    /// Chunks processed at once (default: the active processor count).
    public let workers: Int
    /// At most this many findings of one kind are listed per ledger (the first, in file order);
    /// the rest are counted in one more finding of that kind, so a ledger wrong in every row
    /// cannot exhaust memory. Default 10,000.
    public let maxListedPerKind: Int

    public static let defaultChunkSize = 8 << 20
    public static let defaultMaxLineBytes = 1 << 20
    public static let defaultMaxListedPerKind = 10_000
    /// At most this many header columns.
    static let maxColumns = 1024

    public init(set: RuleSet, chunkSize: Int = LedgerChecker.defaultChunkSize, maxLineBytes: Int = LedgerChecker.defaultMaxLineBytes,
                workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                maxListedPerKind: Int = LedgerChecker.defaultMaxListedPerKind) throws(MissingRules) {
        var missing: [String] = []
        guard let rules = LedgerRules(set: set, missing: &missing) else { throw MissingRules(ids: missing) }
        self.rules = rules
        self.chunkSize = max(1, min(chunkSize, 16 << 20))
        self.maxLineBytes = max(64, maxLineBytes)
        self.workers = max(1, workers)
        self.maxListedPerKind = max(1, maxListedPerKind)
    }

    /// The department whose ledgers these are (市医保局).
    public var department: String { rules.department }

    /// Checks one ledger file. `display` names it in findings; `kind` nil infers it from the header.
    /// A file that cannot be opened is one `invalid` finding at `unreadableAt` (default: the file at 1:1,
    /// as an unreadable status file).
    public func check(path: String, display: String? = nil, kind: LedgerKind? = nil,
                      unreadableAt: Violation.Location? = nil) -> LedgerResult {
        let name = display ?? path
        var summary = LedgerSummary(file: name, kind: kind, lines: 0, months: [])
        func unreadable(_ why: Bilingual) -> LedgerResult {
            let message = Bilingual("cannot read ledger \(name): \(why.en)", zh: "无法读取账目 \(name)：\(why.zh ?? why.en)")
            let v = rules.invalid(message, at: unreadableAt ?? Violation.Location(file: name, line: 1, column: 1), period: nil, subject: "file \(name)")
            return LedgerResult(summary: summary, fileViolations: [v], readable: false)
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return unreadable(SourceFile.readFailure(errno: errno).text) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return unreadable(SourceFile.readFailure(errno: errno).text) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            return unreadable((info.st_mode & S_IFMT) == S_IFDIR ? Bilingual("it is a folder, not a ledger file", zh: "这是一个文件夹，不是账目文件")
                                                                 : Bilingual("it is not a regular file", zh: "这不是普通文件"))
        }
        let size = Int(info.st_size)
        let header: LedgerHeader
        switch LedgerHeader.read(fd: fd, size: size, kind: kind, maxLineBytes: maxLineBytes) {
        case .failure(let problem):
            if case .unreadable(let why) = problem { return unreadable(why) }
            let v = rules.invalid(problem.message, at: Violation.Location(file: name, line: 1, column: 1), period: nil,
                                  subject: "header \(problem.message.en)")
            return LedgerResult(summary: summary, fileViolations: [v], readable: false)
        case .success(let h):
            header = h
        }
        summary.kind = header.layout.kind
        let body = size - header.bodyStart
        let chunkCount = body <= 0 ? 0 : (body + chunkSize - 1) / chunkSize
        let claim = ChunkClaim(count: chunkCount)
        let merger = ChunkMerger(rules: rules, file: name, maxListed: maxListedPerKind)
        let context = LedgerChunkScanner.Context(rules: rules, layout: header.layout, file: name, fd: fd, size: size,
                                                 bodyStart: header.bodyStart, chunkSize: chunkSize, maxLineBytes: maxLineBytes,
                                                 maxListed: maxListedPerKind)
        DispatchQueue.concurrentPerform(iterations: min(workers, max(chunkCount, 1))) { _ in
            var scanner = LedgerChunkScanner(context)
            defer { scanner.release() }
            while let index = claim.next() {
                let start = header.bodyStart + index * chunkSize
                merger.add(index, scanner.scan(start: start, end: min(start + chunkSize, size)))
            }
        }
        let merged = merger.finish()
        summary.lines = merged.lines
        summary.months = merged.months
        return LedgerResult(summary: summary, findings: merged.findings, fileViolations: merged.fileViolations, readable: true)
    }
}

/// Joins chunk results in chunk order as soon as they can be: absolute lines, month totals,
/// the first `maxListed` findings of each kind; then one finding per kind for the ones not
/// listed and one `no-standard` warning per month. Chunks finished out of order wait, so
/// memory holds only the chunks ahead of the slowest one.
private final class ChunkMerger: @unchecked Sendable {
    struct Merged {
        var findings: [LedgerFinding] = []
        var fileViolations: [Violation] = []
        var lines = 0
        var months: [LedgerMonthTotal] = []
    }

    private let lock = NSLock()
    private let rules: LedgerRules
    private let file: String
    private let maxListed: Int
    private var waiting: [Int: LedgerChunkResult] = [:]
    private var next = 0
    private var findings: [LedgerFinding] = []
    private var fileViolations: [Violation] = []
    private var line = 2  // the first line after the header
    private var listed: [Violation.Kind: Int] = [:]
    private var unlisted: [Violation.Kind: Int] = [:]
    private var months: [Int32: LedgerChunkResult.Month] = [:]
    private var overflowed = Set<Int32>()

    init(rules: LedgerRules, file: String, maxListed: Int) {
        self.rules = rules
        self.file = file
        self.maxListed = maxListed
    }

    func add(_ index: Int, _ result: LedgerChunkResult) {
        lock.withLock {
            waiting[index] = result
            while let chunk = waiting.removeValue(forKey: next) {
                merge(chunk)
                next += 1
            }
        }
    }

    private func merge(_ chunk: LedgerChunkResult) {
        for var finding in chunk.findings {
            let kind = finding.kind
            let count = listed[kind, default: 0]
            guard count < maxListed else {
                unlisted[kind, default: 0] += 1
                continue
            }
            listed[kind] = count + 1
            finding.line += line
            findings.append(finding)
        }
        for (kind, count) in chunk.unlisted { unlisted[kind, default: 0] += count }
        fileViolations += chunk.fileFindings
        line += chunk.lines
        for (key, m) in chunk.months {
            var total = months[key] ?? LedgerChunkResult.Month()
            total.rows += m.rows
            total.unchecked += m.unchecked
            let (sum, overflow) = total.fen.addingReportingOverflow(m.fen)
            total.fen = sum
            if overflow || m.overflow { overflowed.insert(key) }
            months[key] = total
        }
    }

    func finish() -> Merged {
        lock.withLock {
            var merged = Merged(findings: findings, fileViolations: fileViolations, lines: line - 2)
            for kind in Violation.Kind.allCases {
                guard let count = unlisted[kind] else { continue }
                merged.fileViolations.append(rules.unlisted(kind, count: count, listed: maxListed, file: file))
            }
            for key in months.keys.sorted() {
                let m = months[key]!
                let month = LedgerFields.yearMonth(key)
                merged.months.append(LedgerMonthTotal(month: month, rows: m.rows, fen: m.fen))
                if overflowed.contains(key) {
                    merged.fileViolations.append(rules.invalid(Bilingual("the total of \(month) exceeds what duban adds exactly (9.2 × 10^16 yuan)",
                                                                         zh: "\(month) 的合计超出 duban 能精确相加的范围（9.2 × 10^16 元）"),
                                                           at: Violation.Location(file: file), period: month, subject: "overflow \(month)"))
                }
                if m.unchecked > 0 { merged.fileViolations.append(rules.noStandard(file: file, month: month, rows: m.unchecked)) }
            }
            return merged
        }
    }
}

/// Hands out chunk indices to the workers in order.
private final class ChunkClaim: @unchecked Sendable {
    private var nextIndex = 0
    private let count: Int
    private let lock = NSLock()

    init(count: Int) { self.count = count }

    func next() -> Int? {
        lock.withLock {
            guard nextIndex < count else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }
    }
}

/// Which field of a row holds each required column.
struct LedgerLayout: Sendable {
    let kind: LedgerKind
    /// Fields every row must have (the header's).
    let fieldCount: Int
    /// Field index of each of `kind.columns`, in that order.
    let index: [Int]
}

/// The header line: the layout it defines and where the rows begin.
struct LedgerHeader {
    enum Problem: Error {
        case unreadable(Bilingual)
        case bad(Bilingual)

        var message: Bilingual {
            switch self {
            case .unreadable(let why), .bad(let why): return why
            }
        }
    }

    let layout: LedgerLayout
    let bodyStart: Int

    static func read(fd: Int32, size: Int, kind: LedgerKind?, maxLineBytes: Int) -> Result<LedgerHeader, Problem> {
        if size == 0 {
            return .failure(.bad(Bilingual("the file is empty; a ledger begins with a header row naming its columns",
                                           zh: "文件为空；账目应以列出各列名称的表头行开始")))
        }
        let want = min(size, maxLineBytes + 4)
        var bytes = [UInt8](repeating: 0, count: want)
        let got = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, want, 0) }
        guard got >= 0 else { return .failure(.unreadable(SourceFile.readFailure(errno: errno).text)) }
        bytes.removeLast(want - got)
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return .failure(.bad(Bilingual("the file is UTF-16; ledgers are UTF-8", zh: "文件是 UTF-16 编码；账目应为 UTF-8 编码")))
        }
        let newline = bytes[start...].firstIndex(of: 10)
        let tooLong = Bilingual("the header line is longer than \(maxLineBytes) bytes", zh: "表头行超过 \(maxLineBytes) 字节")
        guard newline != nil || got == size else { return .failure(.bad(tooLong)) }
        var end = newline ?? bytes.count
        let bodyStart = newline.map { $0 + 1 } ?? bytes.count
        if end > start, bytes[end - 1] == 13 { end -= 1 }
        guard end - start <= maxLineBytes else { return .failure(.bad(tooLong)) }
        guard let names = splitHeader(Array(bytes[start..<end])) else {
            return .failure(.bad(Bilingual("the header row is not valid CSV (RFC 4180 quoting, UTF-8, at most \(LedgerChecker.maxColumns) columns)",
                                           zh: "表头行不是有效的 CSV（应按 RFC 4180 加引号、UTF-8 编码、至多 \(LedgerChecker.maxColumns) 列）")))
        }
        var positions: [String: [Int]] = [:]
        for (i, name) in names.enumerated() { positions[name, default: []].append(i) }
        let candidates = kind.map { [$0] } ?? LedgerKind.allCases.filter { k in k.columns.allSatisfy { positions[$0] != nil } }
        guard candidates.count == 1, let chosen = candidates.first else {
            let known = LedgerKind.allCases.map { "\($0.rawValue): \($0.columns.joined(separator: ", "))" }.joined(separator: "; ")
            let knownZH = LedgerKind.allCases.map { "\($0.rawValue) 的列为 \($0.columns.joined(separator: "、"))" }.joined(separator: "；")
            return .failure(.bad(Bilingual("the header names neither ledger's columns, so its kind is unknown (\(known)); or give --kind",
                                           zh: "表头既不是计入账目的列，也不是支出账目的列，无法判断账目类型（\(knownZH)）；也可用 --kind 指定")))
        }
        let missing = chosen.columns.filter { positions[$0] == nil }
        if !missing.isEmpty {
            return .failure(.bad(Bilingual(
                "the header of this \(chosen.rawValue) ledger lacks the column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", "))",
                zh: "这份 \(chosen.rawValue) 账目的表头缺少列 \(missing.joined(separator: "、"))")))
        }
        if let twice = chosen.columns.first(where: { positions[$0]!.count > 1 }) {
            return .failure(.bad(Bilingual("the header names the column \(twice) more than once", zh: "表头中列 \(twice) 出现了不止一次")))
        }
        let layout = LedgerLayout(kind: chosen, fieldCount: names.count, index: chosen.columns.map { positions[$0]![0] })
        return .success(LedgerHeader(layout: layout, bodyStart: bodyStart))
    }

    /// The header's names: RFC 4180 fields of one line, valid UTF-8; nil when it is not.
    static func splitHeader(_ line: [UInt8]) -> [String]? {
        var names: [String] = []
        var i = 0
        while true {
            var field: [UInt8] = []
            if i < line.count, line[i] == 34 {
                i += 1
                while true {
                    guard i < line.count else { return nil }
                    if line[i] == 34 {
                        if i + 1 < line.count, line[i + 1] == 34 { field.append(34); i += 2; continue }
                        i += 1
                        break
                    }
                    field.append(line[i])
                    i += 1
                }
                if i < line.count, line[i] != 44 { return nil }
            } else {
                while i < line.count, line[i] != 44 {
                    if line[i] == 34 { return nil }
                    field.append(line[i])
                    i += 1
                }
            }
            guard let name = String(validating: field, as: UTF8.self) else { return nil }
            names.append(name)
            if names.count > LedgerChecker.maxColumns { return nil }
            if i >= line.count { return names }
            i += 1
        }
    }
}
