import Foundation

/// One article's own quotes, with speakers named as the article knows them
/// (`QuoteFinder.combine` makes the archive's names from every article's).
///
/// An article restored from the build cache leaves its quotes in its mapped record, and
/// `combine` decodes them straight into the rows of the archive's `QuoteTable` (`append`):
/// decoded into an array per article at every build, 100,000 articles' quotes took 15 MB of
/// memory touched for the first time, only to be copied. The mapped file is kept here, and
/// the bytes are read through their address: a list copied out of its record to be read
/// retained that file, which all of a shard's records share, from every core at once.
struct QuoteList: Sendable {
    /// The quotes made by this build (nil for mapped ones).
    private let made: [Quote]?
    /// What keeps the mapped quotes' bytes mapped (nil for made ones).
    private let file: FastFiles.Mapped?
    /// The address of `encode`'s quotes (after their count) in `file` (0 for made ones), and
    /// how many bytes they take: read without touching `file`.
    let address: UInt, byteCount: Int
    /// The article's id, for mapped quotes.
    let article: String
    let count: Int

    init(_ quotes: [Quote]) {
        made = quotes; file = nil; address = 0; byteCount = 0; article = ""; count = quotes.count
    }

    private init(file: FastFiles.Mapped, offset: Int, end: Int, article: String, count: Int) {
        made = nil; self.file = file; address = UInt(bitPattern: file.bytes.baseAddress! + offset)
        byteCount = end - offset; self.article = article; self.count = count
    }

    /// The mapped quotes' bytes (valid while this list is: it keeps their file).
    private var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: UnsafeRawPointer(bitPattern: address), count: byteCount) }

    /// Appends the quotes to `table`, as quotes of the article it started last (mapped ones
    /// decoded straight into its rows: no `Quote` made, no string made for a speaker or cue
    /// named as the quote before names it).
    func append(to table: inout QuoteTable.RowWriter) {
        if let made { for q in made { table.append(q, startingArticles: false) }; return }
        withExtendedLifetime(self) { Self.append(at: address, byteCount: byteCount, count: count, to: &table) }
    }

    /// The id of the article whose quotes these are (nil: no quotes).
    var articleID: String? { made.map { $0.first?.article } ?? (count > 0 ? article : nil) }

    /// The mapped quotes of a list whose `address` (not 0), `byteCount` and `count` these are,
    /// appended to `table` (its article started); the list must be kept meanwhile. For a list left
    /// in a record: taking its fields one by one copies no reference, where a method called on the
    /// list copies the whole list out first (retaining its file, which a shard's records share).
    static func append(at address: UInt, byteCount: Int, count: Int, to table: inout QuoteTable.RowWriter) {
        // Checked when the record was read (`decode`): read here without a `ByteReader`'s checks
        // and errors at each field (a million quotes at every build), but never past the end.
        var p = UnsafeRawPointer(bitPattern: address)!
        let end = p + byteCount
        func int() -> Int {
            precondition(end - p >= 8, "quotes checked when their record was read")
            defer { p += 8 }
            return Int(Int64(littleEndian: p.loadUnaligned(as: Int64.self)))
        }
        func flag() -> Bool {
            precondition(end - p >= 1, "quotes checked when their record was read")
            defer { p += 1 }
            return p.load(as: UInt8.self) != 0
        }
        func bytes() -> UnsafeRawBufferPointer {
            let n = int()
            precondition(n >= 0 && end - p >= n, "quotes checked when their record was read")
            defer { p += n }
            return UnsafeRawBufferPointer(start: p, count: n)
        }
        for _ in 0..<count {
            let id = bytes(), start = int(), stop = int()
            let cue = flag() ? table.cueNumber(bytes()) : -1
            var speaker: Int32 = -1, mention = 0..<0
            if flag() {
                let name = bytes()
                guard let kind = Self.kind(bytes()) else { preconditionFailure("quotes checked when their record was read") }
                speaker = table.speakerNumber(name: name, kind: kind)
                let lo = int(), hi = int()
                precondition(lo <= hi, "quotes checked when their record was read")
                mention = lo..<hi
            }
            guard let hash = QuoteTable.idHash(id) else {
                // (An id of another form, never made by `ArticleQuotes`: kept as it is.)
                table.append(idHash: 0, start: start, end: stop, speaker: speaker, mention: mention, cue: cue)
                table.setLastID(String(decoding: id, as: UTF8.self))
                continue
            }
            table.append(idHash: hash, start: start, end: stop, speaker: speaker, mention: mention, cue: cue)
        }
    }

    /// The quotes in order (decoded as a build decodes them, into a table of their own).
    var all: [Quote] {
        if let made { return made }
        guard let id = articleID else { return [] }
        return Array(QuoteTable.filled(count: count, runs: [0..<count]) { _, table in
            table.startArticle(id)
            append(to: &table)
        })
    }

    /// Writes the quotes with a count of their bytes before them (so a reader can step
    /// over them); mapped ones are copied as they lie.
    func encode(into w: inout ByteWriter) {
        if let made {
            w.counted { w in
                w.int(made.count)
                for q in made {
                    w.string(q.id); w.int(q.start); w.int(q.end); w.optionalString(q.cue)
                    w.bool(q.speaker != nil)
                    if let s = q.speaker { w.string(s.name); w.string(s.kind.rawValue); w.range(s.mention) }
                }
            }
        } else {
            // The count was read from just before them: it is copied with them.
            w.int(byteCount + 8); w.int(count)
            withExtendedLifetime(self) { w.plain(bytes) }
        }
    }

    /// Checks that what `encode` wrote reads back whole (every speaker's kind known), and
    /// keeps where it lies; the quotes will be those of article `article`.
    static func decode(from r: inout ByteReader, article: String) throws(ByteReader.Malformed) -> QuoteList {
        let block = try r.inPlace(UInt8.self)
        var check = ByteReader(block.file, offset: block.offset, end: block.offset + block.count)
        let n = try check.count()
        let start = block.offset + 8
        for _ in 0..<n {
            try check.skipString(); _ = try check.int(); _ = try check.int(); try check.skipOptionalString()
            if try check.bool() {
                try check.skipString()
                guard Self.kind(try check.stringBytes()) != nil else { throw .init() }
                _ = try check.range()
            }
        }
        guard check.atEnd else { throw .init() }
        return QuoteList(file: block.file, offset: start, end: block.offset + block.count, article: article, count: n)
    }

    /// The speaker kind whose raw value these bytes spell, or nil: matched where the bytes lie
    /// (a string made and matched for each of 100,000 quotes at every build, and again when
    /// each record was checked), against the kind of that length and first byte alone.
    private static func kind(_ bytes: UnsafeRawBufferPointer) -> SpeakerKind? {
        for (kind, raw) in kinds where raw.count == bytes.count && raw.first == bytes.first {
            if raw.withUnsafeBytes({ memcmp($0.baseAddress!, bytes.baseAddress!, raw.count) }) == 0 { return kind }
        }
        return nil
    }

    /// Each speaker kind with its raw value's bytes.
    private static let kinds = SpeakerKind.allCases.map { (kind: $0, raw: Array($0.rawValue.utf8)) }
}
