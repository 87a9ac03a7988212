import Foundation
public import DubanYAML

/// Reads status files from files and folders, decodes each, and keeps the latest submission
/// per department and month; the ones it supersedes are listed, never dropped silently.
public enum SubmissionLoader {
    /// A submission replaced by a later one for the same department and month.
    public struct Superseded: Sendable, Hashable {
        public var file: String
        public var department: String
        public var period: YearMonth
        public var submitted: Day
        public var supersededBy: String
    }

    /// Everything read from the inputs.
    public struct Result: Sendable {
        /// The submission that counts for each department and month.
        public var accepted: [Submission] = []
        /// Every readable submission, superseded ones included (for the day a report first arrived).
        public var all: [Submission] = []
        public var superseded: [Superseded] = []
        /// Problems found while reading: `invalid`, `unknown-rule`, `not-assigned` (wrong sender).
        public var violations: [Violation] = []
        public var fileCount = 0
    }

    /// Why an input path cannot be used at all (it does not exist).
    public struct Unusable: Error, CustomStringConvertible {
        public var description: String
    }

    /// `walkFolders: false` takes every path as a file (self-check: a folder named x.yaml is an unreadable file).
    public static func load(paths: [String], set: RuleSet, asOf: Day, walkFolders: Bool = true,
                            limits: YAMLLimits = .submissions) throws(Unusable) -> Result {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            if walkFolders, FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                let prefix = path.hasSuffix("/") ? path : path + "/"
                files += SourceFile.yamlFiles(under: path).map { prefix + $0 }
            } else if FileManager.default.fileExists(atPath: path) || isSymbolicLink(path) {
                files.append(path)
            } else {
                throw Unusable(description: "\(path): no such file or directory")
            }
        }
        var result = Result()
        result.fileCount = files.count
        // Files are read and decoded in parallel; results land in their file's slot, so the
        // outcome does not depend on scheduling.
        let paths = files
        var slots = [(Submission?, [Violation])](repeating: (nil, []), count: paths.count)
        slots.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: paths.count) { i in
                out[i] = decode(file: paths[i], set: set, asOf: asOf, limits: limits)
            }
        }
        for (submission, violations) in slots {
            result.violations += violations
            if let submission { result.all.append(submission) }
        }
        let groups = Dictionary(grouping: result.all) { "\($0.department.slug) \($0.period)" }
        for key in groups.keys.sorted() {
            let ordered = groups[key]!.sorted { ($0.submitted, $0.file) < ($1.submitted, $1.file) }
            let latest = ordered.last!
            result.accepted.append(latest)
            for earlier in ordered.dropLast() {
                result.superseded.append(Superseded(file: earlier.file, department: earlier.department.name, period: earlier.period,
                                                    submitted: earlier.submitted, supersededBy: latest.file))
            }
        }
        return result
    }

    /// Reads, parses and decodes one status file.
    private static func decode(file: String, set: RuleSet, asOf: Day, limits: YAMLLimits) -> (Submission?, [Violation]) {
        let sender = folderSender(of: file, in: set)
        switch SourceFile.parse(path: file, display: file, limits: limits) {
        case .failure(let d):
            let location = Violation.Location(file: file, line: d.line, column: d.column)
            return (nil, [ViolationBuilder(set: set).invalid("报送文件无法读取：\(d.message)", d.message, at: location,
                                                              department: sender?.name, subject: "file")])
        case .success(let root):
            let commented = root == nil && SourceFile.holdsComments(path: file, maxBytes: limits.maxBytes)
            return StatusFileDecoder(set: set, file: file, folderSender: sender, asOf: asOf).decode(root, commented: commented)
        }
    }

    /// The department whose slug names the file's folder (`inputs/<slug>/…`): the file's sender.
    static func folderSender(of file: String, in set: RuleSet) -> Department? {
        let parts = file.split(separator: "/")
        guard parts.count >= 2 else { return nil }
        return set.departments.department(slug: String(parts[parts.count - 2]))
    }

    private static func isSymbolicLink(_ path: String) -> Bool {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
    }
}
