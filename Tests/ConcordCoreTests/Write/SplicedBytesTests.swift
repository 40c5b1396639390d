import Foundation
import Testing
@testable import ConcordCore

@Suite("Spliced bytes")
struct SplicedBytesTests {
    /// A temporary folder holding `base` as a file, and that file mapped.
    static func mapped(_ base: [UInt8]) throws -> (folder: URL, file: FastFiles.Mapped) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("concord-splice-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("base").path
        try Data(base).write(to: URL(fileURLWithPath: path))
        return (folder, try #require(FastFiles.Mapped(path)))
    }

    /// Random new bytes and spans (some of them in a row in the base, with the base's own
    /// bytes between them as new bytes): the whole, its length, its checksum, the file
    /// written from its pieces and `holds` are those of the plain concatenation; a file one
    /// byte off is not held. Over 1,024 pieces, so the writes go in more than one `writev`.
    @Test func piecesAreTheConcatenation() throws {
        var rng = SplitMix64(seed: 11)
        let base = (0..<4000).map { _ in UInt8(ascii: "a") + UInt8(rng.next() % 4) }
        let (folder, file) = try Self.mapped(base)
        defer { try? FileManager.default.removeItem(at: folder) }
        for round in 0..<6 {
            var spliced = SplicedBytes(base: file)
            var expected: [UInt8] = []
            var at = Int(rng.next() % 100)
            for _ in 0..<(round == 5 ? 3000 : 200) {
                switch rng.next() % 4 {
                case 0:   // new bytes
                    let bytes = (0..<Int(rng.next() % 5)).map { _ in UInt8(ascii: "A") + UInt8(rng.next() % 3) }
                    spliced.append(contentsOf: bytes); expected += bytes
                case 1:   // the base's bytes given as new ones, then a span right after them
                    let gap = Int(rng.next() % 4), size = Int(rng.next() % 30)
                    guard at + gap + size <= base.count else { at = 0; continue }
                    spliced.append(contentsOf: base[at..<(at + gap)]); spliced.appendSpan((at + gap)..<(at + gap + size))
                    expected += base[at..<(at + gap + size)]
                    at += gap + size
                default:  // a span anywhere
                    let start = Int(rng.next() % UInt64(base.count)), size = Int(rng.next() % 50)
                    let r = start..<min(base.count, start + size)
                    spliced.appendSpan(r); expected += base[r]
                    at = r.upperBound
                }
            }
            #expect(spliced.count == expected.count)
            #expect(spliced.joined.elementsEqual(expected))
            #expect(spliced.checksum == Checksum.of(expected))
            let path = folder.appendingPathComponent("out\(round)").path
            let pieces = spliced.withPieces { $0.count }
            if round == 5 { #expect(pieces > 1024) }
            #expect(spliced.withPieces { FastFiles.write(pieces: $0, to: path) } == 0)
            #expect(FastFiles.read(path).map { $0 == expected } == true, "round \(round), \(pieces) pieces")
            #expect(spliced.withPieces { FastFiles.holds(path, pieces: $0) })
            var off = expected
            if !off.isEmpty { off[off.count / 2] ^= 1 }
            try Data(off).write(to: URL(fileURLWithPath: path))
            #expect(spliced.withPieces { FastFiles.holds(path, pieces: $0) } == expected.isEmpty)
        }
    }

    /// Entries kept in a row make one span when the new bytes between them are the base's
    /// own; other bytes between them (of another length, or of the same) keep them apart.
    @Test func keptEntriesInARowMakeOneSpan() throws {
        let base = Array("[\n  {a},\n  {b},\n  {c}\n]".utf8)
        let (folder, file) = try Self.mapped(base)
        defer { try? FileManager.default.removeItem(at: folder) }
        func range(_ entry: String) -> Range<Int> {
            let r = String(decoding: base, as: UTF8.self).range(of: entry)!
            let s = String(decoding: base, as: UTF8.self)
            return s.utf8.distance(from: s.startIndex, to: r.lowerBound)..<s.utf8.distance(from: s.startIndex, to: r.upperBound)
        }
        var same = SplicedBytes(base: file)
        same.append("[\n  "); same.appendSpan(range("{a}")); same.append(",\n  "); same.appendSpan(range("{b}"))
        same.append(",\n  "); same.appendSpan(range("{c}")); same.append("\n]")
        #expect(same.spans == [.init(at: 4, range: range("{a}").lowerBound..<range("{c}").upperBound)])
        #expect(same.joined == base)

        // Other bytes between them, shorter than the base's and as long.
        for between in [", ", ",\n--"] {
            var apart = SplicedBytes(base: file)
            apart.appendSpan(range("{a}")); apart.append(between); apart.appendSpan(range("{b}"))
            #expect(apart.spans.count == 2)
            #expect(String(decoding: apart.joined, as: UTF8.self) == "{a}\(between){b}")
        }
    }

    /// Pieces by key: those the previous pieces hold are spans of the earlier file, the rest are
    /// made (and only they); lead and separator go around them and are no part of any piece.
    @Test func piecesByKeyAreKeptOrMade() throws {
        // The earlier file: "[" then pieces "p0".."p9" (keys 100..109) separated by ", ".
        var earlier = Array("[".utf8), previous = Fragments()
        for k in 0..<10 {
            if k > 0 { earlier += Array(", ".utf8) }
            previous.items.append(.init(key: UInt64(100 + k), start: earlier.count, count: 2))
            earlier += Array("p\(k)".utf8)
        }
        let (folder, file) = try Self.mapped(earlier)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Now: piece 3 gone, a new piece (key 7) before piece 5, piece 8 edited (key 8 instead of 108).
        let keys: [UInt64] = [100, 101, 102, 104, 7, 105, 106, 107, 8, 109]
        var matcher: FragmentMatcher? = FragmentMatcher(previous, fileSize: earlier.count)
        var out = SplicedBytes(base: file)
        out.append(contentsOf: Array("[".utf8))
        let made = Locked<[Int]>([])
        let (items, reused) = out.appendPieces(keys: keys, kept: &matcher, lead: Array(" ".utf8), separator: Array(",".utf8)) { i in
            made.withLock { $0.append(i) }
            return Array("new\(keys[i])".utf8)
        }
        let whole = String(decoding: out.joined, as: UTF8.self)
        #expect(whole == "[ p0, p1, p2, p4, new7, p5, p6, p7, new8, p9")
        #expect(made.withLock { $0.sorted() } == [4, 8])
        #expect(reused == 8)
        #expect(items.map(\.key) == keys)
        let bytes = out.joined
        #expect(items.map { String(decoding: bytes[$0.start..<($0.start + $0.count)], as: UTF8.self) }
                == ["p0", "p1", "p2", "p4", "new7", "p5", "p6", "p7", "new8", "p9"])
        // Without earlier pieces, every one is made.
        var none: FragmentMatcher? = nil
        var all = SplicedBytes()
        #expect(all.appendPieces(keys: [1, 2], kept: &none) { i in [UInt8(ascii: "a") + UInt8(i)] }.reused == 0)
        #expect(all.joined == Array("ab".utf8))
    }

    /// Kept pieces in a row in the earlier file make one span, an empty one among them too (a
    /// row a template renders as nothing): its separator and lead are new bytes, and the piece
    /// after it is joined only once they are compared.
    @Test func piecesInARowWithAnEmptyOneAmongThem() throws {
        // The earlier file: "[" then pieces "p0", "", "p2", "p3" (keys 300...303) separated by ", ".
        var earlier = Array("[".utf8), previous = Fragments()
        for (k, piece) in ["p0", "", "p2", "p3"].enumerated() {
            if k > 0 { earlier += Array(", ".utf8) }
            previous.items.append(.init(key: UInt64(300 + k), start: earlier.count, count: piece.utf8.count))
            earlier += Array(piece.utf8)
        }
        let (folder, file) = try Self.mapped(earlier)
        defer { try? FileManager.default.removeItem(at: folder) }
        var matcher: FragmentMatcher? = FragmentMatcher(previous, fileSize: earlier.count)
        var out = SplicedBytes(base: file)
        out.append(contentsOf: Array("[".utf8))
        let keys: [UInt64] = [300, 301, 302, 303]
        let (items, reused) = out.appendPieces(keys: keys, kept: &matcher, lead: Array(" ".utf8), separator: Array(",".utf8)) { _ in
            Issue.record("every piece is kept"); return []
        }
        let bytes = out.joined
        #expect(String(decoding: bytes, as: UTF8.self) == "[ p0, , p2, p3")
        #expect(reused == 4)
        #expect(items.map { String(decoding: bytes[$0.start..<($0.start + $0.count)], as: UTF8.self) } == ["p0", "", "p2", "p3"])
        #expect(out.spans.count == 1, "\(out.spans)")
    }

    /// Summed by its pieces as they come (`pieceChecksum`), a file made of kept pieces (in a row,
    /// apart, empty), made pieces and new bytes between them has the checksum its joined bytes
    /// and items give (`Fragments.checksum(of:items:)`), round after round of random changes,
    /// each round spliced from the last; and none once a span that is no piece is added.
    @Test func summedByPiecesAsTheyComeIsTheChecksumOfTheWhole() throws {
        var rng = SplitMix64(seed: 29)
        var keys = (0..<300).map { _ in rng.next() }
        func bytes(of key: UInt64) -> [UInt8] { Array("{\(key % 1000)\(String(repeating: "x", count: Int(key % 7)))}".utf8) }
        var previous: (file: FastFiles.Mapped, parts: Fragments, folder: URL)? = nil
        defer { if let previous { try? FileManager.default.removeItem(at: previous.folder) } }
        for round in 0..<8 {
            var out = SplicedBytes(base: previous?.file, piecewise: true)
            var matcher = previous.map { FragmentMatcher($0.parts, fileSize: $0.file.bytes.count) }
            out.append("{\"round\" : [\n")
            var (items, _) = out.appendPieces(keys: keys, kept: &matcher, lead: Array("  ".utf8), separator: Array(",\n".utf8)) { bytes(of: keys[$0]) }
            out.append("\n], \"more\" : [")
            // A block made whole, its pieces given with their sums (as a full build makes them).
            var block: [UInt8] = [], blockItems: [Fragments.Item] = []
            for k in 0..<(round + 2) {
                if k > 0 { block += Array(", ".utf8) }
                let piece = bytes(of: UInt64(round * 10 + k))
                blockItems.append(.init(key: UInt64(k), start: block.count, count: piece.count, checksum: Checksum.of(piece)))
                block += piece
            }
            items += out.appendMade(block, pieces: blockItems)
            out.append("]}\n")
            let whole = out.joined
            let expected = try #require(whole.withUnsafeBytes { Fragments.checksum(of: $0, items: items) })
            #expect(out.pieceChecksum == expected, "round \(round)")
            for item in items { #expect(item.checksum == Checksum.of(Array(whole[item.start..<(item.start + item.count)]))) }
            // The next round splices from this one: some pieces removed, some new, some moved.
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("concord-pieces-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(whole).write(to: folder.appendingPathComponent("base"))
            if let previous { try? FileManager.default.removeItem(at: previous.folder) }
            previous = (try #require(FastFiles.Mapped(folder.appendingPathComponent("base").path)), Fragments(items: items), folder)
            for _ in 0..<5 { keys.remove(at: Int(rng.next() % UInt64(keys.count))) }
            for _ in 0..<5 { keys.insert(rng.next(), at: Int(rng.next() % UInt64(keys.count))) }
            if round % 3 == 2 { keys.swapAt(3, 40) }
        }
        var plain = SplicedBytes(base: previous!.file, piecewise: true)
        plain.append("x"); plain.appendSpan(0..<5)
        #expect(plain.pieceChecksum == nil)
        #expect(SplicedBytes(base: nil).pieceChecksum == nil, "not summed by pieces unless asked")
    }
}
