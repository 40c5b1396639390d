/// A string given, or left where it lies in a mapped cache file and made only when asked for.
///
/// For the strings of cache records that most builds never read: the path of each of
/// 100,000 articles restored at every incremental build was a string of about 45 bytes, an
/// allocation each in memory touched for the first time, where an add asks for about a
/// thousand of them. The bytes are the file's, checked when it was read (its checksum), so
/// they are valid UTF-8.
struct MappedString: Sendable {
    private enum Storage: Sendable {
        case given(String)
        /// The place of the bytes in `file` (a record lies in a shard of a few MB: 4 bytes each
        /// keep the enum at 24 bytes, as a `String` beside a tag would be).
        case mapped(FastFiles.Mapped, offset: UInt32, count: UInt32)
    }
    private let storage: Storage

    init(_ string: String) { storage = .given(string) }

    /// The `count` bytes at `offset` of `file`; made into a string at once if their place does
    /// not fit in 4-byte numbers.
    init(file: FastFiles.Mapped, offset: Int, count: Int) {
        if let at = UInt32(exactly: offset), let n = UInt32(exactly: count) {
            storage = .mapped(file, offset: at, count: n)
        } else {
            storage = .given(String(decoding: UnsafeRawBufferPointer(rebasing: file.bytes[offset..<(offset + count)]), as: UTF8.self))
        }
    }

    /// The bytes of a mapped string where they lie, valid while this value is (it keeps their
    /// file mapped); nil for a given one.
    private var mappedBytes: UnsafeRawBufferPointer? {
        guard case .mapped(let file, let offset, let count) = storage else { return nil }
        return UnsafeRawBufferPointer(rebasing: file.bytes[Int(offset)..<Int(offset + count)])
    }

    /// The string (made anew at each call for a mapped one: a caller that asks often keeps it).
    var string: String {
        switch storage {
        case .given(let s): return s
        case .mapped: return withExtendedLifetime(self) { String(decoding: mappedBytes!, as: UTF8.self) }
        }
    }

    /// What a sort of many compares, made once each: the bytes where they lie when they are all
    /// ASCII, else the string. Sorting a shard's records by path made a string for each of
    /// 100,000 records every time `concord serve` kept a build's cache in memory. Valid while
    /// the `MappedString` is.
    enum SortKey {
        case ascii(UnsafeRawBufferPointer)
        case string(String)

        /// Whether this goes before `other` in the order every build takes paths
        /// (`SourceListing.precedes`; for ASCII, their bytes' order, `BytewiseSort.precedes`).
        func precedes(_ other: SortKey) -> Bool {
            if case .ascii(let a) = self, case .ascii(let b) = other { return BytewiseSort.precedes(a, b) }
            return SourceListing.precedes(text, other.text)
        }

        private var text: String {
            switch self {
            case .ascii(let bytes): return String(decoding: bytes, as: UTF8.self)
            case .string(let s): return s
            }
        }
    }

    var sortKey: SortKey {
        guard let bytes = mappedBytes, bytes.isAllASCII else { return .string(string) }
        return .ascii(bytes)
    }

    /// `PathHash.of(string)`, of the bytes where they lie.
    var pathHash: UInt64 {
        guard let bytes = mappedBytes else { return PathHash.of(string) }
        return withExtendedLifetime(self) { PathHash.of(bytes) }
    }
}
