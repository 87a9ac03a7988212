import DubanYAML

/// Positions of a list of texts, looked up by UTF-8 bytes: a reader finds a rule id where it
/// stands in the file's bytes, without building a `String` and hashing it (which cost more than
/// the rest of reading a task). Open addressing over the FNV-1a hash of `Fingerprint`; the first
/// of equal keys wins.
struct ByteKeyIndex: Sendable {
    /// Every key's UTF-8 bytes, one after another; key k is `bytes[bounds[k]..<bounds[k + 1]]`.
    /// Held as bytes, not `String`s: reading a `String` out of an array retains its storage,
    /// which the threads reading files at once would all count up and down.
    private let bytes: [UInt8]
    private let bounds: [Int]
    /// Positions of keys, or -1 for an empty slot; a power of two long, at most half full.
    private let slots: [Int32]

    init(_ keys: [String]) {
        var bytes: [UInt8] = [], bounds = [0]
        for key in keys {
            bytes += key.utf8
            bounds.append(bytes.count)
        }
        var capacity = 16
        while capacity < keys.count * 2 { capacity *= 2 }
        var slots = [Int32](repeating: -1, count: capacity)
        bytes.withUnsafeBufferPointer { all in
            for position in keys.indices {
                let key = Self.key(position, in: all, bounds: bounds)
                var slot = Self.hash(key) & (capacity - 1)
                while slots[slot] >= 0 {
                    if Node.equal(Self.key(Int(slots[slot]), in: all, bounds: bounds), key) { break }
                    slot = (slot + 1) & (capacity - 1)
                }
                if slots[slot] < 0 { slots[slot] = Int32(position) }
            }
        }
        self.bytes = bytes
        self.bounds = bounds
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
                if Node.equal(Self.key(position, in: all, bounds: bounds), key) { return position }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The bytes of the key at `position`.
    private static func key(_ position: Int, in all: UnsafeBufferPointer<UInt8>, bounds: [Int]) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: all[bounds[position]..<bounds[position + 1]])
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var h = Fingerprint()
        h.add(bytes: bytes)
        return Int(truncatingIfNeeded: h.value ^ (h.value >> 32))
    }
}
