import Foundation
import Testing
@testable import ConcordCore

/// A path left in its mapped record must read back as the string written, and hash as it does.
@Suite("Mapped strings")
struct MappedStringTests {
    static let paths = ["2019/07/2019-07-14-the-mayor-said-000123.md", "a.txt", "", "Zürich/Ångström – “quoted”.md"]

    @Test func aMappedStringIsTheStringWrittenAndHashesAsItDoes() throws {
        var w = ByteWriter()
        w.u8(7)                                 // off 8-byte alignment, as in a shard
        for p in Self.paths { w.string(p) }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("strings-\(UUID().uuidString).bin")
        try Data(w.bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var r = ByteReader(try #require(FastFiles.Mapped(url.path)))
        #expect(try r.u8() == 7)
        var mapped: [MappedString] = []
        for _ in Self.paths {
            let place = try r.inPlace(UInt8.self)
            mapped.append(MappedString(file: place.file, offset: place.offset, count: place.count))
        }
        #expect(r.atEnd)
        // Read after the reader is gone: each keeps its file mapped.
        #expect(mapped.map(\.string) == Self.paths)
        #expect(mapped.map(\.pathHash) == Self.paths.map { PathHash.of($0) })
        #expect(Self.paths.map { MappedString($0).string } == Self.paths)
        #expect(Self.paths.map { MappedString($0).pathHash } == Self.paths.map { PathHash.of($0) })
    }

    /// Sort keys order paths as `String` does: bytes where they are ASCII, strings where not (an
    /// "e" with a combining accent sorts after "f", as its composed form does, not before).
    @Test func sortKeysOrderAsStringsDo() throws {
        let paths = ["b.md", "a.md", "a-b.md", "f.md", "e\u{301}.md", "Zürich.md", "z.md", "A.md", "", "a", "2019/07/a.md", "2019-07-a.md"]
        var w = ByteWriter()
        for p in paths { w.string(p) }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sort-\(UUID().uuidString).bin")
        try Data(w.bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var r = ByteReader(try #require(FastFiles.Mapped(url.path)))
        // Every other one given, the rest mapped: both kinds meet in one sort, as in a shard
        // holding a record made by this build beside restored ones.
        let strings = try paths.indices.map { k -> MappedString in
            let place = try r.inPlace(UInt8.self)
            return k % 2 == 0 ? MappedString(file: place.file, offset: place.offset, count: place.count) : MappedString(paths[k])
        }
        let sorted = withExtendedLifetime(strings) { strings.sorted { $0.sortKey.precedes($1.sortKey) }.map(\.string) }
        #expect(sorted == paths.sorted())
        let mapped = strings.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        #expect(withExtendedLifetime(mapped) { mapped.sorted { $0.sortKey.precedes($1.sortKey) }.map(\.string) }
                == paths.enumerated().filter { $0.offset % 2 == 0 }.map(\.element).sorted())
        #expect("e\u{301}.md" > "f.md", "the case the byte order would get wrong")
    }
}
