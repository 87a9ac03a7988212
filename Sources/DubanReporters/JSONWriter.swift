import Foundation

/// Writes JSON text straight into UTF-8 bytes: objects and arrays one member or element a line,
/// two spaces of indentation a level, `{}` and `[]` when empty, strings escaped per RFC 8259.
/// `JSON` values are written through it, and the reports write their long arrays with it
/// directly, without building a `JSON` value per element. A caller writes an object's keys in
/// sorted order, as `JSON` does.
public struct JSONWriter {
    /// The bytes written so far are `storage[..<count]`, the rest room to write into: a report
    /// makes tens of thousands of short appends, and `Array.append(contentsOf:)` takes the
    /// generic sequence path (≈ 160 instructions a call) where a copy into room is one `memcpy`.
    private var storage: [UInt8]
    private var count = 0
    private var depth = 0
    /// Nothing has been written yet inside the innermost open object or array.
    private var empty = true

    public init(capacity: Int = 0) {
        storage = [UInt8](repeating: 0, count: max(capacity, 256))
    }

    /// The bytes written so far.
    public var bytes: ArraySlice<UInt8> { storage[..<count] }

    // MARK: Containers

    /// An object whose members `body` writes with `key` and a value.
    public mutating func object(_ body: (inout JSONWriter) throws -> Void) rethrows {
        try container("{", "}", body)
    }

    /// An array whose elements `body` writes, each after `element()`.
    private mutating func array(_ body: (inout JSONWriter) throws -> Void) rethrows {
        try container("[", "]", body)
    }

    /// An array of `items`, each written by `write`.
    public mutating func array<Items: Sequence>(_ items: Items, _ write: (inout JSONWriter, Items.Element) -> Void) {
        array { w in
            for item in items {
                w.element()
                write(&w, item)
            }
        }
    }

    /// An array of `items` like `array(_:_:)`, for long ones: written in pieces of `pieceSize`
    /// items, a round of pieces at once on the cores (eight a core: a round's end makes the cores
    /// wait for each other), each into a writer of its own with a `state` of its own, then handed
    /// to `flush` in order, after what was written before the array. The bytes are those
    /// `array(_:_:)` writes, and a long array is never held whole.
    public mutating func array<Items: RandomAccessCollection & Sendable, State>(
        _ items: Items, inPiecesOf pieceSize: Int, flushingTo flush: (UnsafeBufferPointer<UInt8>) throws -> Void,
        state: @Sendable () -> State, _ write: @Sendable (inout JSONWriter, Items.Element, inout State) -> Void
    ) rethrows where Items.Index == Int {
        try array { w in
            guard !items.isEmpty else { return }
            try w.handOn(to: flush)
            let depth = w.depth
            // The writers are kept from round to round: their room is made once.
            var pieces = (0..<8 * ProcessInfo.processInfo.activeProcessorCount).map { _ in JSONWriter() }
            var start = items.startIndex
            while start < items.endIndex {
                let round = min(pieces.count, (items.endIndex - start + pieceSize - 1) / pieceSize)
                let first = start, firstOfAll = start == items.startIndex
                pieces.withUnsafeMutableBufferPointer { buffer in
                    nonisolated(unsafe) let out = buffer
                    DispatchQueue.concurrentPerform(iterations: round) { p in
                        // Inside the array: the first element of all opens it, the others follow one.
                        out[p].restart(depth: depth, empty: firstOfAll && p == 0)
                        var state = state()
                        for i in (first + p * pieceSize)..<min(first + (p + 1) * pieceSize, items.endIndex) {
                            out[p].element()
                            write(&out[p], items[i], &state)
                        }
                    }
                }
                for piece in pieces[..<round] { try piece.bytes.withUnsafeBufferPointer(flush) }
                start = min(first + round * pieceSize, items.endIndex)
            }
            w.empty = false
        }
    }

    /// Empties the writer to write inside a container at `depth`, in which something is written
    /// already unless `empty`.
    private mutating func restart(depth: Int, empty: Bool) {
        count = 0
        self.depth = depth
        self.empty = empty
    }

    /// Starts an object member: the separator, the indentation, the key.
    public mutating func key(_ key: String) {
        element()
        escape(key)
        put(": ")
    }

    /// A member whose value is a string, or `null`.
    public mutating func member(_ name: String, _ value: String?) {
        key(name)
        string(value)
    }

    /// A member whose value is a number, or `null`.
    public mutating func member(_ name: String, _ value: Int?) {
        key(name)
        int(value)
    }

    /// Starts an array element or object member: the separator and the indentation.
    private mutating func element() {
        put(empty ? "\n" : ",\n")
        empty = false
        indent(depth)
    }

    private mutating func container(_ open: StaticString, _ close: StaticString, _ body: (inout JSONWriter) throws -> Void) rethrows {
        put(open)
        let outer = empty
        empty = true
        depth += 1
        try body(&self)
        depth -= 1
        if !empty {
            put("\n")
            indent(depth)
        }
        put(close)
        empty = outer
    }

    // MARK: Values

    public mutating func string(_ value: String) {
        escape(value)
    }

    /// A string, or `null`.
    public mutating func string(_ value: String?) {
        if let value { escape(value) } else { put("null") }
    }

    /// A number, or `null`.
    public mutating func int(_ value: Int?) {
        if let value { number(String(value)) } else { put("null") }
    }

