import Foundation
import Testing
@testable import ConcordCore

@Suite("File tables")
struct FileTableTests {
    typealias Entry = BuildState.FileEntry

    /// A table of rows of hash, key and checksum.
    static func table(_ rows: [(UInt64, UInt64, UInt64)]) -> FileTable {
        FileTable(hashes: rows.map(\.0), entries: rows.map { Entry(key: $0.1, checksum: $0.2) })
    }

    /// Rows of `count` random hashes, some given again with other entries, and 0 among them.
    static func rows(_ count: Int, seed: UInt64) -> [(UInt64, Entry)] {
        var rng = SplitMix64(seed: seed)
        var rows = (0..<count).map { _ in (rng.next(), Entry(key: rng.next(), checksum: rng.next())) }
        rows[5].0 = 0
        for k in stride(from: 0, to: count / 2, by: 97) { rows.append((rows[k].0, Entry(key: UInt64(k), checksum: rng.next()))) }
        return rows
    }

    /// Looked up after the last one found, every file is found with the entry a plain lookup
    /// gives, and its position kept for the next: in the table's order (each found at the
    /// place after the last), in reverse, at random, with hashes not in the table between
    /// them (which leave the last position as it was), and from positions out of range.
    @Test func findsFilesAfterTheLastOneFound() {
        let rows = Self.rows(3000, seed: 5)
        let table = FileTable(hashes: rows.map(\.0), entries: rows.map(\.1))
        var order: [UInt64] = []
        table.forEach { h, _ in order.append(h) }
        var rng = SplitMix64(seed: 7)
        let shuffled = order.shuffled(using: &rng)
        let absent = (0..<500).map { _ in rng.next() }.filter { table[$0] == nil }
        for (name, hashes) in [("in order", order), ("reversed", order.reversed()), ("shuffled", shuffled),
                               ("with misses", Array(zip(order, absent).flatMap { [$0, $1] }))] {
            var last = -1
            for h in hashes {
                let before = last
                let found = table.entry(h, after: &last)
                #expect(found == table[h], "\(name)")
                if found == nil { #expect(last == before, "\(name)") } else { #expect(order[last] == h, "\(name)") }
            }
        }
        for start in [-5, order.count - 1, order.count + 3] {
            var last = start
            #expect(table.entry(order[0], after: &last) == table[order[0]] && last == 0)
            var other = start
            #expect(table.contains(order[1], after: &other) && !table.contains(absent[0], after: &other))
        }
        var none = -1
        #expect(FileTable().entry(1, after: &none) == nil && none == -1)
    }

    /// Every file is found with the entry last given for it, as a dictionary filled in the same
    /// order holds it; hashes not given are not found; each file is counted and listed once,
    /// in the place it was last given.
    @Test func findsTheLastEntryOfEachFile() {
        let rows = Self.rows(5000, seed: 3)
        let table = FileTable(hashes: rows.map(\.0), entries: rows.map(\.1))
        var last: [UInt64: Entry] = [:], lastAt: [UInt64: Int] = [:]
        for (i, (h, e)) in rows.enumerated() { last[h] = e; lastAt[h] = i }
        let lastOrder = rows.indices.filter { lastAt[rows[$0].0] == $0 }.map { rows[$0].0 }
        #expect(table.count == last.count && last.count < rows.count)
        for (h, e) in last { #expect(table[h] == e && table.contains(h)) }
        var listed: [UInt64] = []
        table.forEach { h, e in listed.append(h); #expect(last[h] == e) }
        #expect(listed == lastOrder)
        var rng = SplitMix64(seed: 99)
        for _ in 0..<1000 { let h = rng.next(); #expect(table[h] == last[h]) }
        #expect(FileTable().count == 0 && FileTable()[0] == nil && FileTable().isEmpty)
    }

    /// Hashes that agree in the bits a slot is chosen by still find their own entries.
    @Test func hashesSharingASlotAreToldApart() {
        let hashes = (0..<200).map { UInt64($0) << 40 }
        let table = Self.table(hashes.map { ($0, $0 &+ 1, $0 &+ 2) })
        for h in hashes { #expect(table[h] == Entry(key: h &+ 1, checksum: h &+ 2)) }
        #expect(table[200 << 40] == nil)
    }

    /// Tables with the same files and entries are equal in any order; a changed checksum, key, or
    /// a file more or less, makes them differ.
    @Test func equalityIgnoresOrder() {
        let rows: [(UInt64, UInt64, UInt64)] = [(1, 10, 100), (2, 20, 200), (3, 30, 300)]
        let a = Self.table(rows), b = Self.table(Array(rows[2...] + rows[..<2]))
        #expect(a == b)
        #expect(a != Self.table([(1, 10, 100), (2, 20, 200), (3, 30, 301)]))
        #expect(a != Self.table([(1, 10, 100), (2, 21, 200), (3, 30, 300)]))
        #expect(a != Self.table(Array(rows[..<2])) && Self.table(Array(rows[..<2])) != a)
        #expect(a != Self.table([(1, 10, 100), (2, 20, 200), (4, 30, 300)]))
    }

    /// Rows recorded from several threads at once make the table one thread recording them would.
    @Test func recordsFromManyThreads() {
        let rows = Array(Self.rows(3000, seed: 5).prefix(3000))      // each hash once: the order between threads does not matter
        let recorder = FileTable.Recorder(capacity: 10)
        _ = ParallelMap.map(Array(rows.indices), chunk: 7) { i in recorder.record(rows[i].0, rows[i].1) }
        recorder.recordAll { record in record(rows[0].0, Entry(key: 1, checksum: 2)) }
        let table = recorder.table
        #expect(table.count == 3000)
        #expect(table[rows[0].0] == Entry(key: 1, checksum: 2))
        for (h, e) in rows.dropFirst() { #expect(table[h] == e) }
    }

    /// A table comes back from its bytes as it was; bytes cut short are refused.
    @Test func comesBackFromItsBytes() throws {
        let rows = Self.rows(300, seed: 8)
        let table = FileTable(hashes: rows.map(\.0), entries: rows.map(\.1))
        var w = ByteWriter()
        table.encode(into: &w)
        #expect(w.bytes.count == 8 + 24 * table.count)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("files-\(UUID().uuidString).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(w.bytes).write(to: url)
        var r = ByteReader(try #require(FastFiles.Mapped(url.path)))
        #expect(try FileTable.decode(from: &r) == table && r.atEnd)
        try Data(w.bytes.dropLast(8)).write(to: url)
        var short = ByteReader(try #require(FastFiles.Mapped(url.path)))
        #expect(throws: ByteReader.Malformed.self) { try FileTable.decode(from: &short) }
    }
}
