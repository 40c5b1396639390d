import Foundation
import Testing
@testable import ConcordCore

@Suite("Links")
struct LinksTests {
    /// Where a page is written, for names short and long (every length to 70 bytes), in other
    /// scripts, with spaces and URL characters, empty, and from Foundation (bridged): what an
    /// interpolation gives, as a string and as the bytes appended to a manifest's line.
    @Test func pagePathsAreTheSectionTheNameAndIndex() {
        var names = ["a000123", "Émile & Zoë", "", "习近平-2", String(repeating: "long-name-", count: 20),
                     "a/b?c#d%20e", NSString(string: "bridged café").description]
        names += (0...70).map { String(repeating: "x", count: $0) }
        for name in names {
            for (page, path) in [(PagePath.article(name), "articles/\(name)/index.html"), (.passage(name), "passages/\(name)/index.html"),
                                 (.speaker(name), "speakers/\(name)/index.html"), (PagePath(whole: name), name)] {
                #expect(page.string == path)
                var bytes: [UInt8] = [0x41]
                page.append(to: &bytes)
                #expect(bytes == [0x41] + Array(path.utf8), "\(path)")
            }
        }
    }
}
