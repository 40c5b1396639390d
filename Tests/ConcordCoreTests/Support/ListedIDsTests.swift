import Foundation
import Testing
@testable import ConcordCore

/// `concord add` finds the files an id is taken by in the listing's bytes (`ListedIDs`): the
/// answers must be those of the table of every id as a `String` it replaced.
@Suite("Listed ids")
struct ListedIDsTests {
    @Test func findsThePathsOfAnIdAsATableOfStringsDoes() {
        var rng = SplitMix64(seed: 32)
        let folders = ["", "", "sub/", "sub/deep/", "sub.d/"]
        let names = ["a", "b", "story", ".hidden", "x.y", "café", "cafe\u{301}", "\u{212A}", "K", "a-2", ""]
        let exts = [".md", ".txt", ".markdown", "", ".", ".tar.md"]
        var paths: Set<String> = []
        for _ in 0..<400 {
            let name = names[rng.next(names.count)] + (rng.next(2) == 0 ? names[rng.next(4)] : "")
            paths.insert(folders[rng.next(folders.count)] + name + exts[rng.next(exts.count)])
        }
        paths = paths.filter { !$0.isEmpty && !$0.hasSuffix("/") }     // no listed path ends with a folder
        let list = PathList(paths).sorted()
        let table = Dictionary(grouping: Array(list), by: { ArticleParser.id(forPath: $0) })
        let ids = ListedIDs(list)
        // Every id the listing holds, and ids it does not; ASCII ones, as `concord add` asks.
        var asked = Set(table.keys.filter { $0.utf8.allSatisfy { $0 < 0x80 } })
        asked.formUnion(["zzz", "story-2", "a.b", ""])
        for id in asked.sorted() {
            #expect(ids.paths(ofID: id, in: list) == (table[id] ?? []), "id '\(id)'")
        }
        // The Kelvin sign's id equals "K" as a `String`: both files are found under "K".
        let kelvin = PathList(["K.md", "\u{212A}.txt"]).sorted()
        #expect(Set(ListedIDs(kelvin).paths(ofID: "K", in: kelvin)) == ["K.md", "\u{212A}.txt"])
        // Ids cut from bytes as from strings.
        for path in ["a.md", "sub/a.md", ".hidden", "sub/.hidden", "a.b.md", "noext", "sub.d/noext", "x."] {
            let cut = Array(path.utf8).withUnsafeBytes { ListedIDs.asciiID($0).map { String(decoding: $0, as: UTF8.self) } }
            #expect(cut == ArticleParser.id(forPath: path), "\(path)")
        }
        #expect(Array("café.md".utf8).withUnsafeBytes { ListedIDs.asciiID($0) } == nil)
        // An empty listing, and one of one path (one bit of hash: two buckets).
        #expect(ListedIDs(PathList()).paths(ofID: "a", in: PathList()) == [])
        let one = PathList(["sub/a.md"])
        #expect(ListedIDs(one).paths(ofID: "a", in: one) == ["sub/a.md"] && ListedIDs(one).paths(ofID: "b", in: one) == [])
    }
}
