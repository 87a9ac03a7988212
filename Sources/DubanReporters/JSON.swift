/// A JSON value written deterministically by `JSONWriter`: object keys sorted, no insignificant
/// white space beyond one space after separators, strings escaped per RFC 8259.
public indirect enum JSON: Sendable, Hashable {
    case string(String)
    /// A number, already formatted (decimal text, exact).
    case number(String)
    case bool(Bool)
    case null
    case array([JSON])
    case object([String: JSON])

    public static func int(_ value: Int) -> JSON { .number(String(value)) }

    public static func optional(_ value: String?) -> JSON { value.map(JSON.string) ?? .null }

    public static func optional(_ value: Int?) -> JSON { value.map(JSON.int) ?? .null }

    /// Pretty-printed with two-space indentation and a final newline (`JSONWriter`).
    public func rendered() -> String {
        var writer = JSONWriter()
        writer.value(self)
        writer.raw("\n")
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
