internal import CLibYAML

/// Parses one YAML document into a flat `YAMLDocument` (reached through its root `Node`) on libyaml's event API.
///
/// Beyond what libyaml checks, it refuses duplicate keys, undefined aliases, alias
/// expansion beyond a bound, nesting beyond a bound, tags, non-scalar keys and more
/// than one document. An empty file (or one holding only comments) parses to `nil`.
public enum YAMLParser {
    public static func parse(_ bytes: [UInt8], limits: YAMLLimits = .rules) throws(YAMLError) -> Node? {
        let text: ArraySlice<UInt8>
        switch SourceText.prepare(bytes, limits: limits) {
        case .success(let t): text = t
        case .failure(let e): throw e
        }
        var builder = TreeBuilder(limits: limits, sourceBytes: text.count)
        guard let result = withParser(reading: text, { builder.run(&$0.pointee, text: text) }) else {
            throw YAMLError("the YAML parser could not be initialised (out of memory)", zh: "YAML 解析器无法初始化（内存不足）", at: .start)
        }
        return try result.get()
    }

    /// Calls `body` with a libyaml parser reading `text`, deleted afterwards; nil when libyaml
    /// cannot set one up (out of memory).
    static func withParser<R>(reading text: ArraySlice<UInt8>, _ body: (UnsafeMutablePointer<yaml_parser_t>) -> R) -> R? {
        text.withUnsafeBufferPointer { buffer -> R? in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            // libyaml aborts on a NULL input pointer, which an empty buffer may hand out.
            let emptyInput: StaticString = ""
            yaml_parser_set_input_string(&parser, buffer.baseAddress ?? emptyInput.utf8Start, buffer.count)
            return withUnsafeMutablePointer(to: &parser, body)
        }
    }
}

/// Turns libyaml events into a flat `YAMLDocument`, enforcing the limits as it goes.
private struct TreeBuilder {
    let limits: YAMLLimits

    /// An open collection; its children so far are `pending[childStart...]`.
    private struct Frame {
        let mark: Mark
        let anchor: String?
        let isMapping: Bool
        let childStart: Int
        /// Where this mapping's keys start in `keys`.
        let keyStart: Int
        /// Nodes in the subtree so far, counting alias expansions (only when aliases are allowed).
        var expandedSize = 1
        /// Keys of a large mapping (built at `indexThreshold` keys), instead of a linear search.
        var index: [String: Mark]?
    }
    private static let indexThreshold = 16

    /// A key of an open mapping: where its bytes are in `bytes`, and the mark where it was
    /// written (an alias's own mark).
    private struct Key {
        let start: Int32
        let count: Int32
        let mark: Mark
    }

    private let records: Room<YAMLDocument.Record>
    private let children: Room<Int32>
    private let bytes: Room<UInt8>
    /// Nodes in each record's subtree counting alias expansions, to bound alias bombs (only when aliases are allowed).
    private var sizes: [Int] = []
    private var stack: [Frame] = []
    private let pending = Room<Int32>(capacity: 64)
    private let keys = Room<Key>(capacity: 64)
    private var anchors: [String: Int32] = [:]
    private var aliasExpansion = 0
    private var root: Int32?
    private var documents = 0

    init(limits: YAMLLimits, sourceBytes: Int) {
        self.limits = limits
        // Scalars hold at most the source's bytes, but for an escape that grows (`"\\L"`: three bytes).
        bytes = Room(capacity: sourceBytes)
        children = Room(capacity: sourceBytes / 16)
        records = Room(capacity: sourceBytes / 16)
    }

