import ConcordCore
import Foundation
import Testing
@testable import ConcordServer

/// Starts a preview server on a free port over a temporary copy of the seeds and templates.
final class ServerFixture: @unchecked Sendable {
    let root: URL
    let server: PreviewServer
    var port = 0
    private var task: Task<Void, Error>?

    var source: URL { root.appendingPathComponent("seeds") }
    var templates: URL { root.appendingPathComponent("templates") }
    var output: URL { root.appendingPathComponent("public") }

    /// - Parameter console: gets each line the server prints, and whether it is an error.
    ///   - builtInTemplates: no templates folder: the build takes the built-in templates.
    init(builtInTemplates: Bool = false, console: @escaping @Sendable (String, Bool) -> Void = { _, _ in }) async throws {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        root = FileManager.default.temporaryDirectory.appendingPathComponent("concord-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repo.appendingPathComponent("seeds"), to: root.appendingPathComponent("seeds"))
        if !builtInTemplates {
            try FileManager.default.copyItem(at: repo.appendingPathComponent("templates"), to: root.appendingPathComponent("templates"))
            try Data("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8).write(to: root.appendingPathComponent("templates/logo.svg"))
            try Data([0x77, 0x4F, 0x46, 0x32]).write(to: root.appendingPathComponent("templates/font.woff2"))
        }
        var options = PreviewServer.Options(build: BuildOptions(
            source: root.appendingPathComponent("seeds"), output: root.appendingPathComponent("public"),
            templates: root.appendingPathComponent("templates"), workingDirectory: root,
            config: root.appendingPathComponent("concord.yml")))
        options.build.builtInTemplatesWhenMissing = builtInTemplates
        options.port = 0
        options.debounce = .milliseconds(50)
        server = PreviewServer(options: options, console: console)
        let (ready, continuation) = AsyncStream<Int>.makeStream()
        let server = self.server
        task = Task { try await server.run { url in continuation.yield(url.port ?? 0); continuation.finish() } }
        for await p in ready { port = p; break }
    }

    var http: HTTPProbe { HTTPProbe(port: port) }

    func stop() async throws {
        await server.stop()
        try await task?.value
        try? FileManager.default.removeItem(at: root)
    }
}

@Suite("Preview server", .serialized)
struct PreviewServerTests {
    @Test func servesPagesWithTypesRedirectsAnd404() async throws {
        let f = try await ServerFixture()
        let http = f.http
        let index = try http.get("/")
        #expect(index.status == 200)
        #expect(index.headers["content-type"] == "text/html; charset=utf-8")
        #expect(index.body.contains("Kim Kardashian"))
        #expect(index.body.contains("/__concord/reload.js"))

        let redirect = try http.get("/articles/001_ea6d62d9a66d076f")
        #expect(redirect.status == 301)
        #expect(redirect.headers["location"] == "/articles/001_ea6d62d9a66d076f/")
        #expect(try http.get("/articles/001_ea6d62d9a66d076f/").status == 200)
        #expect(try http.get("/articles/001_ea6d62d9a66d076f/index.html").status == 200)

        for (path, type) in [("/style.css", "text/css; charset=utf-8"), ("/annotations.json", "application/json"),
                             ("/logo.svg", "image/svg+xml"), ("/font.woff2", "font/woff2"),
                             ("/__concord/reload.js", "text/javascript; charset=utf-8")] {
            let r = try http.get(path)
            #expect(r.status == 200, "\(path)")
            #expect(r.headers["content-type"] == type, "\(path)")
        }
        let missing = try http.get("/no/such/page")
        #expect(missing.status == 404)
        #expect(missing.body.contains("Page not found"))
        #expect(try http.get("/", method: "POST").status == 405)
        #expect(try http.get("/", method: "HEAD").body.isEmpty)
        try await f.stop()
    }

    @Test func nothingOutsideTheOutputFolderIsServed() async throws {
        let f = try await ServerFixture()
        let http = f.http
        try Data("secret".utf8).write(to: f.root.appendingPathComponent("secret.txt"))
        try FileManager.default.createSymbolicLink(at: f.output.appendingPathComponent("leak.txt"),
                                                   withDestinationURL: f.root.appendingPathComponent("secret.txt"))
        try FileManager.default.createSymbolicLink(at: f.output.appendingPathComponent("up"), withDestinationURL: f.root)
        for path in ["/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/articles/..%2f..%2fsecret.txt",
                     "/articles/%2e%2e/%2e%2e/secret.txt", "//etc/passwd", "/leak.txt", "/up/secret.txt",
                     "/up/seeds/000_0f71f093a850930d.txt", "/%00", "/.%2e/secret.txt"] {
            let r = try http.get(path)
            #expect(r.status == 404, "\(path) gave \(r.status)")
            #expect(!r.body.contains("secret") || r.body.contains("Page not found"), "\(path)")
        }
        try await f.stop()
    }

    @Test func changesRebuildAndReloadOpenPages() async throws {
        let f = try await ServerFixture()
        let stream = try f.http.events()
        #expect(stream.wait(for: ": connected", seconds: 5))

        // A new article appears on the index after the reload, linked from the older ones' passages.
        let copy = try String(contentsOf: f.source.appendingPathComponent("002_b5dc226a9299c504.txt"), encoding: .utf8)
            .replacingOccurrences(of: "date 2020-07-22", with: "date 2020-08-01 A reprint")
        try Data(copy.utf8).write(to: f.source.appendingPathComponent("003_reprint.txt"))
        #expect(stream.wait(for: "event: reload", seconds: 20))
        let index = try f.http.get("/")
        #expect(index.body.contains("articles/003_reprint/index.html"))
        let older = try f.http.get("/articles/001_ea6d62d9a66d076f/")
        #expect(older.body.contains("003_reprint"))

        // A broken template keeps the last good site and reports the problem; fixing it clears it.
        let template = f.templates.appendingPathComponent("index.mustache")
        let good = try Data(contentsOf: template)
        stream.received = ""
        try Data("{{#articles}} never closed".utf8).write(to: template)
        #expect(stream.wait(for: "event: problem", seconds: 20))
        #expect(stream.received.contains("index.mustache"))
        #expect(try f.http.get("/").body.contains("003_reprint"))
        stream.received = ""
        try good.write(to: template)
        #expect(stream.wait(for: "event: reload", seconds: 20))

        // The config file is watched too.
        stream.received = ""
        try Data("title: Renamed archive\n".utf8).write(to: f.root.appendingPathComponent("concord.yml"))
        #expect(stream.wait(for: "event: reload", seconds: 20))
        #expect(try f.http.get("/").body.contains("Renamed archive"))

        // A bad article is reported to pages that connect after the reload of its rebuild.
        // A rebuild already running when the file appeared (a second one for the config
        // change) may reload first, without it: then the next reload is the one.
        stream.received = ""
        try Data("no date".utf8).write(to: f.source.appendingPathComponent("bad.txt"))
        var reported = false
        for _ in 0..<3 where !reported {
            guard stream.wait(for: "event: reload", seconds: 20), let seen = stream.received.range(of: "event: reload") else { break }
            stream.received = String(stream.received[seen.upperBound...])
            reported = try f.http.events().wait(for: "bad.txt:1: error", seconds: 5)
        }
        #expect(reported, "a page connecting after the rebuild is told of bad.txt")
        // The rebuilds after the first kept the build cache for the next (`BuildMemory`) rather
        // than reading it back: the template fix, the config change and the bad article's.
        let uses = f.server.memory.uses
        #expect(uses.kept >= 2 && uses.used >= 2, "\(uses)")
        // …and patched the listing of the sources from the changes watched.
        #expect(f.server.memory.listingsPatched >= 2, "\(f.server.memory.listingsPatched)")
        try await f.stop()
    }

    /// The sources are watched from before the first build: the first rebuild patches that
    /// build's listing from the changes reported, rather than listing the sources again.
    @Test func theFirstRebuildPatchesTheFirstBuildsListing() async throws {
        let f = try await ServerFixture()
        let stream = try f.http.events()
        #expect(stream.wait(for: ": connected", seconds: 5))
        #expect(f.server.memory.listingsPatched == 0)
        try Data("date 2020-08-01 A later article, said nobody.\n".utf8).write(to: f.source.appendingPathComponent("later.txt"))
        #expect(stream.wait(for: "event: reload", seconds: 20))
        #expect(f.server.memory.listingsPatched >= 1, "\(f.server.memory.listingsPatched)")
        #expect(try f.http.get("/articles/later/").status == 200)
        try await f.stop()
    }

    /// Served with the built-in templates, a templates folder written meanwhile (`concord init`)
    /// is taken up at once, and edits in it after that rebuild too.
    @Test func aTemplatesFolderWrittenWhileServingIsTakenUp() async throws {
        let f = try await ServerFixture(builtInTemplates: true)
        let stream = try f.http.events()
        #expect(stream.wait(for: ": connected", seconds: 5))
        #expect(try f.http.get("/style.css").status == 200)
        let layout = f.templates.appendingPathComponent("layout.mustache")
        func edit(_ marker: String) throws {
            let text = String(decoding: try Data(contentsOf: layout), as: UTF8.self)
            try Data(text.replacingOccurrences(of: "<main id=\"main\">", with: "<main id=\"main\"><p>\(marker)</p>").utf8).write(to: layout)
        }
        /// Whether the index shows `marker` after one of the next few reloads.
        func shows(_ marker: String) throws -> Bool {
            for _ in 0..<3 {
                guard stream.wait(for: "event: reload", seconds: 20), let seen = stream.received.range(of: "event: reload") else { return false }
                stream.received = String(stream.received[seen.upperBound...])
                if try f.http.get("/").body.contains(marker) { return true }
            }
            return false
        }
        stream.received = ""
        _ = try BuiltInTemplates.write(to: f.templates, replace: false)
        try edit("Edited after init")
        #expect(try shows("Edited after init"))
        stream.received = ""
        try edit("Edited again")
        #expect(try shows("Edited again"))
        try await f.stop()
    }

    /// A photo an article links to: until it is written, pages are told of the link to nothing;
    /// once it is, the rebuild it causes (no article changed) copies it into the site.
    @Test func linkedFilesAreServedOnceWritten() async throws {
        let f = try await ServerFixture()
        let stream = try f.http.events()
        #expect(stream.wait(for: ": connected", seconds: 5))
        try Data("---\ntitle: Photo\ndate: 2024-01-01\n---\n![The bridge](photos/bridge.png)\n".utf8)
            .write(to: f.source.appendingPathComponent("photo.md"))
        var reported = false
        for _ in 0..<3 where !reported {
            guard stream.wait(for: "event: reload", seconds: 20), let seen = stream.received.range(of: "event: reload") else { break }
            stream.received = String(stream.received[seen.upperBound...])
            reported = try f.http.events().wait(for: "photo.md:5: warning: links to", seconds: 5)   // (JSON writes / as \/)
        }
        #expect(reported, "a page connecting after the rebuild is told of the missing photo")
        #expect(try f.http.get("/articles/photo/").body.contains("<img src=\"../../files/photos/bridge.png\""))
        try FileManager.default.createDirectory(at: f.source.appendingPathComponent("photos"), withIntermediateDirectories: true)
        try Data("PNG!".utf8).write(to: f.source.appendingPathComponent("photos/bridge.png"))
        var served = false
        for _ in 0..<3 where !served {
            guard stream.wait(for: "event: reload", seconds: 20), let seen = stream.received.range(of: "event: reload") else { break }
            stream.received = String(stream.received[seen.upperBound...])
            served = try f.http.get("/files/photos/bridge.png").body == "PNG!"
        }
        #expect(served, "the photo is in the site once written")
        try await f.stop()
    }

    /// Files that are not pages are sent as they are read (a video is never read whole), with
    /// its length, and a part of one when asked for (`Range`: a browser seeking in a video).
    @Test func filesAreSentInPartsWhenAskedFor() async throws {
        let f = try await ServerFixture()
        let http = f.http
        let css = try String(contentsOf: f.output.appendingPathComponent("style.css"), encoding: .utf8)
        let whole = try http.get("/style.css")
        #expect(whole.status == 200 && whole.body == css && whole.headers["content-length"] == String(css.utf8.count))
        #expect(whole.headers["accept-ranges"] == "bytes")
        let part = try http.get("/style.css", headers: ["Range": "bytes=2-5"])
        #expect(part.status == 206 && part.body == String(css.dropFirst(2).prefix(4)))
        #expect(part.headers["content-range"] == "bytes 2-5/\(css.utf8.count)" && part.headers["content-length"] == "4")
        #expect(try http.get("/style.css", headers: ["Range": "bytes=-3"]).body == String(css.suffix(3)))
        #expect(try http.get("/style.css", headers: ["Range": "bytes=\(css.utf8.count - 2)-"]).body == String(css.suffix(2)))
        let beyond = try http.get("/style.css", headers: ["Range": "bytes=\(css.utf8.count)-"])
        #expect(beyond.status == 416 && beyond.headers["content-range"] == "bytes */\(css.utf8.count)")
        let head = try http.get("/style.css", method: "HEAD", headers: ["Range": "bytes=0-9"])
        #expect(head.status == 206 && head.body.isEmpty && head.headers["content-length"] == "10")
        // Pages are whole, with the reload script.
        #expect(try http.get("/", headers: ["Range": "bytes=0-9"]).body.contains("/__concord/reload.js"))
        try await f.stop()
    }

    /// Files an article links to have the media type a browser plays or shows them by.
    @Test func linkedMediaHaveTheirTypes() {
        func type(_ name: String) -> String { StaticSite.contentType(for: URL(fileURLWithPath: "/site/files/" + name)) }
        #expect(type("clip.MP4") == "video/mp4" && type("clip.webm") == "video/webm" && type("talk.mp3") == "audio/mpeg")
        #expect(type("counts.csv") == "text/csv" && type("page.html") == "text/html; charset=utf-8" && type("x.unknown-kind") == "application/octet-stream")
    }

    /// Range headers as RFC 9110 reads them; what it allows a server to ignore gives the whole file.
    @Test func byteRanges() {
        #expect(ByteRange.parse("bytes=0-9", size: 100) == .part(0...9))
        #expect(ByteRange.parse("bytes=90-200", size: 100) == .part(90...99))
        #expect(ByteRange.parse("bytes=95-", size: 100) == .part(95...99))
        #expect(ByteRange.parse("bytes=-10", size: 100) == .part(90...99))
        #expect(ByteRange.parse("bytes=-500", size: 100) == .part(0...99))
        #expect(ByteRange.parse("bytes=100-", size: 100) == .unsatisfiable)
        #expect(ByteRange.parse("bytes=-0", size: 100) == .unsatisfiable)
        #expect(ByteRange.parse("bytes=0-", size: 0) == .unsatisfiable)
        for ignored in ["bytes=0-1,5-6", "items=0-9", "bytes=9-0", "bytes=a-b", "bytes=", "bytes=5"] {
            #expect(ByteRange.parse(ignored, size: 100) == .whole, "\(ignored)")
        }
    }

    @Test func buildOutputHasNoReloadScript() async throws {
        let f = try await ServerFixture()
        let html = try String(contentsOf: f.output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!html.contains("__concord"))
        try await f.stop()
        // Stopping leaves no staging folders behind.
        #expect(!FileManager.default.fileExists(atPath: f.root.path))
    }

    /// Why a build is a full one is said as `concord build` says it, on stderr: the first
    /// build finds no cache; a rebuild after the cache was damaged says so, and rebuilds.
    @Test func noticesAreSaidAsTheBuildSaysThem() async throws {
        let lines = Locked<[(String, Bool)]>([])
        let f = try await ServerFixture { line, isError in lines.withLock { $0.append((line, isError)) } }
        #expect(lines.withLock { $0 }.contains { $0.0 == "note: full build: no build cache yet" && $0.1 })
        let stream = try f.http.events()
        #expect(stream.wait(for: ": connected", seconds: 5))
        let cache = f.root.appendingPathComponent(".public.cache/state.bin")
        try Data("garbage".utf8).write(to: cache)
        try Data("date 2021-01-01 One more article.\n".utf8).write(to: f.source.appendingPathComponent("003_more.txt"))
        #expect(stream.wait(for: "event: reload", seconds: 20))
        #expect(lines.withLock { $0 }.contains { $0.0.hasPrefix("note: full build: ") && $0.0.contains("state.bin") && $0.1 },
                "\(lines.withLock { $0 }.map(\.0))")
        try await f.stop()
    }

    @Test func staticSiteResolution() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("concord-static-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("a"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: root.appendingPathComponent("a/index.html"))
        defer { try? FileManager.default.removeItem(at: root) }
        let site = StaticSite(root: root)
        #expect(site.resolve("/a") == .redirect("/a/"))
        #expect(site.resolve("/a/") == .file(root.appendingPathComponent("a/index.html").resolvingSymlinksInPath()))
        #expect(site.resolve("/a/%2e%2e/a/") == .notFound)
        #expect(site.resolve("relative") == .notFound)
        #expect(LiveReload.inject(into: "<html><body>x</body></html>").contains("reload.js\" defer></script>\n</body>"))
    }
}
