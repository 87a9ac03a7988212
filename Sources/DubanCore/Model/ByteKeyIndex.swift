import DubanYAML

/// Positions of a list of texts, looked up by UTF-8 bytes: a reader finds a rule id where it
/// stands in the file's bytes, without building a `String` and hashing it (which cost more than
/// the rest of reading a task). Open addressing over the FNV-1a hash of `Fingerprint`; the first
/// of equal keys wins.
struct ByteKeyIndex: Sendable {
    /// Every key's UTF-8 bytes, one after another; key k is `bytes[ends[k - 1]..<ends[k]]`. Held as
    /// bytes, not `String`s: reading a `String` out of an array retains its storage, which the
    /// threads reading files at once would all count up and down.
    private let bytes: [UInt8]
    private let ends: [Int]
    /// Positions of keys, or -1 for an empty slot; a power of two long, at most half full.
    private let slots: [Int32]

    init(_ keys: [String]) {
        var bytes: [UInt8] = [], ends: [Int] = []
        for key in keys {
            bytes += key.utf8
            ends.append(bytes.count)
        }
        var capacity = 16
        while capacity < keys.count * 2 { capacity *= 2 }
        var slots = [Int32](repeating: -1, count: capacity)
        bytes.withUnsafeBufferPointer { all in
            for position in keys.indices {
                let key = UnsafeBufferPointer(rebasing: all[(position == 0 ? 0 : ends[position - 1])..<ends[position]])
                var slot = Self.hash(key) & (capacity - 1)
                while slots[slot] >= 0 {
                    if Self.key(Int(slots[slot]), in: all, ends: ends, equals: key) { break }
                    slot = (slot + 1) & (capacity - 1)
                }
                if slots[slot] < 0 { slots[slot] = Int32(position) }
            }
        }
        self.bytes = bytes
        self.ends = ends
        self.slots = slots
    }

    /// The position of the key spelled by `bytes`, if any.
    func position(of key: UnsafeBufferPointer<UInt8>) -> Int? {
        let mask = slots.count - 1
        var slot = Self.hash(key) & mask
        return bytes.withUnsafeBufferPointer { all in
            while true {
                let position = Int(slots[slot])
                if position < 0 { return nil }
                if Self.key(position, in: all, ends: ends, equals: key) { return position }
                slot = (slot + 1) & mask
            }
        }
    }

    private static func key(_ position: Int, in all: UnsafeBufferPointer<UInt8>, ends: [Int], equals key: UnsafeBufferPointer<UInt8>) -> Bool {
        Node.equal(UnsafeBufferPointer(rebasing: all[(position == 0 ? 0 : ends[position - 1])..<ends[position]]), key)
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var h = Fingerprint()
        h.add(bytes: bytes)
        return Int(truncatingIfNeeded: h.value ^ (h.value >> 32))
    }
}
