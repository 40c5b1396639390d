/// The full names one article spells out (`NameBook.fullNames`), in order, kept
/// as one string with a line break between names (one string each instead of one
/// per name took 10–15 ms off the parse stage of an add at 10,000 articles).
///
/// An article restored from the build cache leaves them in its shard's names section
/// (`ShardSection`) and decodes them when asked: they are read only when some quote
/// names a speaker by one word, and kept as strings they were the records' largest part
/// in memory (600 bytes an article in a generated archive: 15,600 of an add's 95,000 page
/// faults at 100,000 articles). Kept among the records, they were still mapped and summed
/// with them at every build.
struct FullNames: Sendable, Equatable {
    private enum Storage: Sendable {
        case joined(String)
        /// The joined names' UTF-8 bytes, at this offset of a shard's file, in its names section.
        case mapped(ShardSection, offset: Int, count: Int)
    }
    private let storage: Storage

    init(_ names: [String]) { storage = .joined(names.joined(separator: "\n")) }

    init(joined: String) { storage = .joined(joined) }

    /// What `encode` wrote to `r`, the names left where they lie in `section`.
    static func decode(from r: inout ByteReader, section: ShardSection) throws(ByteReader.Malformed) -> FullNames {
        let count = try r.int(), at = try r.int()
        guard count >= 0, at >= 0, at <= section.range.count, count <= section.range.count - at else { throw .init() }
        return FullNames(storage: .mapped(section, offset: section.range.lowerBound + at, count: count))
    }

    private init(storage: Storage) { self.storage = storage }

    /// Whether the names can be read: always for names made by this build; for names in a
    /// cache shard, whether its names section is intact (checked on first ask).
    var isIntact: Bool {
        switch storage {
        case .joined: return true
        case .mapped(let section, _, _): return section.isIntact
        }
    }

    /// The names joined by "\n" (names never hold a line break: they are words of one line).
    /// Empty for names whose section is damaged: read them after `isIntact`.
    var joined: String {
        switch storage {
        case .joined(let s): return s
        case .mapped(let section, let offset, let count):
            guard section.isIntact else { return "" }
            return withExtendedLifetime(section) {
                String(decoding: UnsafeRawBufferPointer(rebasing: section.file.bytes[offset..<(offset + count)]).bindMemory(to: UInt8.self),
                       as: UTF8.self)
            }
        }
    }

    /// The names, as slices of `joined` (no copy).
    var names: [Substring] {
        let all = joined
        return all.isEmpty ? [] : all.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// Writes the names' byte count and their place in `section` (as an offset from its start)
    /// to `w`, and the joined names' bytes to `section`; mapped ones are copied as they lie.
    func encode(into w: inout ByteWriter, section: inout ByteWriter) {
        switch storage {
        case .joined(let s):
            w.int(s.utf8.count); w.int(section.bytes.count)
            section.plain(s.utf8)
        case .mapped(let from, let offset, let count):
            w.int(count); w.int(section.bytes.count)
            withExtendedLifetime(from) { section.plain(UnsafeRawBufferPointer(rebasing: from.file.bytes[offset..<(offset + count)])) }
        }
    }

    static func == (a: FullNames, b: FullNames) -> Bool { a.joined == b.joined }
}
