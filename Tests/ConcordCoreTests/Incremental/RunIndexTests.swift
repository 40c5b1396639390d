import Foundation
import Testing
@testable import ConcordCore

/// The run index must name, for any hash, exactly the articles whose runs carry it, once per
/// run; and say so only while its bytes are the ones written.
@Suite("Run index")
struct RunIndexTests {
    /// Articles with runs over a small set of hashes (so that many articles share each), some
    /// hashes repeated within an article, and hashes spread over the whole 64-bit range.
    static let articles: [(pathHash: UInt64, runs: ArticleRuns)] = {
        var rng = SplitMix64(seed: 7)
        let pool = (0..<500).map { _ in rng.next() }
        return (0..<300).map { i in
            let n = Int(rng.next() % 60)
            let pairs = (0..<n).map { k in (pool[Int(rng.next() % 500)], UInt32(k * 3)) }.sorted { $0 < $1 }
            return (rng.next(), ArticleRuns(hashes: pairs.map(\.0), positions: pairs.map(\.1)))
        }
    }()

    func written(_ articles: [(pathHash: UInt64, runs: ArticleRuns)] = Self.articles) throws -> (path: String, seal: UInt64) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("runs-\(UUID().uuidString).bin").path
        return (path, try #require(RunIndex.write(articles, to: path)))
    }

    /// What the index must answer: each hash's carriers, by path hash, once per run.
    func expected(_ hashes: [UInt64]) -> [[UInt64]] {
        hashes.map { h in Self.articles.flatMap { a in a.runs.hashes.filter { $0 == h }.map { _ in a.pathHash } }.sorted() }
    }

