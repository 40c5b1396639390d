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
    ///
    /// The article's speakers and cues are numbered in the table once each (a few per article,
    /// not one lookup per quote), then each quote's row is copied as it lies, its speaker and cue
    /// turned into the table's numbers (see `encode` for the layout).
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
        func bytes() -> UnsafeRawBufferPointer {
            let n = int()
            precondition(n >= 0 && end - p >= n, "quotes checked when their record was read")
            defer { p += n }
            return UnsafeRawBufferPointer(start: p, count: n)
        }
        let speakerCount = int(), cueCount = int()
        precondition(0...count ~= speakerCount && 0...count ~= cueCount, "quotes checked when their record was read")
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: speakerCount + cueCount + 1) { numbers in
            for s in 0..<speakerCount {
                precondition(end - p >= 1, "quotes checked when their record was read")
                let tag = p.load(as: UInt8.self)
                p += 1
                numbers[s] = table.speakerNumber(name: bytes(), kind: SpeakerKind(tag: tag))
            }
            for c in 0..<cueCount { numbers[speakerCount + c] = table.cueNumber(bytes()) }
            var explicit: [(row: Int, id: String)] = []
            for _ in 0..<int() { explicit.append((int(), String(decoding: bytes(), as: UTF8.self))) }
            precondition(end - p == count * rowBytes, "quotes checked when their record was read")
            let speakers = UnsafeBufferPointer(rebasing: numbers[..<speakerCount])
            let cues = UnsafeBufferPointer(rebasing: numbers[speakerCount..<(speakerCount + cueCount)])
            var next = 0
            for k in 0..<count {
                table.appendRow(p + k * rowBytes, speakers: speakers, cues: cues)
                if next < explicit.count, explicit[next].row == k { table.setLastID(explicit[next].id); next += 1 }
            }
        }
    }

    /// A quote's row in a record: a `QuoteTable` row without its article (the fields from
    /// `start` on: start, end, speaker, the mention's start and end, cue, the id's hash in two
    /// halves), each 32 bits, its speaker and cue numbers into the article's own (-1: none).
    /// `QuoteTable.Field` is the one spelling of the layout: `RowWriter.appendRow` copies a row
    /// as it lies, so writing and checking go by the same fields.
    static let rowWords = QuoteTable.width - QuoteTable.Field.start.rawValue
    static let rowBytes = rowWords * 4

    /// Where field `f` lies in a record's row.
    @inline(__always)
    static func column(_ f: QuoteTable.Field) -> Int { f.rawValue - QuoteTable.Field.start.rawValue }

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
    /// over them); mapped ones are copied as they lie. After the count of quotes: the counts
    /// of the article's distinct speakers and cues; each speaker, its kind's tag (a byte) and
    /// its name; each cue; the quotes whose id is not "q" and 12 hex digits (their count, then
    /// each one's place and id); then one row of `rowWords` 32-bit numbers per quote
    /// (`ByteWriter.u32s`). Written as ten numbers and four strings each, read field by field
    /// with its speaker and cue looked up by name, the quotes of 100,000 articles quoting ten
    /// times each made the records every build reads 137 MB, not 94, and combining them took
    /// 60 ms of an add, not 27 (round 64).
    func encode(into w: inout ByteWriter) {
        if let made {
            w.counted { w in
                w.int(made.count)
                // Each quote's speaker and cue as numbers into the article's own, and its id's hash.
                var speakers: [QuoteTable.Speaker: Int32] = [:], speakerList: [QuoteTable.Speaker] = []
                var cues: [String: Int32] = [:], cueList: [String] = []
                var explicit: [(Int, String)] = []
                var numbered: [(speaker: Int32, cue: Int32, hash: UInt64)] = []
                numbered.reserveCapacity(made.count)
                for (k, q) in made.enumerated() {
                    var speaker: Int32 = -1, cue: Int32 = -1
                    if let s = q.speaker {
                        let key = QuoteTable.Speaker(name: s.name, kind: s.kind)
                        if let n = speakers[key] { speaker = n } else {
                            speaker = Int32(speakerList.count); speakers[key] = speaker; speakerList.append(key)
                        }
                    }
                    if let c = q.cue {
                        if let n = cues[c] { cue = n } else { cue = Int32(cueList.count); cues[c] = cue; cueList.append(c) }
                    }
                    let hash = QuoteTable.idHash(q.id)
                    if hash == nil { explicit.append((k, q.id)) }
                    numbered.append((speaker, cue, hash ?? 0))
                }
                w.int(speakerList.count); w.int(cueList.count)
                for s in speakerList { w.u8(s.kind.tag); w.string(s.name) }
                for c in cueList { w.string(c) }
                w.int(explicit.count)
                for (k, id) in explicit { w.int(k); w.string(id) }
                w.u32s(count: made.count * Self.rowWords) { rows in
                    for (k, (q, n)) in zip(made, numbered).enumerated() {
                        let mention = q.speaker?.mention ?? 0..<0, at = k * Self.rowWords
                        func put(_ f: QuoteTable.Field, _ value: UInt32) { rows[at + Self.column(f)] = value }
                        put(.start, UInt32(q.start)); put(.end, UInt32(q.end)); put(.speaker, UInt32(bitPattern: n.speaker))
                        put(.mentionStart, UInt32(mention.lowerBound)); put(.mentionEnd, UInt32(mention.upperBound))
                        put(.cue, UInt32(bitPattern: n.cue))
                        put(.idLow, UInt32(truncatingIfNeeded: n.hash)); put(.idHigh, UInt32(truncatingIfNeeded: n.hash >> 32))
                    }
                }
            }
        } else {
            // The count was read from just before them: it is copied with them.
            w.int(byteCount + 8); w.int(count)
            withExtendedLifetime(self) { w.plain(bytes) }
        }
    }

    /// Checks that what `encode` wrote reads back whole, and keeps where it lies; the quotes
    /// will be those of article `article`. Every field `append` takes on trust is checked here:
    /// each speaker's kind known, each quote's speaker and cue among the article's, its offsets
    /// in order and within what an article can hold, the places of ids given apart in order.
    static func decode(from r: inout ByteReader, article: String) throws(ByteReader.Malformed) -> QuoteList {
        let block = try r.inPlace(UInt8.self)
        var check = ByteReader(block.file, offset: block.offset, end: block.offset + block.count)
        let n = try check.count()
        let start = block.offset + 8
        let speakerCount = try check.count(max: n), cueCount = try check.count(max: n)
        for _ in 0..<speakerCount {
            let tag = try check.u8()
            guard SpeakerKind.allCases.contains(where: { $0.tag == tag }) else { throw .init() }
            try check.skipString()
        }
        for _ in 0..<cueCount { try check.skipString() }
        var last = -1
        for _ in 0..<(try check.count(max: n)) {
            let k = try check.count()
            guard k > last, k < n else { throw .init() }
            last = k
            try check.skipString()
        }
        let rows = try check.u32sInPlace(count: n * rowWords)
        guard check.atEnd else { throw .init() }
        let limit = Int32(clamping: ArticleParser.maxBytes)
        for k in 0..<n {
            func field(_ f: QuoteTable.Field) -> Int32 { Int32(bitPattern: rows.number(k * rowWords + column(f), as: UInt32.self)) }
            let (lo, hi, speaker) = (field(.start), field(.end), field(.speaker))
            let (mentionLo, mentionHi, cue) = (field(.mentionStart), field(.mentionEnd), field(.cue))
            guard 0 <= lo, lo <= hi, hi <= limit, 0 <= mentionLo, mentionLo <= mentionHi, mentionHi <= limit,
                  -1 <= speaker, speaker < Int32(speakerCount), -1 <= cue, cue < Int32(cueCount) else { throw .init() }
        }
        return QuoteList(file: block.file, offset: start, end: block.offset + block.count, article: article, count: n)
    }
}
