import Foundation
import Testing
@testable import ConcordCore

@Suite("Links")
struct LinksTests {
    /// Where a page is written, for names short and long, in other scripts, with spaces and
    /// URL characters, empty, and from Foundation (bridged): what an interpolation gives.
    @Test func pagePathsAreTheSectionTheNameAndIndex() {
        let names = ["a000123", "Émile & Zoë", "", "习近平-2", String(repeating: "long-name-", count: 20),
                     "a/b?c#d%20e", NSString(string: "bridged café").description]
        for name in names {
            #expect(Links.File.article(name) == "articles/\(name)/index.html")
            #expect(Links.File.passage(name) == "passages/\(name)/index.html")
            #expect(Links.File.speaker(name) == "speakers/\(name)/index.html")
        }
    }

    /// A page's path hash, summed from its parts, and its bytes appended from them, are the
    /// path's: names from empty to past several of the checksum's 32-byte steps, each length
    /// about a step's boundary, in other scripts and bridged.
    @Test func pathHashesAndBytesFromTheirPartsAreThePaths() {
        var names = ["a000123", "Émile & Zoë", "", "习近平-2", NSString(string: "bridged café").description]
        names += (0...80).map { String(repeating: "x", count: $0) }
        for name in names {
            #expect(Links.File.articleHash(name) == PathHash.of(Links.File.article(name)), "'\(name)'")
            #expect(Links.File.passageHash(name) == PathHash.of(Links.File.passage(name)), "'\(name)'")
            #expect(Links.File.speakerHash(name) == PathHash.of(Links.File.speaker(name)), "'\(name)'")
            var bytes: [UInt8] = [7]
            Links.File.append("speakers/", name, to: &bytes)
            #expect(bytes == [7] + Array(Links.File.speaker(name).utf8))
        }
    }

    /// Every page of a site: its path hash is its path's, and the manifest's lines (`FileOrder.joined`)
    /// are the pages' paths in page order; more files follow them.
    @Test func aSitesPagesHashAndListAsTheirPaths() async throws {
        let articles = try Repo.seedArticles()
        let model = SiteModel(articles: articles, annotations: Annotator().annotate(articles).0)
        let renderer = SiteRenderer(templates: try await TemplateSet(folder: Repo.templates), model: model)
        let paths = renderer.pages.indices.map { renderer.path(at: $0) }
        #expect(paths.count == 12 && paths.contains("articles/001_ea6d62d9a66d076f/index.html") && paths.contains("speakers/index.html"))
        #expect(renderer.pages.indices.map { renderer.pathHash(at: $0) } == paths.map(PathHash.of))
        let order = renderer.fileOrder.followed(by: ["annotations.json", "style.css"])
        #expect(order.paths == paths + ["annotations.json", "style.css"])
        #expect(order.joined == Array((paths + ["annotations.json", "style.css"]).joined(separator: "\n").utf8))
        // Put together by chunks: lines across their edges too.
        let many = (0..<20_000).map { "p\($0)" }
        #expect(FileOrder(many).joined == Array(many.joined(separator: "\n").utf8))
        #expect(FileOrder([]).joined.isEmpty)
    }
}
