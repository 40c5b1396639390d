import Foundation
import Testing
@testable import ConcordCore

/// The article pages' paths are made from the ids as the listing holds them
/// (`ArticleIDBytes`), not from the articles' objects: they must be the same bytes.
@Suite("Article ids from the listing")
struct ArticleIDBytesTests {
    /// Names with dots, folders with dots, an extension in capitals, ids out of their paths' order, and names that are not ASCII (NFC and NFD,
    /// a mark after a slash, a folder that is not ASCII), which are left to the articles.
    static let names = ["a.md", "a-b.md", "sub/c.d.txt", "dir.v2/e.md", "X.MD", "z/aa.markdown",
                        "y/zz.txt", "é.md", "e\u{301}f.md", "ü/x.md", "sub/\u{301}y.md", "mid/ö/p.md"]

    /// Each page's path and its hash, as the renderer lists them, with the listing's ids and
    /// with the articles' own, made from a scan of a real folder (its `pathIndex`).
    @Test func pagePathsFromTheListingAreTheArticlesOwn() async throws {
        let archive = try TempArchive(); defer { archive.cleanup() }
        for (n, name) in Self.names.enumerated() { try archive.write(name, "date 2020-01-\(String(format: "%02d", n + 1)) Words of \(n).\n") }
        let loader = ArchiveLoader(sourceFolder: archive.source)
        let paths = PathList(try loader.articlePaths())
        let delta = ArchiveDelta.scan(loader, paths: paths, stamps: FileStamp.of(paths, in: archive.source.path, now: .max), state: nil)
        #expect(delta.articles.count == Self.names.count && delta.diagnostics.isEmpty)
        #expect(delta.articles.indices.map { paths[Int(delta.pathIndex[$0])] } == delta.articles.map(\.path))
        // (Some ids are out of their paths' order: the scan sorted them, and their path positions with them.)
        #expect(delta.pathIndex != delta.pathIndex.sorted())

        let ids = ArticleIDBytes(paths: paths, pathIndex: delta.pathIndex)
        for (k, article) in delta.articles.enumerated() {
            var bytes: [UInt8] = []
            let cut = ids.append(k, to: &bytes)
            // Cut from the listing exactly when the path is ASCII; then the article's id.
            #expect(cut == article.path.utf8.allSatisfy { $0 < 0x80 }, "\(article.path)")
            if cut { #expect(bytes == Array(article.id.utf8), "\(article.path)") } else { #expect(bytes.isEmpty) }
        }

        let templates = try await TemplateSet(folder: Repo.templates)
        let counts = WordCounts(delta.articles.map { ArticleWordStats(text: WordTokenizer().tokenize($0.source, in: $0.body), witnesses: []) })
        let plain = SiteRenderer(templates: templates, model: SiteModel(articles: delta.articles, annotations: Annotations(), wordCounts: counts))
        let listed = SiteRenderer(templates: templates, model: SiteModel(articles: delta.articles, annotations: Annotations(),
                                                                         wordCounts: counts, inIDOrder: true, ids: ids))
        let pagePaths = plain.pages.indices.map(plain.path(at:))
        #expect(pagePaths.contains("articles/c.d/index.html") && pagePaths.contains("articles/X/index.html"))
        for renderer in [plain, listed] {
            #expect(renderer.pathHashes == pagePaths.map(PathHash.of))
            #expect(renderer.pathLines.flatMap { $0 } == Array(pagePaths.map { $0 + "\n" }.joined().utf8))
        }
    }
}