    @Test func answersWhatEveryArticlesRunsSay() throws {
        let (path, seal) = try written(); defer { unlink(path) }
        let index = try #require(RunIndex(path: path, seal: seal))
        #expect(index.slotCount == 300)
        #expect(index.entryCount == Self.articles.reduce(0) { $0 + $1.runs.count })
        let carried = Array(Set(Self.articles.flatMap(\.runs.hashes))).sorted()
        let hashes = carried + [0, 1, UInt64.max, carried[0] &+ 1]      // and some no article has
        let found = try #require(index.slots(of: hashes)).map { $0.map { index.pathHash(ofSlot: Int($0)) }.sorted() }
        #expect(found == expected(hashes))
        #expect(found.prefix(carried.count).allSatisfy { !$0.isEmpty })
        #expect(found.suffix(4).allSatisfy { $0.isEmpty })
        for a in Self.articles.prefix(20) { #expect(index.contains(pathHash: a.pathHash)) }
        #expect(!index.contains(pathHash: 12345))
    }

    @Test func writingIsDeterministic() throws {
        let a = try written(), b = try written(); defer { unlink(a.path); unlink(b.path) }
        #expect(a.seal == b.seal)
        #expect(FileManager.default.contentsEqual(atPath: a.path, andPath: b.path))
    }

    @Test func anEmptyArchiveHasAnEmptyIndex() throws {
        let (path, seal) = try written([]); defer { unlink(path) }
        let index = try #require(RunIndex(path: path, seal: seal))
        #expect(index.slotCount == 0 && index.entryCount == 0)
        #expect(index.slots(of: [1, 2]) == [[], []])
    }

    /// A damaged head (or another seal, or a cut file) does not open; a damaged block of
    /// entries fails the lookups that read it, and only those.
    @Test func damageIsNeverReadAsAnswers() throws {
        let (path, seal) = try written(); defer { unlink(path) }
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(RunIndex(path: path, seal: seal &+ 1) == nil)
        try Data(bytes.dropLast(4)).write(to: URL(fileURLWithPath: path))
        #expect(RunIndex(path: path, seal: seal) == nil)
        var head = bytes
        head[BuildCache.magic.count + 5 + 40] ^= 1          // in the first article's path hash
        try Data(head).write(to: URL(fileURLWithPath: path))
        #expect(RunIndex(path: path, seal: seal) == nil)
        // The last entry's slot (the file's last four bytes), made another article's.
        var entry = bytes
        entry[entry.count - 4] ^= 0x01
        try Data(entry).write(to: URL(fileURLWithPath: path))
        let index = try #require(RunIndex(path: path, seal: seal))
        let carried = Array(Set(Self.articles.flatMap(\.runs.hashes))).sorted()
        #expect(index.slots(of: carried) == nil)
        #expect(index.slots(of: []) == [])
    }

    /// The index written before some articles changed, with those changes noted
    /// (`RunIndexState`), answers as every current article's runs do: articles gone or changed
    /// since do not answer with their old runs, articles added or changed since answer with
    /// their new ones, and articles this build changed (no longer unchanged) not at all.
    @Test func lookupsSeeTheArchiveAsItIsNow() throws {
        let (path, seal) = try written(); defer { unlink(path) }
        let index = try #require(RunIndex(path: path, seal: seal))
        var now = Self.articles
        let removed = now.remove(at: 10).pathHash
        let edited = now[20].pathHash
        now[20].runs = ArticleRuns(hashes: [1, 2, 2], positions: [0, 4, 9])
        let added = (pathHash: UInt64(77), runs: ArticleRuns(hashes: [2, Self.articles[3].runs.hashes[0]], positions: [1, 2]))
        now.append(added)
        let since = RunIndexState(file: ("x", seal), gone: [removed, edited].sorted(),
                                  added: [(edited, now[20].runs), added].sorted { $0.pathHash < $1.pathHash })
        // This build changed one more article: its runs are the caller's to count.
        let changedNow = now[30].pathHash
        let position = Dictionary(uniqueKeysWithValues: now.enumerated().map { ($1.pathHash, $0) })
        let lookup = RunLookup(index: index, state: since, unchangedArticle: { $0 == changedNow ? nil : position[$0] })
        let hashes = Array(Set(Self.articles.flatMap(\.runs.hashes) + [1, 2])).sorted()
        let found = try #require(lookup.articles(of: hashes))
        let expected = hashes.map { h in
            now.enumerated().filter { $0.element.pathHash != changedNow }
                .flatMap { i, a in a.runs.hashes.filter { $0 == h }.map { _ in Int32(i) } }
        }
        #expect(found == expected)
        #expect(found[hashes.sortedPosition(of: 2)] == [20, 20, Int32(now.count - 1)])
    }

    /// With the run index, a change's passage update reads the runs of the changed article and
    /// of the articles that share a run with it, and no other article's (which the caller keeps
    /// where they lie: `PassageUpdate.RunsByArticle`). Here the changed article carries one hash
    /// that some articles carry and one that none does; read from every article's runs, all 300
    /// would be read.
    @Test func anUpdateReadsOnlyTheRunsOfTheChangeAndItsPartners() throws {
        let (path, seal) = try written(); defer { unlink(path) }
        let index = try #require(RunIndex(path: path, seal: seal))
        let changed = 30, shared = Self.articles[3].runs.hashes[0]
        let partners = Set(Self.articles.indices.filter { $0 != changed && Self.articles[$0].runs.hashes.contains(shared) })
        try #require(partners.count < 100)
        let now = {
            var edited = Self.articles
            edited[changed].runs = ArticleRuns(hashes: [12345, shared].sorted(), positions: [0, 5])
            return edited
        }()
        let position = Dictionary(uniqueKeysWithValues: now.enumerated().map { ($1.pathHash, $0) })
        let lookup = RunLookup(index: index, state: RunIndexState(file: ("x", seal), gone: [], added: []),
                               unchangedArticle: { $0 == now[changed].pathHash ? nil : position[$0] })
        let read = Locked(Set<Int>())
        let runs = PassageUpdate.RunsByArticle(count: now.count) { i in
            read.withLock { _ = $0.insert(i) }
            return now[i].runs
        }
        let input = PassageUpdate.Input(articles: [], runs: runs, changed: [changed], oldRuns: [], boilerplate: [], lookup: lookup)
        let empty = WordTokenizer().tokenize([], in: 0..<0)
        let update = try #require(PassageUpdate(options: .init()).update(input) { _ in empty })
        #expect(update.fromIndex)
        let readNow = read.withLock { $0 }
        #expect(readNow.contains(changed))
        #expect(readNow.subtracting(partners.union([changed])).isEmpty, "\(readNow.count) articles' runs read")
    }
}
