import Foundation
import Testing
@testable import ConcordCore

/// The sources' listing as one block of bytes (`PathList`) must answer as the array of `String`s
/// it replaced: the same paths, order, hashes, keys and stamps.
@Suite("Path list")
struct PathListTests {
    /// Paths of every kind: ASCII of 0 to 60 bytes (past the 16 read as two numbers when sorting),
    /// prefixes of one another, a subfolder, and letters outside ASCII in both Unicode forms.
    func paths(_ count: Int, seed: UInt64, ascii: Bool) -> [String] {
        var rng = SplitMix64(seed: seed)
        let alphabet = Array("abAB09-_./ z~".utf8)
        var paths: Set<String> = []
        while paths.count < count {
            var path = String(decoding: (0..<rng.next(60)).map { _ in alphabet[rng.next(alphabet.count)] }, as: UTF8.self)
            if let other = paths.randomElement(using: &rng), rng.next(4) == 0 { path = other + "x" }
            if !ascii && rng.next(5) == 0 { path += rng.next(2) == 0 ? "caf\u{E9}.md" : "cafe\u{301}.md" }
            paths.insert(path)
        }
        return paths.sorted().shuffled(using: &rng)
    }

    @Test func holdsThePathsItWasGiven() {
        for given in [[], [""], ["a.md"], paths(300, seed: 1, ascii: true), paths(300, seed: 2, ascii: false)] {
            let list = PathList(given)
            #expect(Array(list) == given)
            #expect(list.count == given.count)
            #expect(list.hashes == given.map(PathHash.of))
            #expect(list.indices.map(list.byteCount) == given.map(\.utf8.count))
            #expect(list.isASCII == given.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } })
        }
        // A byte outside ASCII anywhere: among the words read eight at a time, or in the tail.
        for k in 0..<20 {
            var bytes = Array(repeating: UInt8(ascii: "a"), count: 20)
            bytes[k] = 0xC3; bytes.insert(0xA9, at: k + 1)
            #expect(!PathList([String(decoding: bytes, as: UTF8.self)]).isASCII, "at \(k)")
        }
    }

    /// Sorted as `ArchiveLoader.sorted` sorts the strings: by bytes when all are ASCII (in two
    /// halves past 2,048 paths), as `String`s otherwise (NFC and NFD together, then by bytes).
    @Test func sortsAsTheStringsSort() {
        for (count, seed) in [(0, 3), (1, 4), (2, 5), (50, 6), (2047, 7), (2048, 8), (5000, 9)] {
            for ascii in [true, false] {
                let given = paths(count, seed: UInt64(seed), ascii: ascii)
                let sorted = PathList(given).sorted()
                #expect(Array(sorted) == ArchiveLoader.sorted(given), "\(count) paths, ASCII \(ascii)")
                #expect(sorted == PathList(ArchiveLoader.sorted(given)))
            }
        }
        #expect(Array(PathList(["ab", "a", "abc", "b", "aa"]).sorted()) == ["a", "aa", "ab", "abc", "b"])
    }

    /// Removing and inserting give the list the array's same operations give.
    /// Paths taken out and put in by `update` give the list a build would sort, a few where the list
    /// lies and more by one merge; the positions it returns are where the new paths are, so that an
    /// array beside the list follows it (`Array.follow`) in either case.
    @Test(arguments: [(4, 3), (30, 200)]) func updatesAsASortedListWould(goneCount: Int, newCount: Int) {
        var rng = SplitMix64(seed: UInt64(goneCount * 1000 + newCount))
        for ascii in [true, false] {
            let all = paths(600 + newCount, seed: UInt64(newCount) + (ascii ? 1 : 2), ascii: ascii)
            let old = ArchiveLoader.sorted(Array(all.prefix(600))), new = ArchiveLoader.sorted(Array(all.suffix(newCount)))
            var gone = Set<Int>()
            while gone.count < goneCount { gone.insert(rng.next(old.count)) }
            var list = PathList(old), marks = old.map { _ in false }
            let placed = list.update(removing: gone, adding: new)
            marks.follow(removing: gone, inserting: true, at: placed)
            let expected = ArchiveLoader.sorted(old.indices.filter { !gone.contains($0) }.map { old[$0] } + new)
            #expect(Array(list) == expected)
            #expect(list == PathList(expected), "hashes and starts too")
            #expect(placed == placed.sorted() && placed.map { list[$0] } == new)
            #expect(marks == expected.map { new.contains($0) }, "the array beside the list in step")
        }
        // (The first case is made in place, the second by a merge.)
        #expect((goneCount + newCount <= PathList.inPlaceLimit) == (newCount < PathList.inPlaceLimit / 2))
    }

    @Test func removesAndInsertsAsAnArrayDoes() {
        var rng = SplitMix64(seed: 10)
        var array = paths(200, seed: 11, ascii: false)
        var list = PathList(array)
        for step in 0..<300 {
            if rng.next(2) == 0 && !array.isEmpty {
                let i = rng.next(array.count)
                array.remove(at: i); list.remove(at: i)
            } else {
                let i = rng.next(array.count + 1), path = "new-\(step)-" + String(repeating: "é", count: rng.next(30))
                array.insert(path, at: i); list.insert(path, at: i)
            }
            #expect(list == PathList(array), "step \(step)")
        }
        #expect(Array(list) == array)
        var copied = PathList()
        for i in list.indices where i % 3 != 0 { copied.append(i, of: list) }
        #expect(copied == PathList(array.indices.filter { $0 % 3 != 0 }.map { array[$0] }))
    }

