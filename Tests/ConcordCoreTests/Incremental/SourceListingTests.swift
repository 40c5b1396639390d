import Foundation
import Testing
@testable import ConcordCore

/// A watching process patches the last listing of the sources from the paths reported changed
/// (`SourceListing.patched`): the result must be what listing the folder again gives, or nil
/// where the change cannot be told without listing.
@Suite("Source listing patched")
struct SourceListingTests {
    /// Stamps taken as if a minute later: every file's is settled, so two listings compare whole.
    let later = FileStamp.now() + 60_000_000_000

    func listing(_ archive: TempArchive) throws -> SourceListing {
        try ArchiveLoader(sourceFolder: archive.source).listing(now: later)
    }

    func patched(_ last: SourceListing, _ archive: TempArchive, _ changed: [String]) -> SourceListing? {
        last.patched(Set(changed.map { archive.source.appendingPathComponent($0).path }), folder: archive.source.path, now: later)
    }

    func archive() throws -> TempArchive {
        let archive = try TempArchive()
        for name in ["b.txt", "d.md", "f.txt", "sub/g.txt", "#1 story.txt"] {
            try FileManager.default.createDirectory(at: archive.source.appendingPathComponent(name).deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            try archive.write(name, "date 2020-01-01 \(name)\n")
        }
        return archive
    }

    @Test func addsRemovesAndEditsAreWhatListingAgainGives() throws {
        let archive = try archive(); defer { archive.cleanup() }
        var last = try listing(archive)
        #expect(Array(last.paths) == ["#1 story.txt", "b.txt", "d.md", "f.txt", "sub/g.txt"] && !last.hasLinks)
        // An add before, between and after, in a subfolder; a remove; an edit (same size, new stamp).
        try archive.write("a.txt", "date 2020-01-02 new\n")
        try archive.write("e.txt", "date 2020-01-02 new\n")
        try archive.write("z.md", "date 2020-01-02 new\n")
        try archive.write("sub/h.txt", "date 2020-01-02 new\n")
        try FileManager.default.removeItem(at: archive.source.appendingPathComponent("d.md"))
        try archive.write("f.txt", "date 2020-01-01 F.txt\n")
        // Not articles, hidden, gone before being looked at: passed over.
        try archive.write("notes.doc", "x")
        try archive.write(".hidden.txt", "date 2020-01-02 hidden\n")
        let changed = ["a.txt", "e.txt", "z.md", "sub/h.txt", "d.md", "f.txt", "notes.doc", ".hidden.txt", "never.txt~", "x.txt"]
        let next = try #require(patched(last, archive, changed))
        let fresh = try listing(archive)
        #expect(next == fresh)
        #expect(Array(next.paths) == ["#1 story.txt", "a.txt", "b.txt", "e.txt", "f.txt", "sub/g.txt", "sub/h.txt", "z.md"])
        last = next
        // Paths outside the folder (a template, the config) change nothing.
        #expect(patched(last, archive, []) == last)
        #expect(last.patched([archive.root.appendingPathComponent("templates/x.mustache").path], folder: archive.source.path, now: later) == last)
    }

    @Test func anEditIsStampedAgain() throws {
        let archive = try archive(); defer { archive.cleanup() }
        let last = try listing(archive)
        try archive.write("b.txt", "date 2020-01-01 changed, longer than before\n")
        let next = try #require(patched(last, archive, ["b.txt"]))
        let now = try listing(archive)
        #expect(next.stamps[1] != last.stamps[1] && next == now)
        // Unreported, the edit goes unseen: the listing trusts the reports.
        try archive.write("f.txt", "date 2020-01-01 changed too, and longer\n")
        let after = try listing(archive)
        #expect(patched(next, archive, []) == next && next != after)
    }

    @Test func changesThatNeedAListingGiveNil() throws {
        let archive = try archive(); defer { archive.cleanup() }
        let last = try listing(archive)
        let fm = FileManager.default
        // A folder made (files in it before its watch are not reported).
        try fm.createDirectory(at: archive.source.appendingPathComponent("new"), withIntermediateDirectories: true)
        #expect(patched(last, archive, ["new"]) == nil)
        try fm.removeItem(at: archive.source.appendingPathComponent("new"))
        // A folder with articles gone (moved away: its files are not reported).
        try fm.moveItem(at: archive.source.appendingPathComponent("sub"), to: archive.root.appendingPathComponent("away"))
        #expect(patched(last, archive, ["sub"]) == nil)
        try fm.moveItem(at: archive.root.appendingPathComponent("away"), to: archive.source.appendingPathComponent("sub"))
        // A link made; the source folder itself.
        #expect(symlink(archive.source.appendingPathComponent("b.txt").path, archive.source.appendingPathComponent("l.txt").path) == 0)
        #expect(patched(last, archive, ["l.txt"]) == nil)
        #expect(last.patched([archive.source.path], folder: archive.source.path, now: later) == nil)
        // A listing that holds a link is never patched.
        let linked = try listing(archive)
        #expect(linked.hasLinks && patched(linked, archive, []) == nil)
        // Nor one holding a file with another name elsewhere (written through it, no change is reported here).
        unlink(archive.source.appendingPathComponent("l.txt").path)
        #expect(try !listing(archive).hasLinks)
        #expect(link(archive.source.appendingPathComponent("b.txt").path, archive.root.appendingPathComponent("other-name.txt").path) == 0)
        let hardLinked = try listing(archive)
        #expect(hardLinked.hasLinks && patched(hardLinked, archive, []) == nil)
        // …or one a file reported now has.
        unlink(archive.root.appendingPathComponent("other-name.txt").path)
        let plain = try listing(archive)
        #expect(link(archive.source.appendingPathComponent("f.txt").path, archive.root.appendingPathComponent("other-name.txt").path) == 0)
        #expect(patched(plain, archive, ["f.txt"])?.hasLinks == true)
    }

    /// Random adds, removes and edits, each batch reported: the patched listing is always the folder's,
    /// patched in place (a few) or merged anew (every fourth round, more than `inPlaceLimit`).
    @Test func randomChangesAreWhatListingAgainGives() throws {
        let archive = try TempArchive(); defer { archive.cleanup() }
        var rng = SplitMix64(seed: 7)
        var names = (0..<200).map { String(format: "a%03d.%@", $0, $0 % 3 == 0 ? "md" : "txt") }
        for n in names { try archive.write(n, "date 2020-01-01 \(n)\n") }
        var last = try listing(archive)
        for round in 0..<20 {
            var changed: [String] = []
            for _ in 0..<(round % 4 == 3 ? PathList.inPlaceLimit + 10 : 1 + rng.next(12)) {
                // (Every fourth round adds and removes only: edits count toward no limit.)
                switch round % 4 == 3 ? rng.next(2) : rng.next(3) {
                case 0:
                    let n = String(format: "n%03d-%02d.txt", rng.next(1000), round)
                    guard !names.contains(n) else { continue }
                    try archive.write(n, "date 2020-01-01 \(n)\n"); names.append(n); changed.append(n)
                case 1 where !names.isEmpty:
                    let n = names.remove(at: rng.next(names.count))
                    try FileManager.default.removeItem(at: archive.source.appendingPathComponent(n)); changed.append(n)
                default:
                    guard !names.isEmpty else { continue }
                    let n = names[rng.next(names.count)]
                    try archive.write(n, "date 2020-01-01 \(n) edited in round \(round)\n"); changed.append(n)
                }
            }
            if round % 4 == 3 { #expect(changed.count > PathList.inPlaceLimit, "round \(round) merges") }
            last = try #require(patched(last, archive, changed), "round \(round)")
            let fresh = try listing(archive)
            #expect(last == fresh, "round \(round)")
        }
    }
}
