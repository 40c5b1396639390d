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

        // What the scan made, as the build hands it to the model.
        let ids = delta.idBytes
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

    /// Whether the ids increase, asked of the listing's bytes, says what `String`'s `<` says
    /// of the ids (a prefix first, capitals before small letters, dots and dashes by their
    /// bytes), in every order tried; nil (left to the articles) when an id is not ASCII.
    @Test func idsIncreaseAsTheirStringsDo() {
        let names = ["a.md", "a-b.md", "ab.txt", "B.md", "sub/a.b.md", "x/aa.markdown", "Z.MD", "b", "a0.md", "a/a.md"]
        let paths = PathList(names)
        let ids = names.map(ArticleParser.id(forPath:))
        var rng = SplitMix64(seed: 58)
        var orders: [[Int]] = [Array(names.indices), Array(names.indices).sorted { ids[$0] < ids[$1] }, []]
        for _ in 0..<200 { orders.append(Array(names.indices.shuffled(using: &rng).prefix(Int(rng.next() % 5) + 1))) }
        var increasing = 0
        for order in orders {
            let expected = zip(order, order.dropFirst()).allSatisfy { ids[$0] < ids[$1] }
            #expect(ArticleIDBytes(paths: paths, pathIndex: order.map(Int32.init)).increase == expected, "\(order.map { ids[$0] })")
            if expected { increasing += 1 }
        }
        // Both answers were given, and the same id twice does not increase.
        #expect(increasing > 10 && increasing < orders.count - 10)
        #expect(ArticleIDBytes(paths: paths, pathIndex: [0, 0]).increase == false)
        // Not ASCII: nil, whatever the order.
        let mixed = PathList(["a.md", "é.md", "z.md"])
        #expect(ArticleIDBytes(paths: mixed, pathIndex: [0, 1, 2]).increase == nil)
        #expect(ArticleIDBytes(paths: mixed, pathIndex: [0, 2]).increase == true)
    }
}
