/// One parsed article: its metadata, and its source bytes with the body's place in them.
///
/// Annotations are byte ranges into `source` (the file as read), so the
/// article keeps the whole file rather than a cleaned copy of its body.
public final class Article: Sendable, Identifiable {
    /// File name without extension; unique in an archive.
    public let id: String
    /// Path relative to the source folder.
    public var path: String { storedPath.string }
    public let format: ArticleFormat
    public var title: String { details.fields.title }
    public let date: ArticleDate
    /// Credit lines or the `source` field ("Channel24"), shown under the title.
    public var credits: [String] { details.fields.credits }
    public var author: String? { details.fields.author }
    public var url: String? { details.fields.url }
    public var tags: [String] { details.fields.tags }
    /// The file's bytes, exactly as read (valid UTF-8). An article restored
    /// from the build cache reads them from its file on first use.
    public var source: [UInt8] { storage.bytes(path: self.path, hash: contentHash) }
    /// Where the Markdown body lies in `source`.
    public let body: Range<Int>
    /// Checksum of `source`: tells the build cache and page keys whether the text changed.
    public let contentHash: UInt64
    /// The bytes as given, or the state of reading them from the file: held inline, since
    /// an object of its own beside each of 100,000 restored articles was one allocation more each.
    let storage: SourceBytes
    /// Title, credits, author, URL and tags: decoded when asked for, for an article restored from the cache.
    let details: ArticleDetails
    /// What lists of articles and links to it show, digested for page keys.
    let digests: ArticleDigests
    /// `PathHash` of `path`, made with the article: what its cache record is found by, and what
    /// the keys of its entry in `annotations.json` take of its path (hashed there at every
    /// build, 100,000 paths of 40 bytes took 40 ms at 100,000 articles, most of it in
    /// retaining and releasing the strings).
    let pathHash: UInt64
    /// `path`: given, or left in the article's mapped cache record until asked for (made for
    /// each of 100,000 restored articles at every build, where an add asks for a thousand).
    let storedPath: MappedString
    /// Links and images in the body to files of the source folder (relative ones), in order:
    /// empty for almost every article.
    public let localLinks: [LocalLink]

    public init(id: String, path: String, format: ArticleFormat, title: String, date: ArticleDate,
                credits: [String], author: String? = nil, url: String? = nil, tags: [String] = [],
                source: [UInt8], body: Range<Int>) {
        self.id = id; storedPath = MappedString(path); self.format = format; self.date = date
        details = ArticleDetails(.init(title: title, credits: credits, author: author, url: url, tags: tags))
        self.storage = SourceBytes(source); self.body = body
        contentHash = Checksum.of(source)
        localLinks = LocalLinkNodes.find(source: source, body: body, format: format, path: path)
        digests = ArticleDigests(id: id, title: title, date: date, credits: credits, contentHash: contentHash,
                                 linksFrom: localLinks.isEmpty ? nil : path)
        pathHash = PathHash.of(path)
    }

    /// An article restored from the build cache: its bytes stay on disk and its details in
    /// the mapped record until a stage needs them; its digests are the ones the cache kept.
    init(id: String, path: MappedString, format: ArticleFormat, date: ArticleDate, details: ArticleDetails,
         digests: ArticleDigests, body: Range<Int>, contentHash: UInt64, storage: consuming SourceBytes, localLinks: [LocalLink] = []) {
        self.id = id; storedPath = path; self.format = format; self.date = date
        self.details = details; self.digests = digests; self.localLinks = localLinks
        self.body = body; self.contentHash = contentHash; self.storage = storage
        pathHash = path.pathHash
    }

    /// The body as text.
    public var bodyText: String { String(decoding: source[body], as: UTF8.self) }

    /// Text of a byte range of the source (remembered, so the build cache can
    /// hand it to the next build without reading the file).
    public func text(_ range: Range<Int>) -> String { storage.text(range, path: self.path, hash: contentHash) }
}

/// The two input formats of CONTRACT.md.
public enum ArticleFormat: String, Sendable {
    /// First line `date YYYY-MM-DD`, body follows (the seeds' format).
    case datedText
    /// `---` YAML front matter `---`, then a Markdown body.
    case frontMatter
}

extension Article {
    /// Newest first, then by id: the archive's order.
    public static func newestFirst(_ a: Article, _ b: Article) -> Bool {
        a.date != b.date ? a.date > b.date : a.id < b.id
    }
    /// Oldest first, then by id: the order of first appearance.
    public static func oldestFirst(_ a: Article, _ b: Article) -> Bool {
        a.date != b.date ? a.date < b.date : a.id < b.id
    }

    /// The indices of `articles` in `oldestFirst` order, or `newestFirst` order. When
    /// the articles are in id order (as the loader gives them) they are sorted as
    /// integers, an article's place breaking date ties, where comparing the objects
    /// costs string comparisons and reference counting at every step.
    /// - Parameter inIDOrder: whether `articles` are known to be in id order (nil: checked here).
    static func chronological(_ articles: [Article], newestFirst: Bool = false, inIDOrder: Bool? = nil) -> [Int] {
        guard inIDOrder ?? zip(articles, articles.dropFirst()).allSatisfy({ $0.id < $1.id }), articles.count < 1 << 32 else {
            return articles.indices.sorted {
                newestFirst ? Article.newestFirst(articles[$0], articles[$1]) : Article.oldestFirst(articles[$0], articles[$1])
            }
        }
        // Day and place packed in one word each, sorted as plain integers (no closure per
        // comparison): the day in the high half (counted down for newest first), the place below.
        // Made and sorted on both cores (each key a visit to an article object: 100,000 of them
        // took 12 ms on one at every build).
        let keys = ParallelMap.map(count: articles.count, chunk: 8192) { k in chronologicalKey(articles[k], at: k, newestFirst: newestFirst) }
        return ParallelMap.sortedInHalves(keys, by: <).map { Int($0 & 0xFFFF_FFFF) }
    }

    /// What `chronological` sorts an article by, at place `k` of articles in id order: its day
    /// in the high half (counted down for newest first), its place below.
    static func chronologicalKey(_ article: Article, at k: Int, newestFirst: Bool) -> UInt64 {
        let day = article.date.number
        return (newestFirst ? UInt64(UInt32.max) - day : day) << 32 | UInt64(k)
    }
}