    mutating func run(_ parser: inout yaml_parser_t, text: ArraySlice<UInt8>) -> Result<Node?, YAMLError> {
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else {
                return .failure(Self.parserError(parser, text: text))
            }
            let outcome = handle(&event)
            yaml_event_delete(&event)
            switch outcome {
            case .proceed: continue
            case .finished:
                guard let root else { return .success(nil) }
                let document = YAMLDocument(records: records.elements(), children: children.elements(), bytes: bytes.elements())
                return .success(Node(document, Int(root)))
            case .failed(let error): return .failure(error)
            }
        }
    }

    /// What an event leaves the builder to do. The error is boxed: `handle` returns an outcome for
    /// every event, and nearly all of them `proceed`.
    private enum Outcome {
        case proceed, finished
        indirect case failed(YAMLError)
    }

    private mutating func handle(_ event: inout yaml_event_t) -> Outcome {
        let mark = Mark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_STREAM_START_EVENT, YAML_DOCUMENT_END_EVENT:
            return .proceed
        case YAML_STREAM_END_EVENT:
            return .finished
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                return .failed(YAMLError("more than one YAML document in the file (a second '---'); keep one document per file",
                                         zh: "文件中有不止一个 YAML 文档（出现了第二个“---”）；一个文件只能有一个文档", at: mark))
            }
            return .proceed
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            if s.tag != nil { return .failed(Self.tagError(s.tag, at: mark)) }
            let style = ScalarStyle(s.style)
            let start = Int32(truncatingIfNeeded: bytes.count)
            bytes.append(UnsafeBufferPointer(start: s.value, count: Int(s.length)))
            let node = append(YAMLDocument.Record(line: Int32(truncatingIfNeeded: mark.line), column: Int32(truncatingIfNeeded: mark.column),
                                                  kind: .scalar, style: style, start: start, count: Int32(truncatingIfNeeded: s.length)), size: 1)
            return add(node, mark: mark, anchor: s.anchor)
        case YAML_SEQUENCE_START_EVENT:
            let s = event.data.sequence_start
            if s.tag != nil { return .failed(Self.tagError(s.tag, at: mark)) }
            return push(mark: mark, anchor: Self.string(s.anchor), isMapping: false)
        case YAML_MAPPING_START_EVENT:
            let m = event.data.mapping_start
            if m.tag != nil { return .failed(Self.tagError(m.tag, at: mark)) }
            return push(mark: mark, anchor: Self.string(m.anchor), isMapping: true)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return .proceed }
            let start = Int32(truncatingIfNeeded: children.count)
            let entries = pending.count - frame.childStart
            pending.withElements { children.append(UnsafeBufferPointer(rebasing: $0[frame.childStart...])) }
            pending.removeLast(from: frame.childStart)
            keys.removeLast(from: frame.keyStart)
            let node = append(YAMLDocument.Record(line: Int32(truncatingIfNeeded: frame.mark.line), column: Int32(truncatingIfNeeded: frame.mark.column),
                                                  kind: frame.isMapping ? .mapping : .sequence, style: .plain, start: start,
                                                  count: Int32(truncatingIfNeeded: frame.isMapping ? entries / 2 : entries)),
                              size: frame.expandedSize)
            return add(node, mark: frame.mark, anchorName: frame.anchor)
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard limits.allowsAliases else {
                return .failed(YAMLError("aliases (*\(name)) are not accepted in this file; write the value out",
                                         zh: "此文件不接受别名（*\(name)）；请把值直接写出来", at: mark))
            }
            guard let target = anchors[name] else {
                return .failed(YAMLError("undefined alias *\(name): no anchor &\(name) before it",
                                         zh: "别名 *\(name) 未定义：前面没有锚点 &\(name)", at: mark))
            }
            aliasExpansion = aliasExpansion.addingSaturated(sizes[Int(target)])
            if aliasExpansion > limits.maxAliasExpansion {
                return .failed(YAMLError(
                    "aliases expand to more than \(limits.maxAliasExpansion) nodes (an alias bomb?); write the values out",
                    zh: "别名展开后超过 \(limits.maxAliasExpansion) 个节点（别名炸弹？）；请把值直接写出来", at: mark))
            }
            return add(target, mark: mark, anchorName: nil)
        default:
            return .proceed
        }
    }

    private mutating func append(_ record: YAMLDocument.Record, size: Int) -> Int32 {
        records.append(record)
        if limits.allowsAliases { sizes.append(size) }
        return Int32(truncatingIfNeeded: records.count - 1)
    }

    private mutating func push(mark: Mark, anchor: String?, isMapping: Bool) -> Outcome {
        if stack.count >= limits.maxDepth {
            return .failed(YAMLError("nesting deeper than \(limits.maxDepth) levels", zh: "嵌套超过 \(limits.maxDepth) 层", at: mark))
        }
        stack.append(Frame(mark: mark, anchor: anchor, isMapping: isMapping, childStart: pending.count, keyStart: keys.count))
        return .proceed
    }

    private mutating func add(_ node: Int32, mark: Mark, anchor: UnsafeMutablePointer<yaml_char_t>?) -> Outcome {
        add(node, mark: mark, anchorName: anchor == nil ? nil : Self.string(anchor))
    }

    /// Adds a finished node to the open collection; `mark` is where it was written (an alias's own mark).
    private mutating func add(_ node: Int32, mark: Mark, anchorName anchor: String?) -> Outcome {
        if let anchor {
            guard limits.allowsAliases else {
                return .failed(YAMLError("anchors (&\(anchor)) are not accepted in this file; write the value out",
                                         zh: "此文件不接受锚点（&\(anchor)）；请把值直接写出来", at: mark))
            }
            anchors[anchor] = node
        }
        guard !stack.isEmpty else {
            root = node
            return .proceed
        }
        let top = stack.count - 1
        if limits.allowsAliases { stack[top].expandedSize = stack[top].expandedSize.addingSaturated(sizes[Int(node)]) }
        guard stack[top].isMapping, (pending.count - stack[top].childStart) % 2 == 0 else {
            pending.append(node)
            return .proceed
        }
        let keyMark = mark
        let record = records[Int(node)]
        guard record.kind == .scalar else {
            let (typeName, typeNameZH) = record.kind == .sequence ? ("a list", "列表") : ("a mapping", "一组“键: 值”")
            return .failed(YAMLError("a mapping key must be a single value, not \(typeName)",
                                     zh: "键只能是单个值，不能是\(typeNameZH)", at: keyMark))
        }
        if let first = firstMark(of: record, in: top) {
            let text = text(of: record)
            return .failed(YAMLError("duplicate key '\(text)' (first at line \(first.line))",
                                     zh: "键“\(text)”重复（第一次出现在第 \(first.line) 行）", at: keyMark))
        }
        recordKey(Key(start: record.start, count: record.count, mark: keyMark), in: top)
        pending.append(node)
        return .proceed
    }

    private func text(at start: Int32, count: Int32) -> String {
        bytes.withElements { String(decoding: UnsafeBufferPointer(rebasing: $0[Int(start)..<Int(start + count)]), as: UTF8.self) }
    }

    private func text(of record: YAMLDocument.Record) -> String { text(at: record.start, count: record.count) }

    private func firstMark(of key: YAMLDocument.Record, in frame: Int) -> Mark? {
        if let index = stack[frame].index {
            return index[text(of: key)]
        }
        // Lengths first, then the bytes where they lie.
        return bytes.withElements { all in
            keys.withElements { open in
                open[stack[frame].keyStart...].first {
                    Node.equal(UnsafeBufferPointer(rebasing: all[Int($0.start)..<Int($0.start + $0.count)]),
                               UnsafeBufferPointer(rebasing: all[Int(key.start)..<Int(key.start + key.count)]))
                }?.mark
            }
        }
    }

    private mutating func recordKey(_ key: Key, in frame: Int) {
        if stack[frame].index != nil {
            stack[frame].index![text(at: key.start, count: key.count)] = key.mark
            return
        }
        keys.append(key)
        let start = stack[frame].keyStart
        if keys.count - start >= Self.indexThreshold {
            var index: [String: Mark] = [:]
            for entry in keys.withElements({ Array($0[start...]) }) {
                let text = text(at: entry.start, count: entry.count)
                if index[text] == nil { index[text] = entry.mark }
            }
            stack[frame].index = index
            keys.removeLast(from: start)
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private static func tagError(_ tag: UnsafeMutablePointer<yaml_char_t>?, at mark: Mark) -> YAMLError {
        // libyaml resolves `!!str` to its full name; show it as the file wrote it.
        var name = string(tag) ?? "!"
        if name.hasPrefix("tag:yaml.org,2002:") { name = "!!" + name.dropFirst("tag:yaml.org,2002:".count) }
        return YAMLError("tags such as '\(name)' are not accepted; write a plain or quoted value",
                         zh: "不接受“\(name)”这样的标签；请直接写值，或给值加引号", at: mark)
    }

    private static func parserError(_ parser: yaml_parser_t, text: ArraySlice<UInt8>) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        if parser.error == YAML_READER_ERROR {
            // Reader errors carry a byte offset, not a line and column.
            let offset = text.startIndex + Int(parser.problem_offset)
            var message = Bilingual(problem, zh: "读取文件出错：\(LibYAMLProblems.problems[problem] ?? problem)")
            if problem.contains("control characters") {
                message = offset < text.endIndex && text[offset] == 0
                    ? Bilingual("NUL byte in the file; it is not text", zh: "文件中有空字节（NUL），这不是文本文件的内容")
                    : Bilingual("control character in the file; only tab, line feed and carriage return are allowed",
                                zh: "文件中有控制字符；只允许制表符、换行符和回车符")
            }
            return YAMLError(message.en, zh: message.zh, at: SourceText.mark(ofByte: offset, in: text))
        }
        let m = parser.problem_mark
        let mark = Mark(line: Int(m.line) + 1, column: Int(m.column) + 1)
        if problem.contains("tab character")
            || (problem.contains("cannot start any token") && byte(at: Int(m.index), in: text) == 0x09) {
            return YAMLError("tab character where YAML expects indentation or a value; indent with spaces",
                             zh: "应当缩进或写值的位置出现了制表符（Tab）；请用空格缩进", at: mark)
        }
        if let hint = SyntaxHints.find(in: text, errorLine: mark.line) { return hint }
        var message = "YAML syntax error: \(problem)"
        let context = parser.context.map { String(cString: $0) }
        let c = parser.context_mark
        if let context {
            message += " (\(context) at line \(Int(c.line) + 1), column \(Int(c.column) + 1))"
        }
        return YAMLError(message, zh: LibYAMLProblems.zh(problem: problem, context: context, line: Int(c.line) + 1, column: Int(c.column) + 1),
                         at: mark)
    }

    /// The byte at a character index (libyaml's mark.index counts characters).
    private static func byte(at characterIndex: Int, in text: ArraySlice<UInt8>) -> UInt8? {
        var count = 0
        for b in text where b & 0xC0 != 0x80 {
            if count == characterIndex { return b }
            count += 1
        }
        return nil
    }
}

