extension QuoteTable {
    /// Writes the quotes of a run of a table's rows, on a core of its own (`filled`): its
    /// strings numbered by this writer alone, numbered again in the table's once every writer is done.
    struct RowWriter {
        /// Row `first`'s place in the table's rows; the run is `first..<end`.
        private let rows: UnsafeMutablePointer<Int32>
        fileprivate let first: Int, end: Int
        /// The row the next quote goes in.
        private(set) var next: Int
        fileprivate var speakers = ByteInterner(), cues = ByteInterner()
        /// Articles started by id (`.ids`); unused when they are started by index.
        fileprivate var articleIDs: [String] = []
        private var article: Int32 = -1
        /// Rows whose id is not of the form "q" and 12 hex digits, and rows in a passage (neither
        /// comes from the annotator's own quotes).
        fileprivate var explicitIDs: [(row: Int, id: String)] = [], passages: [(row: Int, id: String)] = []

        fileprivate init(rows: UnsafeMutablePointer<Int32>, run: Range<Int>) {
            self.rows = rows; first = run.lowerBound; end = run.upperBound; next = run.lowerBound
        }

        /// Starts the quotes of another article, by id: the quotes appended next are its.
        mutating func startArticle(_ id: String) { articleIDs.append(id); article = Int32(articleIDs.count - 1) }

        /// Starts the quotes of article `index` (in the articles the table is filled for, `filled(articles:)`).
        mutating func startArticle(index: Int) { article = Int32(index) }

        /// Appends a quote of the article started last, its speaker and cue numbered by this writer.
        @inline(__always)
        mutating func append(idHash: UInt64, start: Int, end: Int, speaker: Int32, mention: Range<Int>, cue: Int32) {
            precondition(next < self.end && article >= 0, "as many quotes as counted, each of an article")
            precondition(end <= ArticleParser.maxBytes && mention.upperBound <= ArticleParser.maxBytes && start >= 0 && mention.lowerBound >= 0,
                         "offsets in 32 bits")
            let r = rows + (next - first) * QuoteTable.width
            r[Field.article.rawValue] = article
            r[Field.start.rawValue] = Int32(start); r[Field.end.rawValue] = Int32(end)
            r[Field.speaker.rawValue] = speaker
            r[Field.mentionStart.rawValue] = Int32(mention.lowerBound); r[Field.mentionEnd.rawValue] = Int32(mention.upperBound)
            r[Field.cue.rawValue] = cue
            r[Field.idLow.rawValue] = Int32(bitPattern: UInt32(truncatingIfNeeded: idHash))
            r[Field.idHigh.rawValue] = Int32(bitPattern: UInt32(truncatingIfNeeded: idHash >> 32))
            next += 1
        }

        /// Appends a quote of the article started last from a record's row (`QuoteList.rowBytes`,
        /// little-endian, at any alignment): its fields copied as they lie, its speaker and cue
        /// (numbers into its article's own) turned into this writer's by `speakers` and `cues`.
        @inline(__always)
        mutating func appendRow(_ row: UnsafeRawPointer, speakers: UnsafeBufferPointer<Int32>, cues: UnsafeBufferPointer<Int32>) {
            precondition(next < self.end && article >= 0, "as many quotes as counted, each of an article")
            let r = rows + (next - first) * QuoteTable.width
            r[Field.article.rawValue] = article
            // (Little-endian as this machine's: a cache from another order is refused by its header.)
            UnsafeMutableRawPointer(r + Field.start.rawValue).copyMemory(from: row, byteCount: QuoteList.rowBytes)
            let speaker = r[Field.speaker.rawValue], cue = r[Field.cue.rawValue]
            precondition(speaker < speakers.count && cue < cues.count, "quotes checked when their record was read")
            if speaker >= 0 { r[Field.speaker.rawValue] = speakers[Int(speaker)] }
            if cue >= 0 { r[Field.cue.rawValue] = cues[Int(cue)] }
            next += 1
        }

        /// The number of the speaker these bytes name, with this kind.
        mutating func speakerNumber(name: UnsafeRawBufferPointer, kind: SpeakerKind) -> Int32 {
            speakers.number(of: name, tag: kind.tag)
        }

        /// The number of the cue these bytes spell.
        mutating func cueNumber(_ bytes: UnsafeRawBufferPointer) -> Int32 { cues.number(of: bytes) }

        /// Gives the quote appended last an id not of the form "q" and 12 hex digits.
        mutating func setLastID(_ id: String) { explicitIDs.append((next - 1, id)) }

        /// Appends a quote made by this build: of the article started last, or, when articles
        /// are started by id and its id is another's, of its own.
        mutating func append(_ q: Quote, startingArticles: Bool = true) {
            if startingArticles, articleIDs.last != q.article { startArticle(q.article) }
            let hash = QuoteTable.idHash(q.id)
            append(idHash: hash ?? 0, start: q.start, end: q.end,
                   speaker: q.speaker.map { speakers.number(of: $0.name, tag: $0.kind.tag) } ?? -1,
                   mention: q.speaker?.mention ?? 0..<0, cue: q.cue.map { cues.number(of: $0) } ?? -1)
            if hash == nil { setLastID(q.id) }
            if let p = q.passage { passages.append((next - 1, p)) }
        }
    }

