public import Foundation

/// Reads the fields of one YAML mapping: unknown keys are reported with a did-you-mean,
/// missing required keys are reported at the mapping, and every value is read by type.
public struct MappingReader {
    public let node: Node
    /// What the mapping is, for messages: "rule", "citation", "target"; with its Chinese name
    /// (`Bilingual("task", zh: "任务")`) where a status file holds it, so that every message has both.
    public let what: Bilingual
    @usableFromInline let log: IssueLog
    /// The keys this mapping may hold; any other is reported, and reads as absent.
    private let keys: [String]
    /// For each of `keys`, the index of its pair in the mapping, or -1.
    private let slots: Slots
    /// Positions in `keys`, for a mapping that may hold many keys.
    private let index: [String: Int]?

    /// Returns nil (and logs an error) when `node` is not a mapping.
    public init?(_ node: Node, what: Bilingual, keys: [String], log: IssueLog) {
        guard node.kind == .mapping else {
            log.error("\(what.en): expected a mapping of keys to values, found \(node.typeName)",
                      zh: what.zh.map { "\($0)应由若干“键: 值”组成，实际是\(node.typeNameZH)" }, at: node.mark)
            return nil
        }
        self.node = node
        self.what = what
        self.log = log
        self.keys = keys
        // Keys are compared as bytes where they stand; a String is made only for an unknown one.
        var slots = Slots(count: keys.count)
        // Past a handful of keys, a dictionary keeps a mapping of thousands of keys linear.
        let index = keys.count > Self.indexThreshold
            ? Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first }) : nil
        for (i, (key, _)) in node.pairs.enumerated() {
            // Keys are scalars (the parser refuses any other): their bytes are read once.
            let known = if let index { key.scalar.flatMap { index[$0] } } else {
                key.withScalarBytes { bytes in keys.firstIndex { Node.equal(bytes, $0) } }
            }
            if let k = known {
                // The parser refuses duplicate keys, so each name appears once.
                slots[k] = Int32(i)
            } else {
                let name = key.scalar ?? ""
                let hint = Suggestion.hints(for: name, in: keys)
                log.error("unknown key '\(name)' in \(what.en)\(hint.en)",
                          zh: what.zh.map { "\($0)中有未知的键“\(name)”\(hint.zh!)" }, at: key.mark)
            }
        }
        self.slots = slots
        self.index = index
    }

    private static let indexThreshold = 16

    /// `slots`: in a vector for up to eight keys, so that reading a task or a figure allocates
    /// nothing; in an array past that.
    private struct Slots {
        private var few = SIMD8<Int32>(repeating: -1)
        private var many: [Int32]?

        init(count: Int) {
            if count > 8 { many = [Int32](repeating: -1, count: count) }
        }

        subscript(k: Int) -> Int32 {
            get { many?[k] ?? few[k] }
            set {
                if many != nil { many![k] = newValue } else { few[k] = newValue }
            }
        }
    }

    /// The value of a known `key`.
    private func value(_ key: String) -> Node? {
        // Lengths first: comparing two different short Strings is a call into the runtime.
        let length = key.utf8.count
        guard let k = index.map({ $0[key] }) ?? keys.firstIndex(where: { $0.utf8.count == length && $0 == key }), slots[k] >= 0 else { return nil }
        return node.pairs[Int(slots[k])].value
    }

    /// The value node of `key`; nil when absent or null (logged when required).
    public func node(_ key: String, required: Bool = false) -> Node? {
        guard let value = value(key), !value.isNull else {
            if required {
                log.error("\(what.en) is missing '\(key)'", zh: what.zh.map { "\($0)缺少“\(key)”" }, at: value(key)?.mark ?? node.mark)
            }
            return nil
        }
        return value
    }

    public func has(_ key: String) -> Bool { value(key).map { !$0.isNull } ?? false }

    public func string(_ key: String, required: Bool = false) -> String? {
        node(key, required: required).flatMap { Scalars.string($0, what: label(key), log: log) }
    }

    /// Checks that an optional value reads as text (as `string` does; logged when not) without building it.
    public func checkText(_ key: String) {
        if let value = node(key) { _ = Scalars.checkText(value, what: label(key), log: log) }
    }

    public func int(_ key: String, required: Bool = false) -> Int? {
        node(key, required: required).flatMap { Scalars.int($0, what: label(key), log: log) }
    }

    public func decimal(_ key: String, required: Bool = false) -> Decimal? {
        node(key, required: required).flatMap { Scalars.decimal($0, what: label(key), log: log) }
    }

    /// `decimal`, with the scaled integer where the text has one (`Scalars.Number`).
    public func number(_ key: String, required: Bool = false) -> Scalars.Number? {
        node(key, required: required).flatMap { Scalars.number($0, what: label(key), log: log) }
    }

    public func bool(_ key: String, required: Bool = false) -> Bool? {
        node(key, required: required).flatMap { Scalars.bool($0, what: label(key), log: log) }
    }

    // The generic readers are inlinable so that callers in other modules get them specialized
    // (unspecialized, a status or a day read through them cost ≈ 1,900 instructions).
    @inlinable
    public func parsed<T>(_ key: String, required: Bool = false, expected: Bilingual, _ parse: (String) -> T?) -> T? {
        node(key, required: required).flatMap { Scalars.parsed($0, what: label(key), expected: expected, log: log, parse) }
    }

    /// Like `parsed`, reading the value's UTF-8 bytes.
    @inlinable
    public func parsed<T>(_ key: String, required: Bool = false, expected: Bilingual, bytes parse: (UnsafeBufferPointer<UInt8>) -> T?) -> T? {
        node(key, required: required).flatMap { Scalars.parsed($0, what: label(key), expected: expected, log: log, bytes: parse) }
    }

    /// The items of a list; a null value is an empty list.
    public func list(_ key: String, required: Bool = false) -> Node.Items {
        guard let value = node(key, required: required) else { return .empty }
        guard value.kind == .sequence else {
            let what = label(key)
            log.error("\(what.en): expected a list, found \(value.typeName)", zh: what.zh.map { "\($0)应为列表，实际是\(value.typeNameZH)" }, at: value.mark)
            return Node.Items.empty
        }
        return value.items
    }

    /// A list of texts, each with its mark.
    public func strings(_ key: String, required: Bool = false) -> [(text: String, mark: Mark)] {
        list(key, required: required).compactMap { item in
            Scalars.string(item, what: label(key), log: log).map { ($0, item.mark) }
        }
    }

    /// A nested mapping.
    public func mapping(_ key: String, required: Bool = false, what nested: Bilingual, keys: [String]) -> MappingReader? {
        node(key, required: required).flatMap { MappingReader($0, what: nested, keys: keys, log: log) }
    }

    /// The mark of the key's value, or of the mapping when absent.
    public func mark(_ key: String) -> Mark { value(key)?.mark ?? node.mark }

    /// `status file 'period'`, `报送文件的“period”`.
    @usableFromInline func label(_ key: String) -> Bilingual {
        Bilingual("\(what.en) '\(key)'", zh: what.zh.map { "\($0)的“\(key)”" })
    }
}