/// A growing array of the builder, in memory of its own, with room kept after its elements: an
/// `Array` checks its buffer for uniqueness at every write and appends a run of elements through
/// the generic sequence path (≈ 100 instructions a call), and a document is built with several
/// writes per libyaml event.
private final class Room<Element> {
    /// The elements are `storage[..<count]`; the rest is room.
    private var storage: UnsafeMutableBufferPointer<Element>
    private(set) var count = 0

    init(capacity: Int) {
        storage = .allocate(capacity: max(capacity, 16))
    }

    deinit {
        storage.baseAddress!.deinitialize(count: count)
        storage.deallocate()
    }

    func append(_ element: Element) {
        if count == storage.count { grow(to: count + 1) }
        (storage.baseAddress! + count).initialize(to: element)
        count += 1
    }

    func append(_ source: UnsafeBufferPointer<Element>) {
        guard let from = source.baseAddress, !source.isEmpty else { return }
        let end = count + source.count
        if end > storage.count { grow(to: end) }
        (storage.baseAddress! + count).initialize(from: from, count: source.count)
        count = end
    }

    subscript(i: Int) -> Element {
        precondition(i >= 0 && i < count, "index out of range")
        return storage[i]
    }

    /// Drops the elements from `start` on.
    func removeLast(from start: Int) {
        precondition(start >= 0 && start <= count, "index out of range")
        (storage.baseAddress! + start).deinitialize(count: count - start)
        count = start
    }

    private func grow(to size: Int) {
        let larger = UnsafeMutableBufferPointer<Element>.allocate(capacity: max(size, 2 * storage.count))
        larger.baseAddress!.moveInitialize(from: storage.baseAddress!, count: count)
        storage.deallocate()
        storage = larger
    }

    /// Calls `body` with the elements.
    func withElements<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(rebasing: storage[..<count]))
    }

    /// The elements, as an array.
    func elements() -> [Element] { Array(storage[..<count]) }
}
