extension StringProtocol {
    /// Whether the text holds the ASCII character `c`: a scan of its bytes. (With
    /// Foundation imported, `contains(" ")` is `range(of:)` through `NSString`, which
    /// cost more than half of resolving the archive's speaker names.)
    @inline(__always) func containsASCII(_ c: Unicode.Scalar) -> Bool {
        utf8.contains(UInt8(truncatingIfNeeded: c.value))
    }

    /// Whether every character is ASCII: a scan of its bytes.
    var isAllASCII: Bool { utf8.allSatisfy { $0 < 0x80 } }
}
