#if canImport(Glibc)
import Glibc
#endif

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

    /// The string (made anew at each call for a mapped one: a caller that asks often keeps it).
    var string: String {
        switch storage {
        case .given(let s): return s
        case .mapped(let file, let offset, let count):
            return withExtendedLifetime(file) {
                String(decoding: UnsafeRawBufferPointer(rebasing: file.bytes[Int(offset)..<Int(offset + count)]), as: UTF8.self)
            }
        }
    }

    /// What `<` on the strings compares, made once each for a sort of many: the bytes where they
    /// lie when they are all ASCII (whose byte order is `String`'s), else the string. Sorting a
    /// shard's records by path made a string for each of 100,000 records every time `concord
    /// serve` kept a build's cache in memory. Valid while the `MappedString` is.
    enum SortKey: Comparable {
        case ascii(UnsafeRawBufferPointer)
        case string(String)

        static func < (a: SortKey, b: SortKey) -> Bool {
            switch (a, b) {
            case (.ascii(let x), .ascii(let y)):
                let n = min(x.count, y.count)
                let order = n == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, n)
                return order != 0 ? order < 0 : x.count < y.count
            default: return a.text < b.text
            }
        }

        static func == (a: SortKey, b: SortKey) -> Bool { !(a < b) && !(b < a) }

        private var text: String {
            switch self {
            case .ascii(let bytes): return String(decoding: bytes, as: UTF8.self)
            case .string(let s): return s
            }
        }
    }

    var sortKey: SortKey {
        switch storage {
        case .given(let s): return .string(s)
        case .mapped(let file, let offset, let count):
            let bytes = UnsafeRawBufferPointer(rebasing: file.bytes[Int(offset)..<Int(offset + count)])
            return bytes.allSatisfy { $0 < 0x80 } ? .ascii(bytes) : .string(string)
        }
    }

    /// `PathHash.of(string)`, of the bytes where they lie.
    var pathHash: UInt64 {
        switch storage {
        case .given(let s): return PathHash.of(s)
        case .mapped(let file, let offset, let count):
            return withExtendedLifetime(file) { PathHash.of(UnsafeRawBufferPointer(rebasing: file.bytes[Int(offset)..<Int(offset + count)])) }
        }
    }
}
