import Foundation
import Testing
@testable import ConcordCore

/// `annotations.json` is put together from pieces (its article, passage and quote entries, an
/// article's quotes one piece) that an incremental build keeps from the last build's file.
@Suite("annotations.json in pieces")
struct AnnotationsDocumentTests {
    static func articles() throws -> [Article] {
        try Repo.seedArticles() + generatedArticles(60, seed: 5, quoteParagraphs: 12)
    }

    static func model(_ articles: [Article], knownStarts: Bool = true) -> SiteModel {
        var annotations = Annotator().annotateAll(articles).annotations
        if !knownStarts { annotations.quoteStarts = [] }
        return SiteModel(articles: articles, annotations: annotations)
    }

    /// An article's quotes are one piece: the same bytes as one piece per quote (what a
    /// document whose articles' quote starts are not known is made of), as many pieces as
    /// articles with quotes, and the checksum by pieces is the one of the bytes.
    @Test func anArticlesQuotesInOnePieceAreTheSameBytes() throws {
        let articles = try Self.articles()
        let blocks = AnnotationsDocument(model: Self.model(articles)).encoded(previous: nil)
        let single = AnnotationsDocument(model: Self.model(articles, knownStarts: false)).encoded(previous: nil)
        #expect(blocks.bytes.joined == single.bytes.joined)
        let model = Self.model(articles)
        let quotes = model.annotations.quotes.count
        let quoting = Set(model.annotations.quotes.map(\.article)).count
        let others = articles.count + model.annotations.passages.count
        #expect(quotes > 5 * quoting && quoting > 20)
        #expect(blocks.parts.items.count == others + quoting)
        #expect(single.parts.items.count == others + quotes)
        for doc in [blocks, single] {
            #expect(doc.checksum == doc.bytes.joined.withUnsafeBytes { Fragments.checksum(of: $0, items: doc.parts.items) })
        }
        let json = try JSONSerialization.jsonObject(with: Data(blocks.bytes.joined)) as? [String: Any]
        #expect((json?["quotes"] as? [Any])?.count == quotes)
    }

    /// From the last document: only the pieces of articles whose quotes changed are made, and
    /// the document is the one made whole.
    @Test func keptPiecesMakeTheDocumentOfTheChangedArchive() throws {
        var articles = try Self.articles()
        let before = AnnotationsDocument(model: Self.model(articles)).encoded(previous: nil)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("concord-annotations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("annotations.json")
        try Data(before.bytes.joined).write(to: url)
        // One article edited in a quote's words, one removed.
        let parser = ArticleParser()
        let k = try #require(articles.indices.last { i in articles[i].source.count > 200 && articles[i].path.hasSuffix(".md") })
        let text = String(decoding: articles[k].source, as: UTF8.self).replacingOccurrences(of: " said", with: " told reporters")
        articles[k] = try parser.parse(Array(text.utf8), path: articles[k].path)
        articles.remove(at: 5)
        let model = Self.model(articles)
        let whole = AnnotationsDocument(model: model).encoded(previous: nil)
        let file = try #require(FastFiles.Mapped(url.path))
        let spliced = AnnotationsDocument(model: model).encoded(previous: (file, before.parts))
        #expect(spliced.bytes.joined == whole.bytes.joined)
        #expect(spliced.checksum == whole.checksum)
        #expect(spliced.checksum == spliced.bytes.joined.withUnsafeBytes { Fragments.checksum(of: $0, items: spliced.parts.items) })
        #expect(spliced.parts.items.map(\.key) == whole.parts.items.map(\.key))
        #expect(spliced.reused > spliced.parts.items.count - 20 && spliced.reused < spliced.parts.items.count, "\(spliced.reused) of \(spliced.parts.items.count)")
    }

    /// A change to one quote alone (its speaker renamed: the archive's name for a speaker follows
    /// other articles), the last of its article's: that article's piece is made again.
    @Test func aPieceIsMadeAgainForAnyOfItsQuotes() throws {
        let articles = try Self.articles()
        let annotations = Annotator().annotateAll(articles).annotations
        let before = AnnotationsDocument(model: SiteModel(articles: articles, annotations: annotations)).encoded(previous: nil)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("concord-annotations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("annotations.json")
        try Data(before.bytes.joined).write(to: url)
        let starts = annotations.quoteStarts
        let j = try #require(starts.indices.dropLast().first { starts[$0 + 1] - starts[$0] >= 3 && annotations.quotes[starts[$0 + 1] - 1].speaker != nil })
        var renamed = annotations, quotes = Array(annotations.quotes)
        quotes[starts[j + 1] - 1].speaker!.name = "Someone Else Entirely"
        renamed.quotes = QuoteTable(quotes)
        let model = SiteModel(articles: articles, annotations: renamed)
        let file = try #require(FastFiles.Mapped(url.path))
        let spliced = AnnotationsDocument(model: model).encoded(previous: (file, before.parts))
        #expect(spliced.bytes.joined == AnnotationsDocument(model: model).encoded(previous: nil).bytes.joined)
        #expect(spliced.reused == spliced.parts.items.count - 1)
    }
}
