/// What an article shows besides its text: title, credits, author, source URL, tags.
///
/// No build step but the making of the article's own page, list row and
/// `annotations.json` entry reads them (lists and links of other pages take
/// `ArticleDigests`), so an article restored from the build cache leaves them
/// in its mapped record and decodes them when asked. Copied out at every
/// incremental build, 100,000 titles and credit lists took 200,000 allocations
/// in memory touched for the first time.
struct ArticleDetails: Sendable {
    struct Fields: Sendable, Equatable {
        var title: String
        var credits: [String]
        var author: String?
        var url: String?
        var tags: [String]
    }

    private enum Storage: Sendable {
        /// Boxed (`indirect`), so that the enum, which every article holds, is the size of
        /// `mapped` (24 bytes), not of five fields (64): restored articles, the many, are mapped.
        indirect case fields(Fields)
        /// `encode`'s bytes (without their count), left where they lie in a mapped cache file.
        case mapped(FastFiles.Mapped, offset: Int, count: Int)
    }
    private let storage: Storage

    init(_ fields: Fields) { storage = .fields(fields) }

    var fields: Fields {
        switch storage {
        case .fields(let f): return f
        case .mapped(let file, let offset, let count):
            // Checked when the record was read (`decode`), so it cannot fail here.
            var r = ByteReader(file, offset: offset, end: offset + count)
            return (try? Self.fields(from: &r)) ?? Fields(title: "", credits: [], author: nil, url: nil, tags: [])
        }
    }

    /// Writes the fields with a count of their bytes before them (so a reader can step over
    /// them); a restored article's are copied as they lie.
    func encode(into w: inout ByteWriter) {
        switch storage {
        case .fields(let f):
            w.counted { w in
                w.string(f.title); w.strings(f.credits); w.optionalString(f.author); w.optionalString(f.url); w.strings(f.tags)
            }
        case .mapped(let file, let offset, let count):
            w.int(count)
            withExtendedLifetime(file) { w.plain(UnsafeRawBufferPointer(rebasing: file.bytes[offset..<(offset + count)])) }
        }
    }

    /// Steps over what `encode` wrote, checking that it reads back whole, and keeps where it lies.
    static func decode(from r: inout ByteReader) throws(ByteReader.Malformed) -> ArticleDetails {
        let block = try r.inPlace(UInt8.self)
        var check = ByteReader(block.file, offset: block.offset, end: block.offset + block.count)
        try check.skipString(); try check.skipStrings(); try check.skipOptionalString(); try check.skipOptionalString(); try check.skipStrings()
        guard check.atEnd else { throw .init() }
        return ArticleDetails(storage: .mapped(block.file, offset: block.offset, count: block.count))
    }

    private init(storage: Storage) { self.storage = storage }

    private static func fields(from r: inout ByteReader) throws(ByteReader.Malformed) -> Fields {
        Fields(title: try r.string(), credits: try r.strings(), author: try r.optionalString(),
               url: try r.optionalString(), tags: try r.strings())
    }
}
