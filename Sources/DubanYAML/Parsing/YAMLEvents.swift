internal import CLibYAML

/// libyaml's events one at a time, for a reader that decodes plain data as it goes instead of
/// building a document first (`YAMLParser`).
///
/// Such a reader gives up at anything unusual, and the file is then read again with
/// `YAMLParser`, which explains the problem: so this API explains nothing. A parse error ends the
/// stream (`next()` returns nil and `failed` is set); an alias, an anchor, a tag or a second
/// document is an `unsupported` event.
public enum YAMLEvents {
    /// Calls `body` with the events of `bytes` (after the same checks of size and encoding as
    /// `YAMLParser.parse`) and returns its result, or nil when the checks fail, `body` returns
    /// nil, or anything follows what `body` read: every event up to the end must have been taken.
    public static func read<R>(_ bytes: [UInt8], limits: YAMLLimits, _ body: (inout YAMLEventStream) -> R?) -> R? {
        guard case .success(let text) = SourceText.prepare(bytes, limits: limits) else { return nil }
        return YAMLParser.withParser(reading: text) { pointer -> R? in
            var stream = YAMLEventStream(pointer)
            defer { stream.release() }
            guard let result = body(&stream), stream.next() == nil, !stream.failed else { return nil }
            return result
        } ?? nil
    }
}

/// One event: a scalar with its bytes, or the start or end of a collection.
public struct YAMLEvent {
    public enum Kind: Sendable {
        case scalar, sequenceStart, sequenceEnd, mappingStart, mappingEnd
        /// An alias, a node with an anchor or a tag, or a second document.
        case unsupported
    }

    public let kind: Kind
    /// Where the event starts, as `Node.mark` gives it for the same node.
    public let mark: Mark
    /// A scalar's style (`.plain` for the other kinds).
    public let style: ScalarStyle
    /// A scalar's UTF-8 bytes, valid until the next call of `next()` (empty for the other kinds).
    public let bytes: UnsafeBufferPointer<UInt8>

    /// A scalar that `Node.isNull` calls null: `~`, `null` or nothing, unquoted.
    public var isNull: Bool { kind == .scalar && style == .plain && Node.isNullWord(bytes) }
}

/// The events of one text, pulled with `next()` inside `YAMLEvents.read`.
public struct YAMLEventStream: ~Copyable {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private var event = yaml_event_t()
    /// Whether `event` holds memory of libyaml's to free before the next one.
    private var holding = false
    private var documents = 0
    private var ended = false
    /// Whether libyaml stopped at an error.
    public private(set) var failed = false

    fileprivate init(_ parser: UnsafeMutablePointer<yaml_parser_t>) {
        self.parser = parser
    }

    /// The next event of the document, or nil at the end of the stream or at an error.
    public mutating func next() -> YAMLEvent? {
        release()
        while !ended {
            guard yaml_parser_parse(parser, &event) == 1 else {
                failed = true
                ended = true
                return nil
            }
            holding = true
            let mark = Mark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
            switch event.type {
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                if s.tag != nil || s.anchor != nil { return Self.unsupported(mark) }
                return YAMLEvent(kind: .scalar, mark: mark, style: ScalarStyle(s.style),
                                 bytes: UnsafeBufferPointer(start: s.value, count: Int(s.length)))
            case YAML_SEQUENCE_START_EVENT:
                let s = event.data.sequence_start
                return s.tag != nil || s.anchor != nil ? Self.unsupported(mark) : Self.collection(.sequenceStart, mark)
            case YAML_MAPPING_START_EVENT:
                let m = event.data.mapping_start
                return m.tag != nil || m.anchor != nil ? Self.unsupported(mark) : Self.collection(.mappingStart, mark)
            case YAML_SEQUENCE_END_EVENT: return Self.collection(.sequenceEnd, mark)
            case YAML_MAPPING_END_EVENT: return Self.collection(.mappingEnd, mark)
            case YAML_ALIAS_EVENT: return Self.unsupported(mark)
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 { return Self.unsupported(mark) }
            case YAML_STREAM_END_EVENT, YAML_NO_EVENT:
                ended = true
            default:
                break
            }
            release()
        }
        return nil
    }

    /// Frees the event last returned.
    fileprivate mutating func release() {
        if holding {
            yaml_event_delete(&event)
            holding = false
        }
    }

    private static func collection(_ kind: YAMLEvent.Kind, _ mark: Mark) -> YAMLEvent {
        YAMLEvent(kind: kind, mark: mark, style: .plain, bytes: UnsafeBufferPointer(start: nil, count: 0))
    }

    private static func unsupported(_ mark: Mark) -> YAMLEvent { collection(.unsupported, mark) }
}

extension ScalarStyle {
    /// The style of libyaml's scalar event.
    init(_ style: yaml_scalar_style_t) {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: self = .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: self = .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: self = .literal
        case YAML_FOLDED_SCALAR_STYLE: self = .folded
        default: self = .plain
        }
    }
}
