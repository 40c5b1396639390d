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
        // Every id the listing holds, and ids it does not; ASCII ones, as `concord add` asks.
        var asked = Set(table.keys.filter { $0.utf8.allSatisfy { $0 < 0x80 } })
        asked.formUnion(["zzz", "story-2", "a.b", ""])
        // Each asked of the table, and of the listing's bytes (which only an ASCII listing is
        // searched as).
        let ascii = PathList(list.filter { $0.utf8.allSatisfy { $0 < 0x80 } })
        let asciiTable = Dictionary(grouping: Array(ascii), by: { ArticleParser.id(forPath: $0) })
        var (tabled, searched) = (ListedIDs(list, scansBeforeTable: 0), ListedIDs(ascii, scansBeforeTable: .max))
        for id in asked.sorted() {
            #expect(tabled.paths(ofID: id) == (table[id] ?? []), "id '\(id)'")
            #expect(searched.paths(ofID: id) == (asciiTable[id] ?? []), "id '\(id)', searched")
        }
        // A search that finds the id inside other names and folders first ("a" in "a.b.md", "ab/b.md", "sub/xa.md").
        var inside = ListedIDs(PathList(["a.b.md", "ab/b.md", "ba.md", "sub.d/a", "sub/a.md", "sub/xa.md", "x/a.txt"]), scansBeforeTable: .max)
        #expect(inside.paths(ofID: "a") == ["sub.d/a", "sub/a.md", "x/a.txt"])
        #expect(inside.paths(ofID: "a.b") == ["a.b.md"] && inside.paths(ofID: "sub") == [])
        // The Kelvin sign's id equals "K" as a `String`: both files are found under "K" (a listing that
        // is not ASCII is not searched as bytes).
        let kelvin = PathList(["K.md", "\u{212A}.txt"]).sorted()
        var kelvinIDs = ListedIDs(kelvin, scansBeforeTable: .max)
        #expect(Set(kelvinIDs.paths(ofID: "K")) == ["K.md", "\u{212A}.txt"])
        // Ids cut from bytes as from strings.
        for path in ["a.md", "sub/a.md", ".hidden", "sub/.hidden", "a.b.md", "noext", "sub.d/noext", "x."] {
            let cut = Array(path.utf8).withUnsafeBytes { ListedIDs.asciiID($0).map { String(decoding: $0, as: UTF8.self) } }
            #expect(cut == ArticleParser.id(forPath: path), "\(path)")
        }
        #expect(Array("café.md".utf8).withUnsafeBytes { ListedIDs.asciiID($0) } == nil)
        // An empty listing, and one of one path (one bit of hash: two buckets).
        for scans in [0, Int.max] {
            var none = ListedIDs(PathList(), scansBeforeTable: scans), one = ListedIDs(PathList(["sub/a.md"]), scansBeforeTable: scans)
            #expect(none.paths(ofID: "a") == [])
            #expect(one.paths(ofID: "a") == ["sub/a.md"] && one.paths(ofID: "b") == [])
        }
    }
}
