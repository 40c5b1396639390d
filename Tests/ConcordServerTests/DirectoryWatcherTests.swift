import ConcordCore
import Foundation
import Testing
@testable import ConcordServer

@Suite("Directory watcher")
struct DirectoryWatcherTests {
    /// Links back up the tree (`ln -s . self`, `sub/up -> ..`, `sub/again -> ..`) are followed
    /// once: watching starts at once, and a change below is still seen. (Each link was walked
    /// again and again: three of them never finished, and `concord serve` never started.)
    /// A folder linked in while watching is watched too.
    @Test func linkedFoldersAreWatchedOnceEach() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("concord-watch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("sub"), withIntermediateDirectories: true)
        for (link, target) in ["self": ".", "sub/up": "..", "sub/again": ".."] {
            #expect(symlink(target, root.appendingPathComponent(link).path) == 0)
        }
        let seen = Locked<[String]>([])
        let started = DispatchSemaphore(value: 0)
        let made = Locked<DirectoryWatcher?>(nil)
        // Started on a thread of its own, so that a walk without end fails the test, not hangs it.
        Thread {
            let watcher = try? DirectoryWatcher(paths: [root]) { path in seen.withLock { $0.append(path) } }
            made.withLock { $0 = watcher }
            started.signal()
        }.start()
        guard started.wait(timeout: .now() + 10) == .success else {
            Issue.record("watching a folder with links back up did not finish in 10 s")
            return
        }
        let watcher = try #require(made.withLock { $0 })
        defer { watcher.stop() }
        try Data("date 2020-01-01 New.".utf8).write(to: root.appendingPathComponent("sub/new.txt"))
        var found = false
        for _ in 0..<100 where !found {
            Thread.sleep(forTimeInterval: 0.05)
            found = seen.withLock { $0.contains { $0.hasSuffix("/new.txt") } }
        }
        #expect(found, "\(seen.withLock { $0 })")

        // A folder kept elsewhere, linked in while watching: changes in it are seen too.
        let elsewhere = root.deletingLastPathComponent().appendingPathComponent("concord-elsewhere-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        #expect(symlink(elsewhere.path, root.appendingPathComponent("linked").path) == 0)
        Thread.sleep(forTimeInterval: 0.2)
        try Data("date 2020-01-01 Linked.".utf8).write(to: elsewhere.appendingPathComponent("far.txt"))
        found = false
        for _ in 0..<100 where !found {
            Thread.sleep(forTimeInterval: 0.05)
            found = seen.withLock { $0.contains { $0.hasSuffix("linked/far.txt") } }
        }
        #expect(found, "\(seen.withLock { $0 })")
    }

    /// Editor droppings are noise; an article file is not, whatever its name, unless hidden.
    @Test func editorDroppingsAreNoiseArticlesNever() {
        for name in ["a.txt~", "a.txt.swp", ".a.txt.swx", "#a.txt#", "x.tmp", "4913", ".hidden.txt"] {
            #expect(DirectoryWatcher.isNoise(name), "\(name)")
        }
        for name in ["#1 story.txt", "a.txt", "notes.md", "4913.txt"] { #expect(!DirectoryWatcher.isNoise(name), "\(name)") }
    }
}
