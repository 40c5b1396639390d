/// The full names one article spells out (`NameBook.fullNames`), in order, kept
/// as one string with a line break between names (one string each instead of one
/// per name took 10–15 ms off the parse stage of an add at 10,000 articles).
///
/// An article restored from the build cache leaves them in its mapped record and
/// decodes them when asked: they are read only when some quote names a speaker by
/// one word, and kept as strings they were the records' largest part in memory
/// (600 bytes an article in a generated archive: 15,600 of an add's 95,000 page
/// faults at 100,000 articles).
struct FullNames: Sendable, Equatable {
    private enum Storage: Sendable {
        case joined(String)
        /// The joined names' UTF-8 bytes, where they lie in a mapped cache file.
        case mapped(FastFiles.Mapped, offset: Int, count: Int)
    }
    private let storage: Storage

    init(_ names: [String]) { storage = .joined(names.joined(separator: "\n")) }

    init(joined: String) { storage = .joined(joined) }

    /// What `encode` wrote, left in the file `r` reads.
    static func decode(from r: inout ByteReader) throws(ByteReader.Malformed) -> FullNames {
        let block = try r.inPlace(UInt8.self)
        return FullNames(storage: .mapped(block.file, offset: block.offset, count: block.count))
    }

    private init(storage: Storage) { self.storage = storage }

    /// The names joined by "\n" (names never hold a line break: they are words of one line).
    var joined: String {
        switch storage {
        case .joined(let s): return s
        case .mapped(let file, let offset, let count):
            return withExtendedLifetime(file) {
                String(decoding: UnsafeRawBufferPointer(rebasing: file.bytes[offset..<(offset + count)]).bindMemory(to: UInt8.self),
                       as: UTF8.self)
            }
        }
    }

    /// The names, as slices of `joined` (no copy).
    var names: [Substring] {
        let all = joined
        return all.isEmpty ? [] : all.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// Writes the joined names as a string (`ByteWriter.string`); mapped ones are copied as they lie.
    func encode(into w: inout ByteWriter) {
        switch storage {
        case .joined(let s): w.string(s)
        case .mapped(let file, let offset, let count):
            w.int(count)
            withExtendedLifetime(file) { w.plain(UnsafeRawBufferPointer(rebasing: file.bytes[offset..<(offset + count)])) }
        }
    }

    static func == (a: FullNames, b: FullNames) -> Bool { a.joined == b.joined }
}