    /// The sources' key from the block is the key the paths as `String`s gave, so that a cache
    /// written by the build before it still finds nothing to do.
    @Test func sourcesKeyIsTheStringsKey() {
        let given = paths(500, seed: 12, ascii: false)
        let stamps = given.indices.map { FileStamp(size: $0, modified: 7 * $0, changed: 11 * $0, inode: UInt64(13 * $0)) as FileStamp? }
        var key = PageKey(seed: UInt64(given.count))
        for (path, st) in zip(given, stamps) {
            key.add(path); key.add(UInt64(bitPattern: Int64(st!.size))); key.add(UInt64(bitPattern: Int64(st!.modified)))
            key.add(UInt64(bitPattern: Int64(st!.changed))); key.add(st!.inode)
        }
        #expect(BuildState.sourcesKey(paths: PathList(given), stamps: stamps) == key.value)
        var one = stamps; one[250] = nil
        #expect(BuildState.sourcesKey(paths: PathList(given), stamps: one) == 0)
    }

    /// Listing into the block keeps only the paths asked for (article files: the extension
    /// checked on bytes as on strings), walks subfolders, skips hidden entries, and gives a name
    /// that is not UTF-8 as `String` decodes it. The stamps are each file's own.
    @Test func listsArticleFilesWithTheirStamps() throws {
        let archive = try TempArchive(); defer { archive.cleanup() }
        let names = ["a.txt", "B.MD", "c.markdown", "notes.doc", "README", "sub/d.Md", "sub.d/e", ".hidden.txt",
                     "sub/.hidden/f.txt", "caf\u{E9}.txt", "x.t\u{E9}t"]
        for name in names {
            try FileManager.default.createDirectory(at: archive.source.appendingPathComponent(name).deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try archive.write(name, "date 2020-01-01 \(name)\n")
        }
        // A name whose bytes are not UTF-8 (`olé.txt` in Latin-1).
        let raw = Array(archive.source.path.utf8) + Array("/ol".utf8) + [0xE9] + Array(".txt".utf8) + [0]
        let fd = raw.withUnsafeBytes { open($0.baseAddress!.assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644) }
        #expect(fd >= 0); close(fd)
        let walked = try ArchiveLoader(sourceFolder: archive.source).walk()
        let (listed, links) = (walked.paths, walked.sawLink)
        let expected = ["B.MD", "a.txt", "c.markdown", "caf\u{E9}.txt", "ol\u{FFFD}.txt", "sub/d.Md"]
        #expect(Array(listed) == expected && !links)
        #expect(try ArchiveLoader(sourceFolder: archive.source).articlePaths() == expected)
        #expect(expected.allSatisfy(ArticleParser.isArticlePath))
        #expect(!["notes.doc", "README", "sub.d/e", "x.t\u{E9}t", "a.txt/b"].contains(where: ArticleParser.isArticlePath))
        let stamps = FileStamp.of(listed, in: archive.source.path, now: .max)
        for (i, path) in expected.enumerated() {
            var st = stat()
            let exists = stat(archive.source.path + "/" + path, &st) == 0
            #expect(stamps[i] == (exists ? FileStamp(st) : nil), "\(path)")
        }
        #expect(stamps[4] == nil, "the name not UTF-8 is not found under its decoded name")
        // Held so before any sort too: a list's bytes are always UTF-8.
        var walkedLinks = false
        let unsorted = try #require(FastFiles.listPaths(under: archive.source.path, followingLinks: true, sawLink: &walkedLinks))
        let k = try #require(Array(unsorted).firstIndex(of: "ol\u{FFFD}.txt"))
        #expect(FileStamp.of(unsorted, in: archive.source.path, now: .max)[k] == nil)
        #expect(unsorted.count == names.count - 2 + 1, "every file but the hidden ones")
    }
    /// Two lists in build order merge into build order: by bytes when both are ASCII, as
    /// `String`s (two spellings of the same letters next to each other) when not.
    @Test(arguments: [false, true])
    func mergesInBuildOrder(_ accents: Bool) {
        var random = SplitMix64(seed: accents ? 7 : 3)
        let letters = accents ? ["a", "b", "/", "\u{E9}", "e\u{301}", "Z"] : ["a", "b", "/", "c", "Z", "0"]
        for _ in 0..<50 {
            let all = (0..<Int(random.next() % 40)).map { _ in
                (0..<(1 + Int(random.next() % 6))).map { _ in letters[Int(random.next() % UInt64(letters.count))] }.joined() + ".txt"
            }
            let unique = Array(Set(all))
            let split = unique.isEmpty ? 0 : Int(random.next() % UInt64(unique.count + 1))
            let a = PathList(ArchiveLoader.sorted(Array(unique[..<split]))), b = PathList(ArchiveLoader.sorted(Array(unique[split...])))
            let merged = a.merged(with: b)
            #expect(Array(merged) == ArchiveLoader.sorted(unique))
            #expect(merged.hashes == Array(merged).map { PathHash.of($0) })
            // Only some runs of `a`: the paths between them are left out.
            var runs: [Range<Int>] = [], at = 0
            while at < a.count { let end = min(a.count, at + 1 + Int(random.next() % 4)); runs.append(at..<end); at = end + Int(random.next() % 3) }
            let some = a.merged(runs: runs, with: b)
            #expect(Array(some) == ArchiveLoader.sorted(runs.flatMap { $0.map { a[$0] } } + Array(b)))
            #expect(some.hashes == Array(some).map { PathHash.of($0) })
        }
    }
}
