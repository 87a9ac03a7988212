/// Why a YAML file could not be parsed, with the position of the problem.
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    public var mark: Mark
    /// In English.
    public var message: String
    /// In Chinese (every parse error can come from a status file).
    public var zh: String?

    public init(_ message: String, zh: String? = nil, at mark: Mark) {
        self.mark = mark
        self.message = message
        self.zh = zh
    }

    public var description: String { "\(mark): \(message)" }
}

/// Bounds that keep a hostile file from exhausting time or memory.
public struct YAMLLimits: Sendable {
    /// Largest file accepted, in bytes.
    public var maxBytes: Int
    /// Deepest nesting of sequences and mappings.
    public var maxDepth: Int
    /// Most nodes that aliases may expand to, in total.
    public var maxAliasExpansion: Int
    /// Whether anchors and aliases are accepted at all.
    public var allowsAliases: Bool

    public init(maxBytes: Int = 8 << 20, maxDepth: Int = 64, maxAliasExpansion: Int = 10_000, allowsAliases: Bool = true) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
        self.allowsAliases = allowsAliases
    }

    /// Rule files: anchors allowed (bounded).
    public static let rules = YAMLLimits()
    /// Status files need no anchors, aliases or tags.
    public static let submissions = YAMLLimits(maxBytes: 4 << 20, allowsAliases: false)
}
