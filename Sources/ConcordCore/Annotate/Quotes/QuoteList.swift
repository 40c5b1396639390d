/// One article's own quotes, with speakers named as the article knows them
/// (`QuoteFinder.combine` makes the archive's names from every article's).
///
/// An article restored from the build cache leaves its quotes in its mapped
/// record, and `combine` decodes them straight into the archive's list: decoded
/// into an array per article at every build, 100,000 articles' quotes took
/// 15 MB of memory touched for the first time, only to be copied.
struct QuoteList: Sendable {
    private enum Storage: Sendable {
        case quotes([Quote])
        /// `encode`'s quotes (after their count), where they lie in a mapped cache file; the article's id.
        case mapped(FastFiles.Mapped, offset: Int, end: Int, article: String)
    }
    private let storage: Storage
    let count: Int

    init(_ quotes: [Quote]) { storage = .quotes(quotes); count = quotes.count }

    private init(storage: Storage, count: Int) { self.storage = storage; self.count = count }

    /// The quotes in order, one at a time (mapped ones decoded as they come, not gathered).
    func forEach(_ body: (Quote) -> Void) {
        switch storage {
        case .quotes(let list): for q in list { body(q) }
        case .mapped(let file, let offset, let end, let article):
            var r = ByteReader(file, offset: offset, end: end)
            // Checked when the record was read (`decode`), so it cannot fail here.
            for _ in 0..<count { guard let q = try? Self.quote(from: &r, article: article) else { return }; body(q) }
        }
    }

    /// The quotes in order.
    var all: [Quote] {
        var out: [Quote] = []
        out.reserveCapacity(count)
        forEach { out.append($0) }
        return out
    }

    /// Writes the quotes with a count of their bytes before them (so a reader can step
    /// over them); mapped ones are copied as they lie.
    func encode(into w: inout ByteWriter) {
        switch storage {
        case .quotes(let list):
            w.counted { w in
                w.int(list.count)
                for q in list {
                    w.string(q.id); w.int(q.start); w.int(q.end); w.optionalString(q.cue)
                    w.bool(q.speaker != nil)
                    if let s = q.speaker { w.string(s.name); w.string(s.kind.rawValue); w.range(s.mention) }
                }
            }
        case .mapped(let file, let offset, let end, _):
            // The count was read from just before `offset`: it is copied with them.
            w.int(end - offset + 8); w.int(count)
            withExtendedLifetime(file) { w.plain(UnsafeRawBufferPointer(rebasing: file.bytes[offset..<end])) }
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
        return QuoteList(storage: .mapped(block.file, offset: start, end: block.offset + block.count, article: article), count: n)
    }

    /// The speaker kind whose raw value these bytes spell, or nil: matched where the bytes lie
    /// (a string made and matched for each of 100,000 quotes at every build, and again when
    /// each record was checked).
    private static func kind(_ bytes: UnsafeRawBufferPointer) -> SpeakerKind? {
        kinds.first { bytes.elementsEqual($0.raw) }?.kind
    }
    private static let kinds = SpeakerKind.allCases.map { (kind: $0, raw: Array($0.rawValue.utf8)) }

    private static func quote(from r: inout ByteReader, article: String) throws(ByteReader.Malformed) -> Quote {
        let id = try r.string(), start = try r.int(), end = try r.int(), cue = try r.optionalString()
        var speaker: SpeakerMention? = nil
        if try r.bool() {
            let name = try r.string()
            guard let kind = Self.kind(try r.stringBytes()) else { throw .init() }
            speaker = SpeakerMention(name: name, kind: kind, mention: try r.range())
        }
        return Quote(id: id, article: article, start: start, end: end, speaker: speaker, cue: cue)
    }
}
