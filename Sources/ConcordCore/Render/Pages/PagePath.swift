/// Where a page is written, relative to the output folder (ids as they are), as its pieces:
/// `<section><name>/index.html`, or a path
/// given whole (`section` nil). A build looks every page up by its path's hash and lists every
/// page in the manifest: both are made from the pieces (`SiteRenderer.pathHashes`), where
/// making each path as a string first cost 112,000 strings at every build of 100,000 articles.
struct PagePath {
    let section: StaticString?
    let name: String

    private static let tail: StaticString = "/index.html"

    /// A page at `<section><name>/index.html`.
    init(_ section: StaticString, _ name: String) { self.section = section; self.name = name }
    /// A page at `path`.
    init(whole path: String) { section = nil; name = path }

    private static let articles: StaticString = "articles/"
    static func article(_ id: String) -> PagePath { PagePath(articles, id) }
    static func passage(_ id: String) -> PagePath { PagePath("passages/", id) }
    static func speaker(_ slug: String) -> PagePath { PagePath("speakers/", slug) }

    /// The path, relative to the output folder (made only for the pages a build renders or removes).
    var string: String {
        guard section != nil else { return name }
        var bytes: [UInt8] = []
        append(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the path of an article's page, its id appended by `id` (`SiteModel.appendID`:
    /// from the listing's bytes, not the article's object).
    static func appendArticle(to bytes: inout [UInt8], id: (inout [UInt8]) -> Void) { append(articles, to: &bytes, name: id) }

    /// Appends the path's bytes.
    func append(to bytes: inout [UInt8]) {
        guard let section else { bytes.append(contentsOf: name.utf8); return }
        Self.append(section, to: &bytes) { $0.append(contentsOf: name.utf8) }
    }

    /// Appends `<section><name>/index.html`, the name appended by `name`.
    private static func append(_ section: StaticString, to bytes: inout [UInt8], name: (inout [UInt8]) -> Void) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: section.utf8Start, count: section.utf8CodeUnitCount))
        name(&bytes)
        bytes.append(contentsOf: UnsafeBufferPointer(start: tail.utf8Start, count: tail.utf8CodeUnitCount))
    }
}
