extension StringProtocol {
    /// Whether the text holds the ASCII character `c`: a scan of its bytes. (With
    /// Foundation imported, `contains(" ")` is `range(of:)` through `NSString`, which
    /// cost more than half of resolving the archive's speaker names.)
    /// The bytes are scanned where they lie when the text keeps them in one piece (a native
    /// string, small or not): stepping through `utf8` byte by byte took 13 % of combining a
    /// million quotes' speakers at 100,000 articles.
    @inline(__always) func containsASCII(_ c: Unicode.Scalar) -> Bool {
        let byte = UInt8(truncatingIfNeeded: c.value)
        return utf8.withContiguousStorageIfAvailable { $0.contains(byte) } ?? utf8.contains(byte)
    }

    /// Whether every character is ASCII: a scan of its bytes (where they lie, as above).
    var isAllASCII: Bool {
        utf8.withContiguousStorageIfAvailable { $0.allSatisfy { $0 < 0x80 } } ?? utf8.allSatisfy { $0 < 0x80 }
    }

    /// Where `bytes` next lie, one after another, in the text's UTF-8 from `start` on (by
    /// bytes alone: the ends may fall inside a character), or nil; empty `bytes` lie at `start`.
    func utf8Range(of bytes: [UInt8], from start: Index? = nil) -> Range<Index>? {
        let utf8 = self.utf8
        var from = start ?? utf8.startIndex
        guard let first = bytes.first else { return from..<from }
        while let at = utf8[from...].firstIndex(of: first) {
            if utf8[at...].starts(with: bytes) { return at..<utf8.index(at, offsetBy: bytes.count) }
            from = utf8.index(after: at)
        }
        return nil
    }
}

extension UnsafeRawBufferPointer {
    /// Whether every byte is ASCII, read eight at a time.
    var isAllASCII: Bool {
        let words = count / 8
        var high: UInt64 = 0
        for k in 0..<words { high |= loadUnaligned(fromByteOffset: 8 * k, as: UInt64.self) }
        for k in (8 * words)..<count { high |= UInt64(self[k]) }
        return high & 0x8080_8080_8080_8080 == 0
    }
}
