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
}