    /// A table of `count` quotes whose runs of rows (`runs`, in order, one after the other from
    /// 0 to `count`) are each filled by a writer of its own, on every core: `fill(r, writer)`
    /// appends exactly the quotes of run `r`. The writers' strings are then numbered in the
    /// table's, and their rows renumbered, run by run on every core.
    /// - Parameters:
    ///   - articles: the articles whose quotes these are, in id order, when the writers start
    ///     them by index (`startArticle(index:)`); nil when by id.
    static func filled(count: Int, runs: [Range<Int>], articles: [Article]? = nil, _ fill: (Int, inout RowWriter) -> Void) -> QuoteTable {
        precondition(runs.first?.lowerBound ?? 0 == 0 && runs.last?.upperBound ?? 0 == count
                     && zip(runs, runs.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound }, "runs cover the table")
        var table = QuoteTable()
        var writers: [RowWriter] = []
        table.rows = [Int32](unsafeUninitializedCapacity: count * width) { buffer, made in
            nonisolated(unsafe) let base = buffer.baseAddress
            writers = ParallelMap.map(Array(runs.indices), chunk: 1) { r in
                var writer = RowWriter(rows: (base ?? UnsafeMutablePointer(bitPattern: 8)!) + runs[r].lowerBound * width, run: runs[r])
                fill(r, &writer)
                precondition(writer.next == writer.end, "as many quotes as counted")
                return writer
            }
            made = count * width
        }
        table.passageNumbers = [Int32](repeating: -1, count: count)
        // Each writer's strings numbered in the table's (a few hundred speakers each, not a million quotes).
        var speakerNumber: [Speaker: Int32] = [:], cueNumber: [String: Int32] = [:]
        func numbered<T: Hashable>(_ value: T, _ numbers: inout [T: Int32], _ list: inout [T]) -> Int32 {
            if let n = numbers[value] { return n }
            numbers[value] = Int32(list.count); list.append(value)
            return Int32(list.count - 1)
        }
        var renumbering: [(speakers: [Int32]?, cues: [Int32]?, articleBase: Int32)] = []
        var articleIDs: [String] = []
        for w in writers {
            let speakers = (0..<w.speakers.count).map { n in
                numbered(Speaker(name: w.speakers.string(n), kind: SpeakerKind(tag: w.speakers.tags[n])), &speakerNumber, &table.speakers)
            }
            let cues = (0..<w.cues.count).map { numbered(w.cues.string($0), &cueNumber, &table.cues) }
            func identity(_ map: [Int32]) -> Bool { map.enumerated().allSatisfy { $1 == Int32($0) } }
            renumbering.append((identity(speakers) ? nil : speakers, identity(cues) ? nil : cues, Int32(articleIDs.count)))
            articleIDs += w.articleIDs
        }
        table.articles = articles.map { .articles($0) } ?? .ids(articleIDs)
        table.rows.withUnsafeMutableBufferPointer { rows in
            nonisolated(unsafe) let rows = rows
            _ = ParallelMap.map(Array(runs.indices), chunk: 1) { r in
                let (speakers, cues, base) = renumbering[r]
                let shift = articles == nil ? base : 0
                guard speakers != nil || cues != nil || shift != 0 else { return 0 }
                for k in runs[r] {
                    let row = k * width
                    rows[row + Field.article.rawValue] += shift
                    if let speakers, rows[row + Field.speaker.rawValue] >= 0 {
                        rows[row + Field.speaker.rawValue] = speakers[Int(rows[row + Field.speaker.rawValue])]
                    }
                    if let cues, rows[row + Field.cue.rawValue] >= 0 { rows[row + Field.cue.rawValue] = cues[Int(rows[row + Field.cue.rawValue])] }
                }
                return 0
            }
        }
        let explicit = writers.flatMap(\.explicitIDs)
        if !explicit.isEmpty {
            var ids = (0..<count).map { table.id($0) }
            for (k, id) in explicit { ids[k] = id }
            table.explicitIDs = ids
        }
        let passages = writers.flatMap(\.passages)
        if !passages.isEmpty {
            var numbers: [String: Int32] = [:], ids: [String] = []
            let linked = passages.map { (quote: $0.row, passage: numbered($0.id, &numbers, &ids)) }
            table.link(passages: ids, linked)
        }
        return table
    }
}

extension SpeakerKind {
    /// A byte for the kind, and back.
    var tag: UInt8 {
        switch self { case .person: 0; case .organization: 1; case .anonymous: 2; case .unknown: 3 }
    }
    init(tag: UInt8) {
        switch tag { case 0: self = .person; case 1: self = .organization; case 2: self = .anonymous; default: self = .unknown }
    }
}
