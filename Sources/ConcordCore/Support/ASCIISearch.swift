extension StringProtocol {
    /// Whether the text holds the ASCII character `c`: a scan of its bytes. (With
    /// Foundation imported, `contains(" ")` is `range(of:)` through `NSString`, which
    /// cost more than half of resolving the archive's speaker names.)
    @inline(__always) func containsASCII(_ c: Unicode.Scalar) -> Bool {
        utf8.contains(UInt8(truncatingIfNeeded: c.value))
    }

    /// Whether every character is ASCII: a scan of its bytes.
    var isAllASCII: Bool { utf8.allSatisfy { $0 < 0x80 } }

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
