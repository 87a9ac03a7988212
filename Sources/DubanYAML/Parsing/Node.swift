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
public enum ScalarStyle: Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// One node of a parsed YAML document. Aliases share the node of their anchor.
public final class Node: Sendable {
    /// The node's content: a scalar with its source text, a sequence, or a mapping in source order.
    public enum Content: Sendable {
        case scalar(String, ScalarStyle)
        case sequence([Node])
        case mapping([(key: Node, value: Node)])
    }

    public let content: Content
    public let mark: Mark
    /// Nodes in this subtree, counting every alias expansion (used to bound alias bombs).
    let expandedSize: Int

    init(_ content: Content, mark: Mark) {
        self.content = content
        self.mark = mark
        switch content {
        case .scalar: expandedSize = 1
        case .sequence(let items): expandedSize = items.reduce(1) { $0.addingSaturated($1.expandedSize) }
        case .mapping(let pairs):
            expandedSize = pairs.reduce(1) { $0.addingSaturated($1.key.expandedSize).addingSaturated($1.value.expandedSize) }
        }
    }

    /// The scalar's text, or nil for a collection.
    public var scalar: String? {
        if case .scalar(let text, _) = content { return text }
        return nil
    }

    /// True for `~`, `null` or an empty plain scalar.
    public var isNull: Bool {
        guard case .scalar(let text, .plain) = content else { return false }
        return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    /// A word for the node's type, for error messages.
    public var typeName: String {
        switch content {
        case .scalar: return isNull ? "nothing" : "a single value"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }
}

extension Int {
    func addingSaturated(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }
}
