public import Foundation

/// Reads the fields of one YAML mapping: unknown keys are reported with a did-you-mean,
/// missing required keys are reported at the mapping, and every value is read by type.
public struct MappingReader {
    public let node: Node
    /// What the mapping is, for messages: "rule", "citation", "target".
    public let what: String
    let log: IssueLog
    /// The keys this mapping may hold; any other is reported, and reads as absent.
    private let keys: [String]

    /// Returns nil (and logs an error) when `node` is not a mapping.
    public init?(_ node: Node, what: String, keys: [String], log: IssueLog) {
        guard node.kind == .mapping else {
            log.error("\(what): expected a mapping of keys to values, found \(node.typeName)", at: node.mark)
            return nil
        }
        self.node = node
        self.what = what
        self.log = log
        self.keys = keys
        // Keys are compared as bytes where they stand; a String is made only for an unknown one.
        for (key, _) in node.pairs where !keys.contains(where: key.scalarEquals) {
            let name = key.scalar ?? ""
            log.error("unknown key '\(name)' in \(what)\(Suggestion.hint(for: name, in: keys))", at: key.mark)
        }
    }

    /// The value of a known `key`. Mappings hold a handful of keys: a linear search of the pairs,
    /// comparing bytes, costs less than any index. The parser refuses duplicate keys, so each name appears once.
    private func value(_ key: String) -> Node? {
        guard keys.contains(key) else { return nil }
        for (k, v) in node.pairs where k.scalarEquals(key) { return v }
        return nil
    }

    /// The value node of `key`; nil when absent or null (logged when required).
    public func node(_ key: String, required: Bool = false) -> Node? {
        guard let value = value(key), !value.isNull else {
            if required { log.error("\(what) is missing '\(key)'", at: value(key)?.mark ?? node.mark) }
            return nil
        }
        return value
    }

    public func has(_ key: String) -> Bool { value(key).map { !$0.isNull } ?? false }

    public func string(_ key: String, required: Bool = false) -> String? {
        node(key, required: required).flatMap { Scalars.string($0, what: label(key), log: log) }
    }

    public func int(_ key: String, required: Bool = false) -> Int? {
        node(key, required: required).flatMap { Scalars.int($0, what: label(key), log: log) }
    }

    public func decimal(_ key: String, required: Bool = false) -> Decimal? {
        node(key, required: required).flatMap { Scalars.decimal($0, what: label(key), log: log) }
    }

    public func bool(_ key: String, required: Bool = false) -> Bool? {
        node(key, required: required).flatMap { Scalars.bool($0, what: label(key), log: log) }
    }

    public func parsed<T>(_ key: String, required: Bool = false, expected: String, _ parse: (String) -> T?) -> T? {
        node(key, required: required).flatMap { Scalars.parsed($0, what: label(key), expected: expected, log: log, parse) }
    }

    /// The items of a list; a null value is an empty list.
    public func list(_ key: String, required: Bool = false) -> [Node] {
        guard let value = node(key, required: required) else { return [] }
        guard value.kind == .sequence else {
            log.error("\(label(key)): expected a list, found \(value.typeName)", at: value.mark)
            return []
        }
        return Array(value.items)
    }

    /// A list of texts, each with its mark.
    public func strings(_ key: String, required: Bool = false) -> [(text: String, mark: Mark)] {
        list(key, required: required).compactMap { item in
            Scalars.string(item, what: label(key), log: log).map { ($0, item.mark) }
        }
    }

    /// A nested mapping.
    public func mapping(_ key: String, required: Bool = false, what nested: String, keys: [String]) -> MappingReader? {
        node(key, required: required).flatMap { MappingReader($0, what: nested, keys: keys, log: log) }
    }

    /// The mark of the key's value, or of the mapping when absent.
    public func mark(_ key: String) -> Mark { value(key)?.mark ?? node.mark }

    private func label(_ key: String) -> String { "\(what) '\(key)'" }
}
