/// A 64-bit hash of a path: what the build cache's file tables and article records are keyed by.
///
/// Every build looks up each of its pages in those tables (12,000 at 10,000 articles);
/// by path, each lookup hashed the string with a seeded hash and compared it with a key
/// stored elsewhere in memory, and the tables held one string per file. Two paths with the
/// same hash would share an entry: the same odds as two pages with the same `PageKey`,
/// which the cache already takes.
enum PathHash {
    static func of(_ path: String) -> UInt64 { Checksum.of(path) }
    /// The same for a path's UTF-8 bytes where they lie (a line of a manifest), with no string made.
    static func of(_ path: UnsafeRawBufferPointer) -> UInt64 { Checksum.of(path) }
}
