public import Foundation

/// A position in a source file, 1-based, as an editor shows it. Columns count characters.
public struct Mark: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static let start = Mark(line: 1, column: 1)

    public static func < (a: Mark, b: Mark) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// How a scalar was written; decoding uses it to refuse YAML 1.1 surprises in plain scalars.
public enum ScalarStyle: UInt8, Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// A parsed YAML document, flat: every node is one record in a contiguous array, every
/// collection a range of child indexes, every scalar a range of one byte buffer. Nothing is
/// allocated per node, and a scalar becomes a `String` only when a reader keeps it.
final class YAMLDocument: Sendable {
    struct Record {
        var line: Int32
        var column: Int32
        var kind: Node.Kind
        var style: ScalarStyle
        /// Scalar: first byte in `bytes`; collection: first entry in `children`.
        var start: Int32
        /// Scalar: bytes; sequence: items; mapping: pairs (two entries each, key then value).
        var count: Int32
    }

    let records: [Record]
    let children: [Int32]
    let bytes: [UInt8]

    init(records: [Record], children: [Int32], bytes: [UInt8]) {
        self.records = records
        self.children = children
        self.bytes = bytes
    }
}

/// One node of a parsed YAML document. Aliases share the node of their anchor.
public struct Node: Sendable, Hashable {
    /// What a node holds.
    public enum Kind: UInt8, Sendable { case scalar, sequence, mapping }

    /// The node's content: a scalar with its source text, a sequence, or a mapping in source order.
    /// Builds the scalar's `String`; readers use `kind`, `items`, `pairs` and the byte tests instead.
    public enum Content {
        case scalar(String, ScalarStyle)
        case sequence(Items)
        case mapping(Pairs)
    }

    let document: YAMLDocument
    let index: Int

    init(_ document: YAMLDocument, _ index: Int) {
        self.document = document
        self.index = index
    }

    /// The same node of the same document (an alias and its anchor are equal).
    public static func == (a: Node, b: Node) -> Bool { a.document === b.document && a.index == b.index }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(document))
        hasher.combine(index)
    }

    private var record: YAMLDocument.Record { document.records[index] }

    public var kind: Kind { record.kind }

    public var mark: Mark {
        let r = record
        return Mark(line: Int(r.line), column: Int(r.column))
    }

    /// The style of a scalar (nil for a collection).
    public var style: ScalarStyle? { record.kind == .scalar ? record.style : nil }

    public var content: Content {
        switch record.kind {
        case .scalar: return .scalar(scalar!, record.style)
        case .sequence: return .sequence(items)
        case .mapping: return .mapping(pairs)
        }
    }

    /// The scalar's text, or nil for a collection.
    public var scalar: String? {
        guard record.kind == .scalar else { return nil }
        return withScalarBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the scalar's UTF-8 bytes (empty for a collection).
    public func withScalarBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let r = record
        guard r.kind == .scalar else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        return try document.bytes.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[Int(r.start)..<Int(r.start + r.count)]))
        }
    }

    /// Whether the node is a scalar whose text is `text`, compared as bytes.
    public func scalarEquals(_ text: String) -> Bool {
        let r = record
        guard r.kind == .scalar, text.utf8.count == Int(r.count) else { return false }
        return withScalarBytes { Self.equal($0, text) }
    }

    /// Whether `bytes` are the UTF-8 of `text` (one `memcmp` for a native string).
    @inline(__always)
    public static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ text: String) -> Bool {
        guard bytes.count == text.utf8.count else { return false }
        return text.utf8.withContiguousStorageIfAvailable { equal(bytes, $0) } ?? text.utf8.elementsEqual(bytes)
    }

    /// Whether two runs of bytes are the same: the lengths, then one `memcmp` (inlinable: the
    /// readers of other modules compare keys with it in their inner loops).
    @inlinable
    public static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        a.count == b.count && (a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
    }

    /// True for `~`, `null` or an empty plain scalar.
    public var isNull: Bool {
        let r = record
        guard r.kind == .scalar, r.style == .plain else { return false }
        return withScalarBytes(Self.isNullWord)
    }

    static func isNullWord(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        switch b.count {
        case 0: return true
        case 1: return b[0] == UInt8(ascii: "~")
        // The first byte rules out most four-byte values before the words are compared.
        case 4: return (b[0] == UInt8(ascii: "n") || b[0] == UInt8(ascii: "N"))
            && (b.elementsEqual("null".utf8) || b.elementsEqual("Null".utf8) || b.elementsEqual("NULL".utf8))
        default: return false
        }
    }

    /// A word for the node's type, for error messages.
    public var typeName: String {
        switch record.kind {
        case .scalar: return isNull ? "nothing" : "a single value"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    /// `typeName` in Chinese, as said after 实际是: 空值, 单个值, 列表, 一组“键: 值”.
    public var typeNameZH: String {
        switch record.kind {
        case .scalar: return isNull ? "空值" : "单个值"
        case .sequence: return "列表"
        case .mapping: return "一组“键: 值”"
        }
    }

    /// The items of a sequence (empty for anything else).
    public var items: Items {
        let r = record
        return Items(document: document, start: Int(r.start), count: r.kind == .sequence ? Int(r.count) : 0)
    }

    /// The key-value pairs of a mapping in source order (empty for anything else).
    public var pairs: Pairs {
        let r = record
        return Pairs(document: document, start: Int(r.start), count: r.kind == .mapping ? Int(r.count) : 0)
    }

    /// The items of a sequence.
    public struct Items: RandomAccessCollection, Sendable {
        let document: YAMLDocument
        let start: Int
        public let count: Int
        public var startIndex: Int { 0 }
        public var endIndex: Int { count }
        public subscript(i: Int) -> Node { Node(document, Int(document.children[start + i])) }

        /// No items.
        public static let empty = Items(document: YAMLDocument(records: [], children: [], bytes: []), start: 0, count: 0)
    }

    /// The pairs of a mapping.
    public struct Pairs: RandomAccessCollection, Sendable {
        let document: YAMLDocument
        let start: Int
        public let count: Int
        public var startIndex: Int { 0 }
        public var endIndex: Int { count }
        public subscript(i: Int) -> (key: Node, value: Node) {
            (Node(document, Int(document.children[start + 2 * i])), Node(document, Int(document.children[start + 2 * i + 1])))
        }
    }
}

extension Int {
    func addingSaturated(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }
}
