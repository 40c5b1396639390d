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

    /// A page's path bytes, appended from their parts, are its path's.
    @Test func pathBytesFromTheirPartsAreThePaths() {
        for name in ["a000123", "Émile & Zoë", "", "习近平-2", NSString(string: "bridged café").description] {
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
        let (hashes, pageOrder) = renderer.pathHashesAndLines()
        #expect(hashes == paths.map(PathHash.of))
        // Made by chunks: lines across their edges too.
        for chunk in [1, 5, 12] {
            let (h, o) = renderer.pathHashesAndLines(chunk: chunk)
            #expect(h == hashes && o.joined == pageOrder.joined && o.count == 12, "chunks of \(chunk)")
        }
        let order = pageOrder.followed(by: ["annotations.json", "style.css"])
        #expect(order.count == 14 && order.paths == paths + ["annotations.json", "style.css"])
        #expect(order.joined == Array((paths + ["annotations.json", "style.css"]).joined(separator: "\n").utf8))
        #expect(FileOrder([]).followed(by: ["a"]).joined == Array("a".utf8) && pageOrder.followed(by: []).joined == pageOrder.joined)
    }
}
