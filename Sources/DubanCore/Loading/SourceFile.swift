import Foundation
public import DubanYAML

/// Reads one YAML file from disk and parses it, turning every failure into diagnostics.
public enum SourceFile {
    /// The parsed root (nil for an empty file), or the diagnostics that stopped parsing.
    public static func parse(path: String, display: String, limits: YAMLLimits) -> Result<Node?, Diagnostic> {
        switch read(path: path, maxBytes: limits.maxBytes) {
        case .success(let bytes): return parse(bytes, display: display, limits: limits)
        case .failure(let failure): return .failure(failure.diagnostic(file: display))
        }
    }

    /// `parse(path:…)` of bytes already read.
    public static func parse(_ bytes: [UInt8], display: String, limits: YAMLLimits) -> Result<Node?, Diagnostic> {
        do throws(YAMLError) {
            return .success(try YAMLParser.parse(bytes, limits: limits))
        } catch {
            return .failure(Diagnostic(file: display, line: error.mark.line, column: error.mark.column, message: error.message, zh: error.zh))
        }
    }

    /// Whether a file that parsed to no document holds comments, so that it is not called empty.
    /// (Such a file holds only white space and comments: any `#` in it starts a comment.)
    public static func holdsComments(_ bytes: [UInt8]) -> Bool {
        bytes.contains(UInt8(ascii: "#"))
    }

