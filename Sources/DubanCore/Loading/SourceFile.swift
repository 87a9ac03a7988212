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

    /// Every `.yaml`/`.yml` file below a directory, as relative paths, sorted. Hidden entries
    /// (and what they hold) are skipped; symbolic links are listed, never followed into loops.
    public static func yamlFiles(under directory: String) -> [String] {
        var found: [String] = []
        walk(directory, relative: "", into: &found)
        return found.sorted()
    }

    /// `yamlFiles` of one directory, named relative to the walk's start: read with readdir,
    /// which costs a small part of what FileManager's enumerator does (it rebuilds every path).
    private static func walk(_ directory: String, relative prefix: String, into found: inout [String]) {
        guard let handle = opendir(directory) else { return }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            // Also skips `.` and `..`.
            if name.hasPrefix(".") { continue }
            let relative = prefix + name
            if name.hasSuffix(".yaml") || name.hasSuffix(".yml") { found.append(relative) }
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            if isDirectory(entry.pointee.d_type, path) { walk(path, relative: relative + "/", into: &found) }
        }
    }

    /// Whether a directory entry is a directory itself (a symbolic link is not).
    private static func isDirectory(_ type: UInt8, _ path: String) -> Bool {
        guard Int32(type) == Int32(DT_UNKNOWN) else { return Int32(type) == Int32(DT_DIR) }
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }
}

/// Why a file's bytes could not be read, in English and in Chinese (a status file can be the one).
public struct ReadFailure: Error {
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
