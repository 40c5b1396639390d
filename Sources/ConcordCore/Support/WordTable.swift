import Foundation

/// A fixed table of words looked up many times per article: attribution looks
/// up nearly every capitalized word in several of the lexicon's lists.
///
/// The standard `Set` and `Dictionary` hash every lookup with a seeded SipHash
/// (a sixth of the time spent finding names); this table hashes an ASCII word's
/// bytes with FNV-1a (`StableHash`) and compares bytes. A word with other bytes
/// is looked up as a `String` in a standard dictionary, so equality stays
/// Swift's (canonical equivalence), which for ASCII is byte equality.
struct WordTable<Value: Sendable>: Sendable {
    private enum Found { case value(Value), absent, notASCII }
    private struct Entry: Sendable {
        let start: Int32, count: Int32
        let value: Value
    }
    /// The ASCII words' bytes, one after another.
    private let bytes: [UInt8]
    private let entries: [Entry]
    /// Open addressing, at most a quarter full: an index into `entries`, or -1.
    private let slots: [Int32]
    private let mask: Int
    /// Every word, for the lookup of a word that is not ASCII.
    private let all: [String: Value]

    /// The first value of a word given twice is kept.
    init(_ pairs: [(String, Value)]) {
        var all: [String: Value] = [:]
        var bytes: [UInt8] = [], entries: [Entry] = []
        var size = 16
        while size < pairs.count * 4 { size <<= 1 }
        var slots = [Int32](repeating: -1, count: size)
        for (word, value) in pairs where all[word] == nil {
            all[word] = value
            guard word.isAllASCII else {
                // Only an ASCII word can equal an ASCII word (in a few scripts a
                // character decomposes to ASCII: such words are not supported).
                precondition(!word.decomposedStringWithCanonicalMapping.isAllASCII,
                             "WordTable: '\(word)' equals an ASCII word")
                continue
            }
            let utf8 = Array(word.utf8)
            var s = Self.hash(utf8) & (size - 1)
            while slots[s] >= 0 { s = (s + 1) & (size - 1) }
            slots[s] = Int32(entries.count)
            entries.append(Entry(start: Int32(bytes.count), count: Int32(utf8.count), value: value))
            bytes += utf8
        }
        self.bytes = bytes; self.entries = entries; self.slots = slots; self.mask = size - 1; self.all = all
    }

    /// FNV-1a (`StableHash`), its high bits folded into the low ones the slots are taken from.
    /// (Byte by byte: its generic `combine` of a sequence made the quotes step 10 % slower.)
    @inline(__always) private static func hash<C: Collection>(_ word: C) -> Int where C.Element == UInt8 {
        var h = StableHash()
        for b in word { h.combine(byte: b) }
        return Int(truncatingIfNeeded: h.value ^ (h.value >> 29))
    }

    subscript(word: String) -> Value? {
        let found = word.utf8.withContiguousStorageIfAvailable { utf8 -> Found in
            guard utf8.allSatisfy({ $0 < 0x80 }) else { return .notASCII }
            return lookup(utf8).map { .value($0) } ?? .absent
        }
        switch found {
        case .value(let v)?: return v
        case .absent?: return nil
        case .notASCII?, nil: return all[word]
        }
    }

    private func lookup(_ word: UnsafeBufferPointer<UInt8>) -> Value? {
        var s = Self.hash(word) & mask
        return bytes.withUnsafeBufferPointer { stored in
            while true {
                let k = Int(slots[s])
                if k < 0 { return nil }
                let e = entries[k]
                if Int(e.count) == word.count
                    && (word.isEmpty || memcmp(stored.baseAddress! + Int(e.start), word.baseAddress!, word.count) == 0) {
                    return e.value
                }
                s = (s + 1) & mask
            }
        }
    }
}

extension WordTable: ExpressibleByDictionaryLiteral {
    init(dictionaryLiteral elements: (String, Value)...) { self.init(elements) }
}

/// A fixed set of words (see `WordTable`).
typealias WordSet = WordTable<Bool>

extension WordTable: ExpressibleByArrayLiteral where Value == Bool {
    init(arrayLiteral words: String...) { self.init(words.map { ($0, true) }) }
    init<S: Sequence<String>>(words: S) { self.init(words.map { ($0, true) }) }
    func contains(_ word: String) -> Bool { self[word] != nil }
}
