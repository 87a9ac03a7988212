import Foundation
public import DubanYAML

/// Reads status files from files and folders, decodes each, and keeps the latest submission
/// per department and month; the ones it supersedes are listed, never dropped silently.
///
/// Memory grows with the department-months, not with the files: each file is folded into the
/// latest submission per department and month as soon as the files before it are; of a
/// superseded submission only what the report needs is kept.
public enum SubmissionLoader {
    /// A submission replaced by a later one for the same department and month.
    public struct Superseded: Sendable, Hashable {
        public var file: String
        public var department: String
        public var period: YearMonth
        public var submitted: Day
        public var supersededBy: String
    }

    /// When a department's report on a month first arrived, superseded submissions included
    /// (a late first report stays late whatever follows it).
    public struct Arrival: Sendable {
        public var file: String
        public var submitted: Day
        /// Where the `department:` key of that file stands.
        public var location: Violation.Location
    }

    /// A department and a month: the unit of supersession.
    public struct Slot: Sendable, Hashable {
        public var department: Department
        public var period: YearMonth
    }

    /// Everything read from the inputs.
    public struct Result: Sendable {
        /// The submission that counts for each department and month.
        public var accepted: [Submission] = []
        /// The first arrival of each department's report on each month.
        public var arrivals: [Slot: Arrival] = [:]
        public var superseded: [Superseded] = []
        /// Problems found while reading: `invalid`, `unknown-rule`, `not-assigned` (wrong sender).
        public var violations: [Violation] = []
        public var fileCount = 0
    }

    /// A status file to read, as `files(in:)` lists it.
    public struct Input: Sendable {
        /// The path, and why it cannot be read at all where the listing found that already.
        private let entry: SourceFile.Listed
        /// Where, among the `/`-separated parts of `path`, the folders that may name the sender
        /// begin: at the folder a walk started at, or at a file's own folder.
        let sendersFrom: Int32

        public var path: String { entry.path }
        public var failure: ReadFailure? { entry.failure }

        /// A file named alone: its own folder may name its sender.
        public init(file path: String) {
            let folder = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(path[..<$0]) } ?? ""
            self.init(SourceFile.Listed(path: path), sendersFrom: Self.sendersFrom(walking: folder))
        }

        /// A file a walk found, whose path starts with the walked folder: every folder from that
        /// one down may name its sender (`sendersFrom(walking:)`).
        init(_ listed: SourceFile.Listed, sendersFrom: Int32) {
            entry = listed
            self.sendersFrom = sendersFrom
        }

