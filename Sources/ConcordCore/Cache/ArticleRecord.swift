/// One article as the build cache keeps it: its file's stamp, its parse
/// (without the text, which stays in the file), and what the annotator derived
/// from it alone.
///
/// The texts of its quotes and witnesses are not kept: since `annotations.json` entries and
/// list rows are reused, a build asks for the texts of only the few entries it makes anew,
/// and reads those articles' files (checked against `contentHash`). Kept texts were dropped by
/// the first incremental build after a full one, which then rewrote every shard. Its word
/// counts are not kept here either, but in one table (`WordCounts`, in `BuildState`): they
/// change with the article's witnesses, and a record that held them was written again, with
/// its whole shard, whenever another article's change moved one of its witnesses.
final class ArticleRecord: @unchecked Sendable {
    /// Set anew when the file was touched but its bytes are the same (before any other thread reads it).
    var stamp: FileStamp
    let article: Article
    let analysis: ArticleAnalysis
    /// `PathHash` of the article's path: what `RecordTable` finds it by, and what picks its shard.
    let pathHash: UInt64

    init(stamp: FileStamp, article: Article, analysis: ArticleAnalysis) {
        self.stamp = stamp; self.article = article; self.analysis = analysis
        pathHash = article.pathHash
    }

    /// Appends its quotes to `table`, read where they lie: each of the list's fields taken by
    /// itself (a method called on `analysis.quotes` copies the list out of the record first,
    /// retaining the mapped file that all of its shard's records share).
    /// The quotes go in as quotes of the article `table` started last.
    func appendQuotes(to table: inout QuoteTable.RowWriter) {
        guard analysis.quotes.address != 0 else { return analysis.quotes.append(to: &table) }
        QuoteList.append(at: analysis.quotes.address, byteCount: analysis.quotes.byteCount, count: analysis.quotes.count, to: &table)
    }

    /// - Parameters:
    ///   - names: the shard's names section, where the full names go (the record says where).
    ///   - runs: the shard's runs section, where the runs go.
    func encode(into w: inout ByteWriter, names: inout ByteWriter, runs: inout ByteWriter) {
        let a = article
        w.string(a.path); w.string(a.id); w.u8(a.format == .datedText ? 0 : 1)
        w.int(a.date.year); w.int(a.date.month); w.int(a.date.day)
        w.u64(a.digests.listed); w.u64(a.digests.named)
        a.details.encode(into: &w)
        w.range(a.body); w.u64(a.contentHash)
        stamp.encode(into: &w)
        w.int(analysis.wordCount); analysis.runs.encode(into: &w, section: &runs)
        analysis.quotes.encode(into: &w)
        analysis.fullNames.encode(into: &w, section: &names)
        w.int(a.localLinks.count); for link in a.localLinks { w.string(link.target); w.int(link.line) }
    }

    /// - Parameters:
    ///   - folder: the source folder, where the article's file is read from when needed.
    ///   - names: the shard's names section, which the record's full names lie in (not read here).
    ///   - runs: the shard's runs section, which the record's runs lie in (not read here).
    static func decode(from r: inout ByteReader, folder: String, names: ShardSection,
                       runs section: ShardSection) throws(ByteReader.Malformed) -> ArticleRecord {
        // The path left where it lies (most builds never ask for it), checked as the string it is.
        let pathBytes = try r.inPlace(UInt8.self), id = try r.string()
        let path = MappedString(file: pathBytes.file, offset: pathBytes.offset, count: pathBytes.count)
        let format: ArticleFormat = try r.u8() == 0 ? .datedText : .frontMatter
        let (y, m, d) = (try r.int(), try r.int(), try r.int())
        guard let date = ArticleDate(year: y, month: m, day: d) else { throw .init() }
        let digests = ArticleDigests(listed: try r.u64(), named: try r.u64())
        let details = try ArticleDetails.decode(from: &r)
        let body = try r.range(), hash = try r.u64()
        let stamp = try FileStamp.decode(from: &r)
        let wordCount = try r.int()
        let runCount = try r.int(), runsAt = try r.int()
        guard runCount >= 0, runsAt >= 0, runCount <= section.range.count / 12,
              runsAt <= section.range.count - runCount * 12 else { throw .init() }
        let start = section.range.lowerBound + runsAt
        let runs = ArticleRuns(section: section, hashes: start, positions: start + runCount * 8, count: runCount)
        let quotes = try QuoteList.decode(from: &r, article: id)
        let fullNames = try FullNames.decode(from: &r, section: names)
        var localLinks: [LocalLink] = []
        for _ in 0..<(try r.count()) { localLinks.append(LocalLink(target: try r.string(), line: try r.int())) }
        let storage = SourceBytes(folder: folder, size: max(stamp.size, body.upperBound))
        let article = Article(id: id, path: path, format: format, date: date, details: details, digests: digests,
                              body: body, contentHash: hash, storage: storage, localLinks: localLinks)
        return ArticleRecord(stamp: stamp, article: article,
                             analysis: ArticleAnalysis(wordCount: wordCount, runs: runs, quotes: quotes, fullNames: fullNames))
    }
}
