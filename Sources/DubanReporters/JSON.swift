/// A JSON value written deterministically: object keys sorted, no insignificant white space
/// beyond one space after separators, strings escaped per RFC 8259.
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

    /// Pretty-printed with two-space indentation and a final newline.
    public func rendered() -> String {
        // Written as UTF-8 bytes: appending to a String scalar by scalar costs far more.
        var out: [UInt8] = []
        write(to: &out, indent: 0)
        out.append(UInt8(ascii: "\n"))
        return String(decoding: out, as: UTF8.self)
    }

    /// An object rendered like `rendered()`, handed to `flush` as UTF-8 in pieces of about
    /// 64 KiB; its long arrays are built one element at a time as they are written, so a large
    /// report never exists whole, neither as a tree of values nor as text.
    public static func writeObject(_ members: [String: JSON], arrays: [String: (count: Int, element: (Int) -> JSON)],
                                   to flush: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        var out: [UInt8] = []
        out.reserveCapacity(Self.piece + 4096)
        let keys = (Array(members.keys) + Array(arrays.keys)).sorted()
        JSON.put("{\n", into: &out)
        for (i, key) in keys.enumerated() {
            indent(1, into: &out)
            escape(key, into: &out)
            JSON.put(": ", into: &out)
            if let member = members[key] {
                member.write(to: &out, indent: 1)
            } else if let array = arrays[key], array.count > 0 {
                JSON.put("[\n", into: &out)
                for index in 0..<array.count {
                    indent(2, into: &out)
                    array.element(index).write(to: &out, indent: 2)
                    JSON.put(index == array.count - 1 ? "\n" : ",\n", into: &out)
                    if out.count >= Self.piece {
                        try out.withUnsafeBufferPointer(flush)
                        out.removeAll(keepingCapacity: true)
                    }
                }
                indent(1, into: &out)
                out.append(UInt8(ascii: "]"))
            } else {
                JSON.put("[]", into: &out)
            }
            JSON.put(i == keys.count - 1 ? "\n" : ",\n", into: &out)
        }
        JSON.put("}\n", into: &out)
        try out.withUnsafeBufferPointer(flush)
    }

    /// The size of the pieces `writeObject` hands on.
    private static let piece = 1 << 16

    private func write(to out: inout [UInt8], indent: Int) {
        switch self {
        case .string(let s): JSON.escape(s, into: &out)
        case .number(let n): JSON.put(n, into: &out)
        case .bool(let b): JSON.put(b ? "true" : "false", into: &out)
        case .null: JSON.put("null", into: &out)
        case .array(let items):
            if items.isEmpty { JSON.put("[]", into: &out); return }
            JSON.put("[\n", into: &out)
            for (i, item) in items.enumerated() {
                JSON.indent(indent + 1, into: &out)
                item.write(to: &out, indent: indent + 1)
                JSON.put(i == items.count - 1 ? "\n" : ",\n", into: &out)
            }
            JSON.indent(indent, into: &out)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { JSON.put("{}", into: &out); return }
            JSON.put("{\n", into: &out)
            let keys = members.keys.sorted()
            for (i, key) in keys.enumerated() {
                JSON.indent(indent + 1, into: &out)
                JSON.escape(key, into: &out)
                JSON.put(": ", into: &out)
                members[key]!.write(to: &out, indent: indent + 1)
                JSON.put(i == keys.count - 1 ? "\n" : ",\n", into: &out)
            }
            JSON.indent(indent, into: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    private static func indent(_ level: Int, into out: inout [UInt8]) {
        var left = 2 * level
        while left > 0 {
            let n = min(left, spaces.count)
            spaces.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<n])) }
            left -= n
        }
    }

    /// Appends a text's UTF-8 bytes in one copy.
    private static func put(_ text: String, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    /// RFC 8259 escaping on the UTF-8 bytes: `"`, `\\`, control characters, and U+2028/U+2029
    /// (E2 80 A8/A9), which some JavaScript readers take for line ends.
    private static func escape(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in escape(bytes, into: &out) }
        out.append(UInt8(ascii: "\""))
    }

    private static func escape(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var i = 0
        while i < bytes.count {
            // Copy the run of bytes that need no escape in one go.
            var end = i
            while end < bytes.count, !needsEscape(bytes[end]) { end += 1 }
            if end > i {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<end]))
                i = end
                if i == bytes.count { break }
            }
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "\""): JSON.put("\\\"", into: &out)
            case UInt8(ascii: "\\"): JSON.put("\\\\", into: &out)
            case UInt8(ascii: "\n"): JSON.put("\\n", into: &out)
            case UInt8(ascii: "\r"): JSON.put("\\r", into: &out)
            case UInt8(ascii: "\t"): JSON.put("\\t", into: &out)
            case 0..<0x20:
                let hex = String(b, radix: 16)
                JSON.put("\\u" + String(repeating: "0", count: 4 - hex.count) + hex, into: &out)
            case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                JSON.put(bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", into: &out)
                i += 2
            default: out.append(b)
            }
            i += 1
        }
    }

    /// Bytes `escape` may have to rewrite: quote, backslash, control characters, and the lead
    /// byte of U+2028/U+2029.
    @inline(__always)
    private static func needsEscape(_ b: UInt8) -> Bool {
        b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b == 0xE2
    }
}