    /// The file's bytes, refusing what is not a regular file or is too large, without reading it first.
    public static func read(path: String, maxBytes: Int) -> Result<[UInt8], ReadFailure> {
        // Opened first and examined through the descriptor: one lookup of the path, not two (a
        // check reads thousands of files). What cannot be opened is examined by its path, for the message.
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { return .failure(unopenable(path, error: errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(readFailure(errno: errno)) }
        if let failure = unreadable(type: info.st_mode) { return .failure(failure) }
        if Int(info.st_size) > maxBytes {
            return .failure(ReadFailure("file is \(info.st_size) bytes, larger than the limit of \(maxBytes) bytes",
                                        zh: "文件大小为 \(info.st_size) 字节，超过上限 \(maxBytes) 字节"))
        }
        // Read straight into a buffer of the size stat gave, plus a byte to see the end (not
        // zeroed first: every file would be written twice); a file that grows while it is read
        // gets more room.
        var code: Int32 = 0
        var room = Int(info.st_size) + 1
        var bytes = [UInt8](unsafeUninitializedCapacity: room) { buffer, count in
            count = fill(buffer, from: fd, error: &code)
        }
        var full = bytes.count == room
        while code == 0, full, bytes.count <= maxBytes {
            room = max(bytes.count, 4096)
            let more = [UInt8](unsafeUninitializedCapacity: room) { buffer, count in
                count = fill(buffer, from: fd, error: &code)
            }
            bytes += more
            full = more.count == room
        }
        if code != 0 { return .failure(readFailure(errno: code)) }
        if bytes.count > maxBytes {
            return .failure(ReadFailure("file is larger than the limit of \(maxBytes) bytes", zh: "文件超过上限 \(maxBytes) 字节"))
        }
        return .success(bytes)
    }

    /// Reads from `fd` until `buffer` is full or the file ends; the bytes read, and `error` set on a failure.
    private static func fill(_ buffer: UnsafeMutableBufferPointer<UInt8>, from fd: Int32, error: inout Int32) -> Int {
        var filled = 0
        while filled < buffer.count {
            let n = Foundation.read(fd, buffer.baseAddress! + filled, buffer.count - filled)
            if n < 0 {
                error = errno
                return filled
            }
            if n == 0 { break }
            filled += n
        }
        return filled
    }

    /// Why a path that `open` refused (with `error`) cannot be read: what is, or is not, there.
    private static func unopenable(_ path: String, error: Int32) -> ReadFailure {
        var info = stat()
        if stat(path, &info) != 0 {
            let code = errno
            if code == ENOENT, let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
                return ReadFailure("symbolic link to '\(target)', which does not exist", zh: "符号链接指向“\(target)”，而该文件不存在")
            }
            return readFailure(errno: code)
        }
        return unreadable(type: info.st_mode) ?? readFailure(errno: error)
    }

    /// Why a file of this type (`st_mode`) is not read: anything but a regular file.
    private static func unreadable(type mode: mode_t) -> ReadFailure? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: ReadFailure("is a directory, not a file", zh: "这是一个目录，不是文件")
        default: ReadFailure("is not a regular file", zh: "这不是普通文件")
        }
    }

    static func readFailure(errno code: Int32) -> ReadFailure {
        switch code {
        case ENOENT: return ReadFailure("no such file", zh: "文件不存在")
        case EACCES: return ReadFailure("permission denied: the file cannot be read", zh: "没有权限：无法读取该文件")
        case ELOOP: return ReadFailure("symbolic link loop: the path never reaches a file", zh: "符号链接循环：顺着路径始终找不到文件")
        case EISDIR: return ReadFailure("is a directory, not a file", zh: "这是一个目录，不是文件")
        default:
            // The system's words are English (the C locale); the Chinese says what happened and keeps them.
            let reason = String(cString: strerror(code))
            return ReadFailure("cannot be read: \(reason)", zh: "无法读取（系统报告：\(reason)）")
        }
    }

    /// A `.yaml`/`.yml` file a folder walk found, or what the walk could not look into: a folder
    /// it cannot open, a path that is not UTF-8 or holds a control character (shown escaped,
    /// `FileNames`). Those carry their `failure`, and are reported like a file that cannot be
    /// read, never dropped.
    public struct Listed: Sendable {
        /// The path below the walk's folder, after the walk's `start`: a folder that cannot be
        /// opened ends in `/`, and the walk's own folder is `start` alone.
        public var path: String
        /// Held by reference: few entries have one, and a list of 100,000 stays 24 bytes an entry.
        private let unreadable: Unreadable?

        public var failure: ReadFailure? { unreadable?.failure }

        public init(path: String, failure: ReadFailure? = nil) {
            self.path = path
            self.unreadable = failure.map(Unreadable.init)
        }

        private final class Unreadable: Sendable {
            let failure: ReadFailure
            init(_ failure: ReadFailure) { self.failure = failure }
        }
    }

    /// Every `.yaml`/`.yml` file (in any case) below a directory, as paths relative to it with
    /// `start` before them (a check puts its folder there: each path is made once), sorted.
    /// Hidden entries (and what they hold) are skipped. A symbolic link is listed as a file when
    /// its name says YAML; a link to a folder is not walked (it could lead anywhere, or back up
    /// into a loop) but listed with its failure, so that what it holds is not left out unsaid.
    public static func yamlFiles(under directory: String, startingWith start: String = "") -> [Listed] {
        var found: [Listed] = []
        walk(Array(directory.utf8), relative: [], start: start, into: &found)
        found.sort { $0.path < $1.path }
        return found
    }

    /// `yamlFiles` of one directory, named relative to the walk's start: read with readdir,
    /// which costs a small part of what FileManager's enumerator does (it rebuilds every path).
    /// Names are taken as the bytes they are: one that is not UTF-8 is still walked and listed.
    private static func walk(_ directory: [UInt8], relative prefix: [UInt8], start: String, into found: inout [Listed]) {
        guard let handle = withCString(directory, opendir) else {
            found.append(listed(start, prefix, failure: unlistable(errno: errno)))
            return
        }
        defer { closedir(handle) }
        let slash = UInt8(ascii: "/")
        while let entry = readdir(handle) {
            // The name's bytes where readdir left them, until the next call: not copied for each file.
            let bytes = UnsafeRawPointer(entry).advanced(by: nameOffset)
            let name = UnsafeBufferPointer(start: bytes.assumingMemoryBound(to: UInt8.self), count: strlen(bytes.assumingMemoryBound(to: CChar.self)))
            // Also skips `.` and `..`.
            if name.first == UInt8(ascii: ".") { continue }
            if isYAML(name) { found.append(listed(start, prefix, name)) }
            // A plain file is nothing more to the walk; anything else may be a folder, or a link to one.
            if Int(entry.pointee.d_type) == Int(DT_REG) { continue }
            let path = (directory.last == slash ? directory : directory + [slash]) + name
            switch kind(entry.pointee.d_type, path) {
            case .folder: walk(path, relative: prefix + name + [slash], start: start, into: &found)
            case .linkToFolder: found.append(listed(start, prefix + name + [slash], failure: linkToFolder))
            case .other: break
            }
        }
    }

    /// Where a directory entry's name begins.
    private static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!

    private enum EntryKind { case folder, linkToFolder, other }

    /// What a directory entry that is not a plain file is, as far as the walk cares; the file
    /// system is asked only about links and entries of unknown type.
    private static func kind(_ type: UInt8, _ path: [UInt8]) -> EntryKind {
        var status = stat()
        switch Int(type) {
        case Int(DT_DIR): return .folder
        case Int(DT_LNK): break
        case Int(DT_UNKNOWN):
            guard withCString(path, { lstat($0, &status) }) == 0 else { return .other }
            if status.st_mode & S_IFMT == S_IFDIR { return .folder }
            guard status.st_mode & S_IFMT == S_IFLNK else { return .other }
        default: return .other
        }
        return withCString(path, { stat($0, &status) }) == 0 && status.st_mode & S_IFMT == S_IFDIR ? .linkToFolder : .other
    }

    /// Whether a name ends in `.yaml` or `.yml`, in any case (a Windows system may write `.YAML`).
    private static func isYAML(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        let same = { (byte: UInt8, lower: UInt8) in byte == lower || (lower >= UInt8(ascii: "a") && byte == lower - 0x20) }
        return name.suffix(5).elementsEqual(".yaml".utf8, by: same) || name.suffix(4).elementsEqual(".yml".utf8, by: same)
    }

    /// A found path (`folder` and `name` below the walk's start) as text, `start` before it. Most
    /// are printable ASCII, made into their text straight from their bytes; any other is read by
    /// `FileNames`: one that is not UTF-8 cannot be opened by its text, and one with a control
    /// character would print as something else in a report, so both fail.
    private static func listed(_ start: String, _ folder: [UInt8], _ name: UnsafeBufferPointer<UInt8> = .init(start: nil, count: 0),
                               failure: ReadFailure? = nil) -> Listed {
        let printable = { (byte: UInt8) in (0x20..<0x7F).contains(byte) }
        if failure == nil, folder.allSatisfy(printable), name.allSatisfy(printable) {
            return Listed(path: String(unsafeUninitializedCapacity: start.utf8.count + folder.count + name.count) { text in
                var end = text.initialize(fromContentsOf: start.utf8)
                end = text[end...].initialize(fromContentsOf: folder)
                return text[end...].initialize(fromContentsOf: name)
            })
        }
        let text = FileNames.text(of: folder + name)
        return Listed(path: start + text.text, failure: failure ?? text.problem.map(unnamed))
    }

    /// `body` of the bytes as a C string.
    private static func withCString<T>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        (bytes + [0]).withUnsafeBufferPointer { body(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self)) }
    }

    /// Why a path whose name cannot be shown as it is is not read.
    private static func unnamed(_ problem: FileNames.Problem) -> ReadFailure {
        switch problem {
        case .controlCharacter:
            ReadFailure("the path holds a control character (shown as \\u{NNNN}), which would print as something else: rename the file or its folder",
                        zh: "路径中含有控制字符（显示为 \\u{NNNN}），打印出来会变成别的样子：请重命名该文件或其所在目录")
        case .notUTF8(looksGBK: true):
            ReadFailure("the path is not UTF-8 (its stray bytes are shown as \\xNN); it looks GBK-encoded, as names from a Chinese Windows system are: rename the file or its folder",
                        zh: "路径不是 UTF-8 编码（无法识别的字节显示为 \\xNN）；似乎是 GBK 编码（中文 Windows 系统中的文件名常见）：请重命名该文件或其所在目录")
        case .notUTF8(looksGBK: false):
            ReadFailure("the path is not UTF-8 (its stray bytes are shown as \\xNN): rename the file or its folder",
                        zh: "路径不是 UTF-8 编码（无法识别的字节显示为 \\xNN）：请重命名该文件或其所在目录")
        }
    }

    /// Why a symbolic link to a folder is not walked.
    private static let linkToFolder = ReadFailure(
        "symbolic link to a folder: not followed, so no file in it was read; give duban the folder itself, or copy the files here",
        zh: "指向目录的符号链接：不跟随读取，其中的文件均未读取；请直接指定该目录，或把文件复制到此处")

    /// Why a folder that `opendir` refused (with `code`) is not walked.
    private static func unlistable(errno code: Int32) -> ReadFailure {
        if code == EACCES {
            return ReadFailure("folder cannot be read: permission denied; no file in it was read",
                               zh: "无法读取该目录：没有权限；其中的文件均未读取")
        }
        let reason = String(cString: strerror(code))
        return ReadFailure("folder cannot be read (\(reason)); no file in it was read", zh: "无法读取该目录（系统报告：\(reason)）；其中的文件均未读取")
    }
}

/// Why a file's bytes could not be read, in English and in Chinese (a status file can be the one).
public struct ReadFailure: Error, Sendable {
    public var text: Bilingual

    init(_ en: String, zh: String) {
        text = Bilingual(en, zh: zh)
    }

    /// The failure as the diagnostic of a file, at its start.
    public func diagnostic(file: String) -> Diagnostic {
        Diagnostic(file: file, line: 1, column: 1, message: text.en, zh: text.zh)
    }
}

extension Diagnostic {
    init(file: String, issue: YAMLIssue, rule: String? = nil) {
        self.init(file: file, line: issue.mark.line, column: issue.mark.column,
                  severity: issue.severity == .error ? .error : .warning, message: issue.message, zh: issue.zh, rule: rule)
    }
}