        /// Where the folders that may name the sender of a file found by a walk of `folder` begin:
        /// at `folder`'s own name (the last of its parts, trailing slashes aside).
        static func sendersFrom(walking folder: String) -> Int32 {
            var root = Substring(folder)
            while root.utf8.count > 1, root.hasSuffix("/") { root.removeLast() }
            return Int32(root.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).count - 1)
        }
    }

    /// Why an input path cannot be used at all (it does not exist).
    public struct Unusable: Error, CustomStringConvertible {
        public var description: String
    }

    /// `load(files:…)` of the files `paths` name (`files(in:walkFolders:)`).
    public static func load(paths: [String], set: RuleSet, asOf: Day, walkFolders: Bool = true,
                            limits: YAMLLimits = .submissions) throws(Unusable) -> Result {
        load(files: try files(in: paths, walkFolders: walkFolders), set: set, asOf: asOf, limits: limits)
    }

    /// The status files that `paths` name: a file as it is given, a folder's `.yaml`/`.yml` files
    /// (walked recursively, in name order, with what the walk could not look into). `walkFolders:
    /// false` takes every path as a file (self-check: a folder named x.yaml is an unreadable file).
    /// Needs no rules, so a check lists its inputs while the rules load.
    public static func files(in paths: [String], walkFolders: Bool = true) throws(Unusable) -> [Input] {
        var files: [Input] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            if walkFolders, FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                let prefix = path.hasSuffix("/") ? path : path + "/"
                let sendersFrom = Input.sendersFrom(walking: path)
                files += SourceFile.yamlFiles(under: path, startingWith: prefix).map { Input($0, sendersFrom: sendersFrom) }
            } else if FileManager.default.fileExists(atPath: path) || isSymbolicLink(path) {
                files.append(Input(file: path))
            } else {
                throw Unusable(description: "\(path): no such file or directory")
            }
        }
        return files
    }

    /// Reads and decodes `files`, and keeps the latest submission per department and month.
    public static func load(files: [Input], set: RuleSet, asOf: Day, limits: YAMLLimits = .submissions) -> Result {
        load(files: files, set: set, asOf: asOf, limits: limits, beside: {}).0
    }

    /// `load(files:…)`, and meanwhile `beside`, work that needs nothing of the files (a check
    /// builds its evaluator so): one more task among the files', on cores busy already, where a
    /// thread of its own would hold the files' second thread back until it is done.
    public static func load<Beside: Sendable>(files: [Input], set: RuleSet, asOf: Day, limits: YAMLLimits = .submissions,
                                              beside: @Sendable () -> Beside) -> (Result, Beside) {
        let folding = Folding(fileCount: files.count)
        // Written by the task that runs it, read once all are done.
        nonisolated(unsafe) var besideResult: Beside?
        // Files are read and decoded in parallel, all in one round: the threads never wait for
        // each other between files. Each file is folded in file order, as soon as the files before
        // it are, so the outcome does not depend on scheduling and only the files decoded ahead
        // of the others are held.
        DispatchQueue.concurrentPerform(iterations: files.count + 1) { i in
            if i == 0 {
                besideResult = beside()
            } else {
                folding.add(decode(file: files[i - 1], set: set, asOf: asOf, limits: limits), at: i - 1)
            }
        }
        return (folding.finished(), besideResult!)
    }

    /// The files decoded so far, folded in file order: violations in file order, the first
    /// arrival and the submissions of each department and month.
    final class Folding: @unchecked Sendable {
        typealias Decoded = (Submission?, [Violation])
        private var result = Result()
        private var slots: [Slot: SlotState] = [:]
        /// Under `lock`: decoded files that wait for a file before them, by position; the position
        /// to fold next; whether a thread is folding (only that one touches `result` and `slots`).
        private var waiting: [Int: Decoded] = [:]
        private var next = 0
        private var isFolding = false
        private let lock = NSLock()

        init(fileCount: Int) {
            result.fileCount = fileCount
        }

        /// Takes the decoded file at `position`. The files that are next in file order are folded
        /// by the thread that finds no other folding, outside the lock: the others only leave
        /// their file, and never wait for a fold. Called from any thread.
        func add(_ decoded: Decoded, at position: Int) {
            lock.lock()
            waiting[position] = decoded
            guard !isFolding else {
                lock.unlock()
                return
            }
            isFolding = true
            while true {
                var ready: [Decoded] = []
                while let file = waiting.removeValue(forKey: next) {
                    ready.append(file)
                    next += 1
                }
                guard !ready.isEmpty else { break }
                lock.unlock()
                ready.forEach(fold)
                lock.lock()
            }
            isFolding = false
            lock.unlock()
        }

        private func fold(_ decoded: Decoded) {
            let (submission, violations) = decoded
            result.violations += violations
            guard let submission else { return }
            let slot = Slot(department: submission.department, period: submission.period)
            let arrival = Arrival(file: submission.file, submitted: submission.submitted, location: submission.location)
            if let first = result.arrivals[slot], (first.submitted, first.file) <= (arrival.submitted, arrival.file) {
                // An earlier arrival is already known.
            } else {
                result.arrivals[slot] = arrival
            }
            slots[slot, default: SlotState()].add(submission)
        }

        /// The result: the latest submission of each department and month, in slug and month
        /// order, and the ones they supersede.
        func finished() -> Result {
            // Each department's place in slug order, then the month; the positions are sorted,
            // not the slots, which are large to move.
            let rank = Dictionary(uniqueKeysWithValues: Set(slots.keys.map(\.department)).sorted { $0.slug < $1.slug }
                .enumerated().map { ($1.index, $0) })
            let unordered = Array(slots)
            let sortKeys = unordered.map { (rank[$0.key.department.index]!, $0.key.period) }
            let ordered = unordered.indices.sorted { sortKeys[$0] < sortKeys[$1] }.map { unordered[$0] }
            // Made at their full size at once: a list grown by doubling holds its old copy and its
            // new one at the same time (about 15 MB for the superseded of 100,000 files).
            result.accepted.reserveCapacity(ordered.count)
            result.superseded.reserveCapacity(ordered.reduce(0) { $0 + $1.value.earlier.count })
            for (_, state) in ordered {
                guard let latest = state.latest else { continue }
                result.accepted.append(latest)
                for earlier in state.earlier.sorted(by: { ($0.submitted, $0.file) < ($1.submitted, $1.file) }) {
                    result.superseded.append(Superseded(file: earlier.file, department: latest.department.name, period: latest.period,
                                                        submitted: earlier.submitted, supersededBy: latest.file))
                }
            }
            return result
        }
    }

    /// The submissions of one department and month read so far: the latest in full, the others
    /// as the file and the day they were handed in.
    private struct SlotState {
        var latest: Submission?
        var earlier: [(file: String, submitted: Day)] = []

        mutating func add(_ s: Submission) {
            guard let current = latest else {
                latest = s
                return
            }
            if (current.submitted, current.file) < (s.submitted, s.file) {
                earlier.append((current.file, current.submitted))
                latest = s
            } else {
                earlier.append((s.file, s.submitted))
            }
        }
    }

    /// Reads, parses and decodes one listed status file (what the listing could not read is an
    /// unreadable file): straight from its events where it is clean (`StatusFileEventDecoder`),
    /// else through a document, which explains every problem.
    static func decode(file input: Input, set: RuleSet, asOf: Day, limits: YAMLLimits = .submissions) -> (Submission?, [Violation]) {
        let file = input.path, sender = folderSender(of: input, in: set)
        switch input.failure.map { .failure($0) } ?? SourceFile.read(path: file, maxBytes: limits.maxBytes) {
        case .failure(let failure):
            return unreadable(failure.diagnostic(file: file), sender: sender, set: set)
        case .success(let bytes):
            if let submission = StatusFileEventDecoder(set: set, file: file, folderSender: sender, asOf: asOf).decode(bytes, limits: limits) {
                return (submission, [])
            }
            return decodeDocument(bytes, file: file, sender: sender, set: set, asOf: asOf, limits: limits)
        }
    }

    /// One file's bytes read both ways: from the events alone (nil where they give up) and through
    /// the document alone. Whatever the events give, the document must give too, with no finding;
    /// the tests and the `status` fuzz target hold the two to that.
    public static func bothReadings(of bytes: [UInt8], file: String, set: RuleSet, asOf: Day, limits: YAMLLimits = .submissions)
        -> (events: Submission?, document: (Submission?, [Violation])) {
        let sender = folderSender(of: Input(file: file), in: set)
        return (StatusFileEventDecoder(set: set, file: file, folderSender: sender, asOf: asOf).decode(bytes, limits: limits),
                decodeDocument(bytes, file: file, sender: sender, set: set, asOf: asOf, limits: limits))
    }

    private static func decodeDocument(_ bytes: [UInt8], file: String, sender: Department?, set: RuleSet, asOf: Day,
                                       limits: YAMLLimits) -> (Submission?, [Violation]) {
        switch SourceFile.parse(bytes, display: file, limits: limits) {
        case .failure(let d):
            return unreadable(d, sender: sender, set: set)
        case .success(let root):
            let commented = root == nil && SourceFile.holdsComments(bytes)
            return StatusFileDecoder(set: set, file: file, folderSender: sender, asOf: asOf).decode(root, commented: commented)
        }
    }

    private static func unreadable(_ d: Diagnostic, sender: Department?, set: RuleSet) -> (Submission?, [Violation]) {
        let location = Violation.Location(file: d.file, line: d.line, column: d.column)
        return (nil, [ViolationBuilder(set: set).invalid("报送文件无法读取：\(d.zh ?? d.message)", d.message, at: location,
                                                          department: sender?.name, subject: "file")])
    }

    /// The department whose slug names a folder of the file (`inputs/<slug>/…`): the file's
    /// sender. The outermost such folder from where the senders begin counts, so that a folder
    /// named for another unit inside a department's own does not let it report in that name.
    static func folderSender(of input: Input, in set: RuleSet) -> Department? {
        let path = input.path
        var start = path.startIndex, part: Int32 = 0
        // Each folder is the text before a `/`; what follows the last one is the file's name.
        while let slash = path.utf8[start...].firstIndex(of: UInt8(ascii: "/")) {
            if part >= input.sendersFrom, slash > start, let department = set.departments.department(slug: String(path[start..<slash])) {
                return department
            }
            start = path.utf8.index(after: slash)
            part += 1
        }
        return nil
    }

    private static func isSymbolicLink(_ path: String) -> Bool {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
    }
}
