import DubanYAML

/// Positions of a list of texts, looked up by UTF-8 bytes: a reader finds a rule id where it
/// stands in the file's bytes, without building a `String` and hashing it (which cost more than
/// the rest of reading a task). Open addressing over the FNV-1a hash of `Fingerprint`; the first
/// of equal keys wins.
struct ByteKeyIndex: Sendable {
    private let keys: [String]
    /// Positions in `keys`, or -1 for an empty slot; a power of two long, at most half full.
    private let slots: [Int32]

    init(_ keys: [String]) {
        self.keys = keys
        var capacity = 16
        while capacity < keys.count * 2 { capacity *= 2 }
        var slots = [Int32](repeating: -1, count: capacity)
        for (position, key) in keys.enumerated() {
            var key = key
            key.withUTF8 { bytes in
                var slot = Self.hash(bytes) & (capacity - 1)
                while slots[slot] >= 0 {
                    if Node.equal(bytes, keys[Int(slots[slot])]) { return }
                    slot = (slot + 1) & (capacity - 1)
                }
                slots[slot] = Int32(position)
            }
        }
        self.slots = slots
    }

    /// The position of the key spelled by `bytes`, if any.
    func position(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let mask = slots.count - 1
        var slot = Self.hash(bytes) & mask
        while true {
            let position = Int(slots[slot])
            if position < 0 { return nil }
            if Node.equal(bytes, keys[position]) { return position }
            slot = (slot + 1) & mask
        }
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var h = Fingerprint()
        h.add(bytes: bytes)
        return Int(truncatingIfNeeded: h.value ^ (h.value >> 32))
    }
}