    /// A number already formatted as decimal text.
    public mutating func number(_ text: String) {
        append(text)
    }

    public mutating func bool(_ value: Bool) {
        put(value ? "true" : "false")
    }

    public mutating func null() {
        put("null")
    }

    public mutating func value(_ json: JSON) {
        switch json {
        case .string(let s): string(s)
        case .number(let n): number(n)
        case .bool(let b): bool(b)
        case .null: null()
        case .array(let items): array(items) { $0.value($1) }
        case .object(let members):
            object { w in
                for key in members.keys.sorted() {
                    w.key(key)
                    w.value(members[key]!)
                }
            }
        }
    }

    /// Appends raw text (a newline at the end of a document, say).
    public mutating func raw(_ text: StaticString) {
        put(text)
    }

    /// Writes what `body` writes (one value, in an array element) and returns a copy of it, for
    /// `raw(_:)` to write again where the same value belongs at the same depth.
    mutating func recording(_ body: (inout JSONWriter) -> Void) -> [UInt8] {
        let start = count
        body(&self)
        return Array(storage[start..<count])
    }

    /// Appends a value written before (`recording`).
    mutating func raw(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { write($0) }
    }

    /// Hands the bytes written so far to `flush`, and starts afresh.
    private mutating func handOn(to flush: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer(flush)
        count = 0
    }

    // MARK: Bytes

    /// Copies `source` into the room after the bytes written, making more room when needed.
    private mutating func write(_ source: UnsafeBufferPointer<UInt8>) {
        guard let from = source.baseAddress, !source.isEmpty else { return }
        let end = count + source.count
        if end > storage.count { storage += repeatElement(0, count: max(end, 2 * storage.count) - storage.count) }
        storage.withUnsafeMutableBufferPointer { ($0.baseAddress! + count).update(from: from, count: source.count) }
        count = end
    }

    private mutating func write(_ byte: UInt8) {
        if count == storage.count { storage += repeatElement(0, count: storage.count) }
        storage[count] = byte
        count += 1
    }

    private mutating func put(_ text: StaticString) {
        text.withUTF8Buffer { write($0) }
    }

    /// Appends a text's UTF-8 bytes in one copy, unescaped.
    private mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { write($0) }
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    private mutating func indent(_ level: Int) {
        var left = 2 * level
        while left > 0 {
            let n = min(left, Self.spaces.count)
            Self.spaces.withUnsafeBufferPointer { write(UnsafeBufferPointer(rebasing: $0[0..<n])) }
            left -= n
        }
    }

    /// RFC 8259 escaping on the UTF-8 bytes: `"`, `\\`, control characters, and U+2028/U+2029
    /// (E2 80 A8/A9), which some JavaScript readers take for line ends.
    private mutating func escape(_ s: String) {
        write(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { escape($0) }
        write(UInt8(ascii: "\""))
    }

    private mutating func escape(_ text: UnsafeBufferPointer<UInt8>) {
        var i = 0
        while i < text.count {
            // Copy the run of bytes that need no escape in one go.
            let end = Self.firstToEscape(in: text, from: i)
            if end > i {
                write(UnsafeBufferPointer(rebasing: text[i..<end]))
                i = end
                if i == text.count { break }
            }
            let b = text[i]
            switch b {
            case UInt8(ascii: "\""): put("\\\"")
            case UInt8(ascii: "\\"): put("\\\\")
            case UInt8(ascii: "\n"): put("\\n")
            case UInt8(ascii: "\r"): put("\\r")
            case UInt8(ascii: "\t"): put("\\t")
            case 0..<0x20:
                let hex = String(b, radix: 16)
                append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            case 0xE2 where i + 2 < text.count && text[i + 1] == 0x80 && (text[i + 2] == 0xA8 || text[i + 2] == 0xA9):
                put(text[i + 2] == 0xA8 ? "\\u2028" : "\\u2029")
                i += 2
            default: write(b)
            }
            i += 1
        }
    }

    /// The position of the first byte at or after `start` that `escape` may have to rewrite, or
    /// the end. Eight bytes are tested at once (a report is mostly long texts that need no
    /// escape): with `b` repeated in every byte of `m`, `(x &- m) & ~x & 0x80…80` is non-zero
    /// exactly when some byte of `x` is below `b`, and a byte equal to `b` is a zero byte of `x ^ m`.
    private static func firstToEscape(in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func below(_ x: UInt64, _ b: UInt8) -> Bool { (x &- ones &* UInt64(b)) & ~x & highs != 0 }
        func holds(_ x: UInt64, _ b: UInt8) -> Bool { below(x ^ (ones &* UInt64(b)), 1) }
        let raw = UnsafeRawPointer(text.baseAddress!)
        var i = start
        while i < text.count {
            if i + 8 <= text.count {
                let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if !below(x, 0x20) && !holds(x, UInt8(ascii: "\"")) && !holds(x, UInt8(ascii: "\\")) && !holds(x, 0xE2) {
                    i += 8
                    continue
                }
            }
            if needsEscape(text[i]) { return i }
            i += 1
        }
        return i
    }

    /// Bytes `escape` may have to rewrite: quote, backslash, control characters, and the lead
    /// byte of U+2028/U+2029.
    @inline(__always)
    private static func needsEscape(_ b: UInt8) -> Bool {
        b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b == 0xE2
    }
}
