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
}
