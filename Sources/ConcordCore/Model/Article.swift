/// One parsed article: its metadata, and its source bytes with the body's place in them.
///
/// Annotations are byte ranges into `source` (the file as read), so the
/// article keeps the whole file rather than a cleaned copy of its body.
public struct Article: Sendable, Identifiable {
    /// File name without extension; unique in an archive.
    public let id: String
    /// Path relative to the source folder.
    public let path: String
    public let format: ArticleFormat
    public let title: String
    public let date: ArticleDate
    /// Credit lines or the `source` field ("Channel24"), shown under the title.
    public let credits: [String]
    public let author: String?
    public let url: String?
    public let tags: [String]
    /// The file's bytes, exactly as read (valid UTF-8).
    public let source: [UInt8]
    /// Where the Markdown body lies in `source`.
    public let body: Range<Int>

    public init(id: String, path: String, format: ArticleFormat, title: String, date: ArticleDate,
                credits: [String], author: String? = nil, url: String? = nil, tags: [String] = [],
                source: [UInt8], body: Range<Int>) {
        self.id = id; self.path = path; self.format = format; self.title = title; self.date = date
        self.credits = credits; self.author = author; self.url = url; self.tags = tags
        self.source = source; self.body = body
    }

    /// The body as text.
    public var bodyText: String { String(decoding: source[body], as: UTF8.self) }

    /// Text of a byte range of the source.
    public func text(_ range: Range<Int>) -> String { String(decoding: source[range], as: UTF8.self) }
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
}
