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

    /// A page's path, appended from its pieces, is the path as a string: the renderer makes
    /// the pages' hashes and manifest lines from it. Names of every length to 70 bytes, in
    /// other scripts, bridged.
    @Test func pagePathPiecesGiveThePathsBytes() {
        var names = ["a000123", "Émile & Zoë", "", "习近平-2", "a/b?c#d%20e", NSString(string: "bridged café").description]
        names += (0...70).map { String(repeating: "x", count: $0) }
        for name in names {
            for page in [PagePath.article(name), .passage(name), .speaker(name), PagePath(whole: name)] {
                let path = page.string
                var bytes: [UInt8] = [0x41]
                page.append(to: &bytes)
                #expect(bytes == [0x41] + Array(path.utf8), "\(path)")
            }
        }
        #expect(PagePath.article("x").string == "articles/x/index.html")
        #expect(PagePath(whole: "index.html").string == "index.html")
    }
}
