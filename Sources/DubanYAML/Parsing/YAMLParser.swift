internal import CLibYAML

/// Parses one YAML document into a `Node` tree on libyaml's event API.
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
        var builder = TreeBuilder(limits: limits)
        let result: Result<Node?, YAMLError> = text.withUnsafeBufferPointer { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                return .failure(YAMLError("the YAML parser could not be initialised (out of memory)", at: .start))
            }
            defer { yaml_parser_delete(&parser) }
            // libyaml aborts on a NULL input pointer, which an empty buffer may hand out.
            let emptyInput: StaticString = ""
            let base = buffer.baseAddress ?? emptyInput.utf8Start
            yaml_parser_set_input_string(&parser, base, buffer.count)
            return builder.run(&parser, text: text)
        }
        return try result.get()
    }
}

/// Turns libyaml events into nodes, enforcing the limits as it goes.
private struct TreeBuilder {
    let limits: YAMLLimits

    /// An open collection. A class, so that appending to the innermost one never copies it
    /// (an enum payload popped and pushed back would copy the whole list on every item).
    private final class Frame {
        let mark: Mark
        let anchor: String?
        let isMapping: Bool
        var items: [Node] = []
        var pairs: [(key: Node, value: Node)] = []
        var pendingKey: Node?
        var seen: [String: Mark] = [:]

        init(mark: Mark, anchor: String?, isMapping: Bool) {
            self.mark = mark
            self.anchor = anchor
            self.isMapping = isMapping
        }
    }

    private var stack: [Frame] = []
    private var anchors: [String: Node] = [:]
    private var aliasExpansion = 0
    private var root: Node?
    private var documents = 0

    init(limits: YAMLLimits) { self.limits = limits }

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
            case .finished: return .success(root)
            case .failed(let error): return .failure(error)
            }
        }
    }

    private enum Outcome { case proceed, finished, failed(YAMLError) }

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
                return .failed(YAMLError("more than one YAML document in the file (a second '---'); keep one document per file", at: mark))
            }
            return .proceed
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            if s.tag != nil { return .failed(Self.tagError(s.tag, at: mark)) }
            let value = String(decoding: UnsafeBufferPointer(start: s.value, count: Int(s.length)), as: UTF8.self)
            let style: ScalarStyle
            switch s.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            return add(Node(.scalar(value, style), mark: mark), anchor: Self.string(s.anchor))
        case YAML_SEQUENCE_START_EVENT:
            let s = event.data.sequence_start
            if s.tag != nil { return .failed(Self.tagError(s.tag, at: mark)) }
            return push(Frame(mark: mark, anchor: Self.string(s.anchor), isMapping: false), at: mark)
        case YAML_MAPPING_START_EVENT:
            let m = event.data.mapping_start
            if m.tag != nil { return .failed(Self.tagError(m.tag, at: mark)) }
            return push(Frame(mark: mark, anchor: Self.string(m.anchor), isMapping: true), at: mark)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return .proceed }
            let node = Node(frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items), mark: frame.mark)
            return add(node, anchor: frame.anchor)
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard limits.allowsAliases else {
                return .failed(YAMLError("aliases (*\(name)) are not accepted in this file; write the value out", at: mark))
            }
            guard let target = anchors[name] else {
                return .failed(YAMLError("undefined alias *\(name): no anchor &\(name) before it", at: mark))
            }
            aliasExpansion = aliasExpansion.addingSaturated(target.expandedSize)
            if aliasExpansion > limits.maxAliasExpansion {
                return .failed(YAMLError(
                    "aliases expand to more than \(limits.maxAliasExpansion) nodes (an alias bomb?); write the values out", at: mark))
            }
            return add(target, anchor: nil, mark: mark)
        default:
            return .proceed
        }
    }

    private mutating func push(_ frame: Frame, at mark: Mark) -> Outcome {
        if stack.count >= limits.maxDepth {
            return .failed(YAMLError("nesting deeper than \(limits.maxDepth) levels", at: mark))
        }
        stack.append(frame)
        return .proceed
    }

    private mutating func add(_ node: Node, anchor: String?, mark: Mark? = nil) -> Outcome {
        if let anchor {
            guard limits.allowsAliases else {
                return .failed(YAMLError("anchors (&\(anchor)) are not accepted in this file; write the value out", at: node.mark))
            }
            anchors[anchor] = node
        }
        guard let top = stack.last else {
            root = node
            return .proceed
        }
        guard top.isMapping else {
            top.items.append(node)
            return .proceed
        }
        if let key = top.pendingKey {
            top.pairs.append((key: key, value: node))
            top.pendingKey = nil
            return .proceed
        }
        let keyMark = mark ?? node.mark
        guard let text = node.scalar else {
            return .failed(YAMLError("a mapping key must be a single value, not \(node.typeName)", at: keyMark))
        }
        if let first = top.seen[text] {
            return .failed(YAMLError("duplicate key '\(text)' (first at line \(first.line))", at: keyMark))
        }
        top.seen[text] = keyMark
        top.pendingKey = node
        return .proceed
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private static func tagError(_ tag: UnsafeMutablePointer<yaml_char_t>?, at mark: Mark) -> YAMLError {
        // libyaml resolves `!!str` to its full name; show it as the file wrote it.
        var name = string(tag) ?? "!"
        if name.hasPrefix("tag:yaml.org,2002:") { name = "!!" + name.dropFirst("tag:yaml.org,2002:".count) }
        return YAMLError("tags such as '\(name)' are not accepted; write a plain or quoted value", at: mark)
    }

    private static func parserError(_ parser: yaml_parser_t, text: ArraySlice<UInt8>) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        if parser.error == YAML_READER_ERROR {
            // Reader errors carry a byte offset, not a line and column.
            let offset = text.startIndex + Int(parser.problem_offset)
            var message = problem
            if problem.contains("control characters") {
                message = offset < text.endIndex && text[offset] == 0
                    ? "NUL byte in the file; it is not text"
                    : "control character in the file; only tab, line feed and carriage return are allowed"
            }
            return YAMLError(message, at: SourceText.mark(ofByte: offset, in: text))
        }
        let m = parser.problem_mark
        let mark = Mark(line: Int(m.line) + 1, column: Int(m.column) + 1)
        if problem.contains("tab character")
            || (problem.contains("cannot start any token") && byte(at: Int(m.index), in: text) == 0x09) {
            return YAMLError("tab character where YAML expects indentation or a value; indent with spaces", at: mark)
        }
        if let hint = SyntaxHints.find(in: text, errorLine: mark.line) { return hint }
        var message = "YAML syntax error: \(problem)"
        if let context = parser.context.map({ String(cString: $0) }) {
            let c = parser.context_mark
            message += " (\(context) at line \(Int(c.line) + 1), column \(Int(c.column) + 1))"
        }
        return YAMLError(message, at: mark)
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
