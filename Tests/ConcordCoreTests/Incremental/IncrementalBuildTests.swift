import Foundation
import Testing
@testable import ConcordCore

/// Incremental builds must give, after every change, exactly the site a full build gives.
@Suite("Incremental builds")
struct IncrementalBuildTests {
    /// Builds incrementally, then checks the output byte for byte, and the problems reported,
    /// against a fresh full build.
    @discardableResult
    func buildAndCompare(_ archive: TempArchive, templates: URL = Repo.templates, log: any BuildLog = SilentLog(),
                         memory: BuildMemory? = nil, _ what: Comment) async throws -> BuildReport {
        try await buildAndCompare(archive.options(templates: templates), log: log, memory: memory, what)
    }

    @discardableResult
    func buildAndCompare(_ options: BuildOptions, log: any BuildLog = SilentLog(), memory: BuildMemory? = nil,
                         _ what: Comment) async throws -> BuildReport {
        let report = try await SiteBuilder(options: options, log: log, memory: memory).build()
        var full = options
        full.output = options.output.deletingLastPathComponent().appendingPathComponent("full")
        full.full = true
        try? FileManager.default.removeItem(at: full.output)
        let fullReport = try await SiteBuilder(options: full).build()
        #expect(report.diagnostics == fullReport.diagnostics, what)
        #expect([report.articles, report.pages, report.files, report.passages, report.quotes]
                == [fullReport.articles, fullReport.pages, fullReport.files, fullReport.passages, fullReport.quotes], what)
        let a = try snapshot(options.output), b = try snapshot(full.output)
        #expect(a.keys.sorted() == b.keys.sorted(), what)
        for (path, bytes) in b where a[path] != bytes { Issue.record("\(path) differs from a full build after: \(what)") }
        return report
    }

    static let generated: [ArchiveGenerator.GeneratedArticle] = {
        var o = ArchiveGenerator.Options()
        o.articles = 260; o.seed = 11
        return ArchiveGenerator(options: o).generate()
    }()

    func templatesCopy(_ archive: TempArchive) throws -> URL {
        let url = archive.root.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: Repo.templates, to: url)
        return url
    }

    @Test func generatedArchiveThroughASequenceOfChanges() async throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        try archive.copySeeds()
        let all = Self.generated
        for g in all.prefix(200) { try archive.write(g.fileName, g.contents) }
        let templates = try templatesCopy(archive)
        let first = try await archive.build(templates: templates)
        #expect(!first.incremental)

        // One article that shares passages with older ones: only the pages it touches are rendered.
        let sharing = all.dropFirst(200).first { !$0.copies.isEmpty }!
        try archive.write(sharing.fileName, sharing.contents)
        var r = try await buildAndCompare(archive, templates: templates, "adding one sharing article")
        #expect(r.incremental)
        #expect(r.rendered > 3 && r.rendered < r.pages / 4, "rendered \(r.rendered) of \(r.pages)")

        for g in all.dropFirst(200).prefix(30) { try archive.write(g.fileName, g.contents) }
        r = try await buildAndCompare(archive, templates: templates, "adding 30 articles")
        #expect(r.incremental)

        // Edit: a word changed inside a shared passage, and a new quote.
        let victim = all[5].fileName
        var text = try String(contentsOf: archive.source.appendingPathComponent(victim), encoding: .utf8)
        text = text.replacingOccurrences(of: " the ", with: " the very ") + "\n\n“We never agreed to that,” said Dana Whitfield.\n"
        try archive.write(victim, text)
        r = try await buildAndCompare(archive, templates: templates, "editing an article")
        #expect(r.incremental)

        // A new title, then a new date, for an article that shares passages: what its
        // neighbours' links, the lists and the passage pages show of it.
        let retitled = sharing.fileName
        let before = try String(contentsOf: archive.source.appendingPathComponent(retitled), encoding: .utf8)
        let titleLine = try #require(before.split(separator: "\n").first { $0.hasPrefix("title:") })
        let titled = before.replacingOccurrences(of: titleLine, with: "title: \"A title of its own\"")
        try archive.write(retitled, titled)
        r = try await buildAndCompare(archive, templates: templates, "giving an article a new title")
        #expect(r.incremental)
        // One day later (or earlier, at a month's end): the article keeps its place among the
        // passages' other copies, so only the date it shows changes.
        let dateLine = try #require(before.split(separator: "\n").first { $0.hasPrefix("date:") })
        let day = try #require(Int(dateLine.suffix(2)))
        try archive.write(retitled, titled.replacingOccurrences(
            of: dateLine, with: dateLine.dropLast(2) + String(format: "%02d", day < 28 ? day + 1 : day - 1)))
        r = try await buildAndCompare(archive, templates: templates, "giving an article a new date")
        #expect(r.incremental)

        try FileManager.default.removeItem(at: archive.source.appendingPathComponent(all[7].fileName))
        r = try await buildAndCompare(archive, templates: templates, "deleting an article")
        #expect(r.incremental)

        try FileManager.default.moveItem(at: archive.source.appendingPathComponent(all[9].fileName),
                                         to: archive.source.appendingPathComponent("renamed-article.md"))
        r = try await buildAndCompare(archive, templates: templates, "renaming an article")
        #expect(r.incremental)

        // Touched but unchanged: nothing rendered, nothing written but the bookkeeping.
        let seed = try FileManager.default.contentsOfDirectory(atPath: archive.source.path).sorted().first { $0.hasSuffix(".txt") }!
        let url = archive.source.appendingPathComponent(seed)
        try Data(contentsOf: url).write(to: url)
        r = try await buildAndCompare(archive, templates: templates, "touching a file")
        #expect(r.rendered == 0)
        // …and its new stamp is kept, in the record (later builds do not read the file again)
        // and in the sources' key (the next build finds nothing to do).
        let cache = BuildCache(output: archive.output)
        var loaded = try cache.readState()
        try cache.loadRest(into: &loaded, sourceFolder: archive.source.path)
        #expect(loaded.state.records[seed]?.stamp == FileStamp.of([seed], in: archive.source.path)[0])
        let stages = RecordingStageLog()
        _ = try await SiteBuilder(options: archive.options(templates: templates), log: stages).build()
        #expect(stages.stages.map(\.name).contains("check"), "\(stages.stages.map(\.name))")

        // A template change re-renders the pages rendered with it, and nothing is re-annotated:
        // a page template's pages; a partial's, those of the templates including it; the layout's, every page.
        func change(_ template: String) throws {
            let file = templates.appendingPathComponent(template + ".mustache")
            try (String(contentsOf: file, encoding: .utf8) + "\n<!-- changed -->\n").write(to: file, atomically: true, encoding: .utf8)
        }
        try change("article")
        r = try await buildAndCompare(archive, templates: templates, "changing the article template")
        #expect(r.incremental)
        #expect(r.rendered == r.articles)
        try change("passage")
        r = try await buildAndCompare(archive, templates: templates, "changing the passage template")
        #expect(r.rendered == r.passages)
        try change("partials/meta")     // included by the article, passage and index templates
        r = try await buildAndCompare(archive, templates: templates, "changing a partial")
        #expect(r.rendered == r.articles + r.passages + 1)
        try change("layout")
        r = try await buildAndCompare(archive, templates: templates, "changing the layout")
        #expect(r.rendered == r.pages)

        // A bad file is reported and left out, then fixed.
        try archive.write("broken.txt", "no date here\n")
        let log = RecordingLog()
        r = try await buildAndCompare(archive, templates: templates, log: log, "adding a bad file")
        #expect(log.diagnostics.map(\.path) == ["broken.txt"])
        try archive.write("broken.txt", "date 2024-01-02 Now it has a date, and a body that shares nothing.\n")
        r = try await buildAndCompare(archive, templates: templates, "fixing the bad file")
        #expect(r.incremental)
    }

    /// A footer carried by more articles than the boilerplate limit is cut out of
    /// passages; adding and removing carriers moves it across the limit, which
    /// changes other pairs' alignments (the passage stage then runs in full).
    @Test func boilerplateCrossingItsLimit() async throws {
        var o = ArchiveGenerator.Options()
        o.articles = 120; o.seed = 5; o.boilerplateShare = 0.15
        let all = ArchiveGenerator(options: o).generate()
        let footer = all.filter { $0.contents.contains(GeneratorVocabulary.boilerplate) }
        try #require(footer.count >= 12, "\(footer.count) articles carry the footer")
        let archive = try TempArchive()
        defer { archive.cleanup() }
        for g in all { try archive.write(g.fileName, g.contents) }
        var options = archive.options()
        options.boilerplateArticles = footer.count - 2
        func step(_ what: Comment) async throws -> BuildReport { try await buildAndCompare(options, what) }
        _ = try await SiteBuilder(options: options).build()
        // Down to the limit and below, one carrier at a time, then back up.
        for g in footer.prefix(4) {
            try FileManager.default.removeItem(at: archive.source.appendingPathComponent(g.fileName))
            _ = try await step("removing a footer carrier")
        }
        for g in footer.prefix(4) {
            try archive.write(g.fileName, g.contents)
            _ = try await step("adding a footer carrier back")
        }
        // An article without the footer, while the footer is boilerplate: the update path.
        let plain = all.first { !$0.contents.contains(GeneratorVocabulary.boilerplate) && !$0.copies.isEmpty }!
        try archive.write(plain.fileName, plain.contents.replacingOccurrences(of: " the ", with: " THE "))
        let r = try await step("editing an article without the footer")
        #expect(r.incremental)
    }

    /// Ids out of path order (a file in a folder), and a second file of an id coming and going:
    /// the first file of an id in path order wins, as in a full build, and the other is reported.
    @Test func duplicateIdsAndIdsOutOfPathOrder() async throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        try archive.copySeeds()
        try FileManager.default.createDirectory(at: archive.source.appendingPathComponent("z"), withIntermediateDirectories: true)
        func article(_ day: Int, _ words: String) -> String {
            "date 2021-05-0\(day) \(words)\n\n\"We will open the new bridge over the river in May, once the last inspections of its cables are done,\" said Ada Brook. \(words).\n"
        }
        try archive.write("b.txt", article(2, "The b story"))
        try archive.write("z/a.txt", article(3, "The a story in a folder"))
        _ = try await archive.build()
        let passages = try archive.read("passages/index.html")
        #expect(passages.contains("2 articles"), "a and b share a passage")
        // Both unchanged while another article changes: their shared passage is kept.
        let seed = try #require(FileManager.default.contentsOfDirectory(atPath: archive.source.path).sorted().first { $0.hasSuffix(".txt") })
        try archive.write(seed, try String(contentsOf: archive.source.appendingPathComponent(seed), encoding: .utf8) + "\nOne more line.\n")
        try await buildAndCompare(archive, "editing a seed while a and b stay")
        try archive.write("a.md", "---\ntitle: The other a\ndate: 2021-05-04\n---\n\nAnother file with the id a.\n")
        let log = RecordingLog()
        var r = try await buildAndCompare(archive, log: log, "adding a second file with the id a")
        #expect(r.incremental)
        #expect(log.diagnostics.map(\.path) == ["z/a.txt"], "the first in path order wins")
        // A third file with the id, between the two in path order: read anew like z/a.txt (left
        // out, so never kept in the cache), while a.md's record is reused. Both are duplicates of
        // a.md, the first in path order of all three, not of each other.
        try FileManager.default.createDirectory(at: archive.source.appendingPathComponent("m"), withIntermediateDirectories: true)
        try archive.write("m/a.txt", article(5, "A third a"))
        r = try await buildAndCompare(archive, log: log, "adding a third file with the id a")
        #expect(r.incremental)
        #expect(r.diagnostics.map(\.description) == [
            "m/a.txt:1: error: duplicate id 'a': 'a.md' has the same file name; rename one of them",
            "z/a.txt:1: error: duplicate id 'a': 'a.md' has the same file name; rename one of them"])
        try FileManager.default.removeItem(at: archive.source.appendingPathComponent("m/a.txt"))
        try archive.write("b.txt", article(2, "The b story, edited"))
        r = try await buildAndCompare(archive, "editing another article meanwhile")
        #expect(r.incremental)
        try FileManager.default.removeItem(at: archive.source.appendingPathComponent("a.md"))
        r = try await buildAndCompare(archive, "removing it again")
        #expect(r.incremental)
        #expect(try archive.read("articles/a/index.html").contains("The a story in a folder"))
    }

    @Test func seedsThroughEditsOfTheSharedStatement() async throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        try archive.copySeeds()
        _ = try await archive.build()
        let names = try FileManager.default.contentsOfDirectory(atPath: archive.source.path).sorted()
        // Drop the statement's third copy, then bring it back with a spelling change.
        let third = archive.source.appendingPathComponent(names[2])
        let original = try String(contentsOf: third, encoding: .utf8)
        try FileManager.default.removeItem(at: third)
        try await buildAndCompare(archive, "removing a seed")
        try archive.write(names[2], original.replacingOccurrences(of: "bipolar", with: "bi-polar"))
        let r = try await buildAndCompare(archive, "restoring it with a respelling")
        #expect(r.incremental)
    }

    /// A short name ("Kim") an article never spells out takes the full name most
    /// articles of the archive use: adding and removing articles moves that choice,
    /// from counts an incremental build keeps rather than recounts.
    @Test func archiveWideNamesFollowAddedAndRemovedArticles() async throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        func spelling(_ name: String, _ day: Int) -> String {
            "date 2022-03-0\(day) The mayor speaks\n\nThe mayor, \(name), opened the new bridge on Monday.\n\n\"We built this together,\" \(name) said.\n"
        }
        try archive.write("a-short.txt", "date 2022-03-01 Kim on the bridge\n\n\"It will carry ten thousand cars a day,\" Kim said at the ceremony.\n")
        try archive.write("b-jones.txt", spelling("Kim Jones", 2))
        _ = try await archive.build()
        #expect(try archive.read("annotations.json").contains("\"name\" : \"Kim Jones\""))
        try archive.write("c-smith.txt", spelling("Kim Smith", 3))
        try archive.write("d-smith.txt", spelling("Kim Smith", 4))
        try await buildAndCompare(archive, "two articles spelling out another Kim")
        let json = try archive.read("annotations.json")
        #expect(json.components(separatedBy: "\"name\" : \"Kim Smith\"").count - 1 == 3, "the short Kim is Kim Smith now")
        try FileManager.default.removeItem(at: archive.source.appendingPathComponent("c-smith.txt"))
        try FileManager.default.removeItem(at: archive.source.appendingPathComponent("d-smith.txt"))
        let r = try await buildAndCompare(archive, "both removed again")
        #expect(r.incremental)
    }

    /// A statement articles share (a passage), and an article carrying it, then a quote of Mayor Ann Lee.
    static let harbourStatement = "The council will rebuild the harbour wall before the winter storms arrive, and every family living on the seafront will be offered a safe place to stay until the work is finished."

    static func quotingHarbourStatement(_ date: String, _ own: String) -> String {
        "date \(date) \(own)\n\n\(harbourStatement)\n\n\"We will not leave anyone behind,\" Mayor Ann Lee said on Monday.\n"
    }

    /// Two articles carrying the harbour statement and quoting Mayor Ann Lee ("a-first.txt",
    /// "b-second.txt", a day apart), built once (removed again if that fails).
    func builtHarbourArchive() async throws -> TempArchive {
        let archive = try TempArchive()
        do {
            try archive.write("a-first.txt", Self.quotingHarbourStatement("2023-05-01", "The Harbour Times"))
            try archive.write("b-second.txt", Self.quotingHarbourStatement("2023-05-02", "The Coast Herald"))
            _ = try await archive.build()
            return archive
        } catch {
            archive.cleanup(); throw error
        }
    }

    /// An article moved into a subfolder keeps its id and its bytes: only its path changes,
    /// which its entry in `annotations.json` gives, so that entry must be made anew.
    @Test func anArticleMovedIntoASubfolderGetsItsNewPath() async throws {
        let archive = try await builtHarbourArchive()
        defer { archive.cleanup() }
        try FileManager.default.createDirectory(at: archive.source.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: archive.source.appendingPathComponent("b-second.txt"),
                                         to: archive.source.appendingPathComponent("sub/b-second.txt"))
        let r = try await buildAndCompare(archive, "an article moved into a subfolder")
        #expect(r.incremental)
        #expect(try archive.read("annotations.json").contains("\"path\" : \"sub/b-second.txt\""))
    }

    /// An article whose record the build trusted (its stamp as recorded) is changed after the
    /// sources were scanned, before its page is rendered: its bytes are found stale when read,
    /// and the build starts again as a full one, which gives the new article's site.
    @Test func anArticleChangedDuringTheBuildMakesItStartAgain() async throws {
        let archive = try await builtHarbourArchive()
        defer { archive.cleanup() }
        // A third copy of the statement: both older articles' pages show it, so read their files.
        try archive.write("c-third.txt", Self.quotingHarbourStatement("2023-05-03", "The Evening Post"))
        let changed = Self.quotingHarbourStatement("2023-05-02", "The Coast Gazette")
        let log = StageHookLog { stage in
            guard stage == "parse" else { return }
            try? archive.write("b-second.txt", changed)
        }
        let r = try await buildAndCompare(archive, log: log, "an article changed during the build")
        #expect(log.notices == ["full build: an article changed while it was being built"], "\(log.notices)")
        #expect(!r.incremental)
        #expect(try archive.read("articles/b-second/index.html").contains("The Coast Gazette"))
    }

    /// A passage's id comes from its first copy's words. Editing a word of that copy (the
    /// first article's title and date as they were) gives the passage a new id, while the
    /// other articles' copies, and everything else their pages show, stay as they were:
    /// their pages must still link to the passage's new page.
    @Test func aPassageRenamedByItsFirstCopyIsRelinkedEverywhere() async throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        let statement = Self.harbourStatement
        func article(_ day: Int, _ own: String, _ text: String) -> String {
            "date 2023-05-0\(day) \(own)\n\n\(own) reported the news on its front page.\n\n\(text)\n\nMore details will follow next week.\n"
        }
        try archive.write("a-first.txt", article(1, "The Harbour Times", statement))
        try archive.write("b-second.txt", article(2, "The Coast Herald", statement))
        try archive.write("c-third.txt", article(3, "The Evening Post", statement))
        _ = try await archive.build()
        let before = try archive.read("annotations.json")
        try archive.write("a-first.txt", article(1, "The Harbour Times", statement.replacingOccurrences(of: "winter storms", with: "autumn storms")))
        let r = try await buildAndCompare(archive, "the first copy of the passage edited")
        #expect(r.incremental)
        #expect(try archive.read("annotations.json") != before)
    }

    /// An article's date changed, and nothing else: its bytes keep their length, so its quotes
    /// and its copy of a passage lie where they did. The speaker page of its quote and the
    /// passage page list it by date and title: both must follow. Then a word of the quote
    /// changed for one as long: `annotations.json` must give the quote's new words.
    @Test func sameLengthEditsReachEveryPageThatShowsThem() async throws {
        let archive = try await builtHarbourArchive()
        defer { archive.cleanup() }
        let speaker = try archive.read("speakers/ann-lee/index.html")
        try archive.write("b-second.txt", Self.quotingHarbourStatement("2023-05-09", "The Coast Herald"))
        let r = try await buildAndCompare(archive, "the second article's date changed")
        #expect(r.incremental)
        #expect(try archive.read("speakers/ann-lee/index.html") != speaker)
        try archive.write("b-second.txt", Self.quotingHarbourStatement("2023-05-09", "The Coast Herald").replacingOccurrences(of: "behind", with: "bereft"))
        try await buildAndCompare(archive, "a word of the second article's quote changed")
        #expect(try archive.read("annotations.json").contains("We will not leave anyone bereft"))
    }

    /// An article renamed with its bytes as they were: everything keyed by its bytes is the
    /// same, but its id is not. The passage page, the speaker page and `annotations.json`,
    /// which name it, must follow (their keys take each article's id with its bytes).
    @Test func anArticleRenamedWithTheSameBytesIsRelinkedEverywhere() async throws {
        let archive = try await builtHarbourArchive()
        defer { archive.cleanup() }
        let passages = try FileManager.default.contentsOfDirectory(atPath: archive.output.appendingPathComponent("passages").path)
            .filter { $0 != "index.html" }
        #expect(passages.count == 1)
        try FileManager.default.moveItem(at: archive.source.appendingPathComponent("b-second.txt"),
                                         to: archive.source.appendingPathComponent("c-renamed.txt"))
        let r = try await buildAndCompare(archive, "the second article renamed, its bytes the same")
        #expect(r.incremental)
        #expect(try archive.read("passages/\(passages[0])/index.html").contains("c-renamed"))
        #expect(try archive.read("speakers/ann-lee/index.html").contains("c-renamed"))
        #expect(try !archive.read("annotations.json").contains("b-second"))
    }

    // MARK: damaged caches

    /// The seeds and 40 generated articles, built once (removed again if that fails).
    func builtArchive() async throws -> TempArchive {
        let archive = try TempArchive()
        do {
            try archive.copySeeds()
            for g in Self.generated.prefix(40) { try archive.write(g.fileName, g.contents) }
            _ = try await archive.build()
            return archive
        } catch {
            archive.cleanup(); throw error
        }
    }

    var cacheFolder: (TempArchive) -> URL { { BuildCache(output: $0.output).folder } }

    func expectFallback(_ archive: TempArchive, _ what: Comment, notice: String) async throws {
        let log = RecordingLog()
        try archive.write("new-one.txt", "date 2023-05-06 A new article arrives while the cache is \(what).\n")
        let r = try await buildAndCompare(archive, log: log, what)
        #expect(!r.incremental, what)
        #expect(log.notices.count == 1 && log.notices[0].contains(notice), "\(log.notices)")
        // The full build left a good cache behind.
        try FileManager.default.removeItem(at: archive.source.appendingPathComponent("new-one.txt"))
        let next = try await buildAndCompare(archive, "the build after the fallback")
        #expect(next.incremental)
    }

    @Test func garbageStateFallsBackToAFullBuild() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        try Data("garbage".utf8).write(to: cacheFolder(archive).appendingPathComponent("state.bin"))
        try await expectFallback(archive, "garbage", notice: "not a Concord cache file")
    }

    @Test func truncatedShardFallsBackToAFullBuild() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        let shard = try FileManager.default.contentsOfDirectory(atPath: cacheFolder(archive).path).sorted().first { $0.hasPrefix("articles-") }!
        let url = cacheFolder(archive).appendingPathComponent(shard)
        let bytes = try Data(contentsOf: url)
        try bytes.prefix(bytes.count / 2).write(to: url)
        try await expectFallback(archive, "truncated", notice: shard)
    }

    /// Flips one bit of the middle byte of the cache file `name`.
    func flipMiddleByte(_ archive: TempArchive, _ name: String) throws {
        let url = cacheFolder(archive).appendingPathComponent(name)
        var bytes = [UInt8](try Data(contentsOf: url))
        bytes[bytes.count / 2] ^= 0x40
        try Data(bytes).write(to: url)
    }

    @Test func flippedByteFallsBackToAFullBuild() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        try flipMiddleByte(archive, "state.bin")
        try await expectFallback(archive, "damaged", notice: "damaged")
    }

    /// The body file `state.bin` names, damaged: a full build, and a good cache after it.
    @Test func damagedBodyFallsBackToAFullBuild() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        let name = try #require(try BuildCache(output: archive.output).readState().body?.name)
        try flipMiddleByte(archive, name)
        try await expectFallback(archive, "damaged", notice: "\(name) is truncated or damaged")
    }

    /// Builds write their body over the two body files in turn, each in place (the same file,
    /// cut to its new length), never over the one `state.bin` names: a build killed while
    /// writing its body leaves the last good cache, which the next build uses. A cache's first
    /// build makes both, so that the build after it makes none.
    @Test func bodyFilesAreWrittenInTurnAndAKilledWriteIsHarmless() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        let cache = BuildCache(output: archive.output)
        func named() throws -> String { try #require(try cache.readState().body?.name) }
        func inode(_ name: String) throws -> UInt64 {
            (try FileManager.default.attributesOfItem(atPath: cacheFolder(archive).appendingPathComponent(name).path)[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
        }
        let first = try named(), firstInode = try inode(first)
        // The cache's first build made the other body file too, for the next build to write over.
        let spare = try #require(BuildCache.bodyFiles.first { $0 != first })
        let spareInode = try inode(spare)
        #expect(spareInode != 0, "the first build left a body file for the next one")
        try archive.write("one-more.txt", "date 2023-05-07 One more article for the cache to know.\n")
        try await buildAndCompare(archive, "an article added")
        let second = try named()
        #expect(second != first)
        #expect(Set([first, second]) == Set(BuildCache.bodyFiles))
        #expect(try inode(second) == spareInode, "the spare written over in place, not made anew")
        // A killed build's half-written body, over the file state.bin does not name.
        try Data("half a body".utf8).write(to: cacheFolder(archive).appendingPathComponent(first))
        try FileManager.default.removeItem(at: archive.source.appendingPathComponent("one-more.txt"))
        let r = try await buildAndCompare(archive, "the article removed after a killed write")
        #expect(r.incremental)
        #expect(try named() == first)
        #expect(try inode(first) == firstInode, "written over in place, not replaced")
        let again = try await buildAndCompare(archive, "nothing changed")
        #expect(again.incremental)
    }

    /// The word runs of a shard are checked only when read (see `ShardSection`). Damaged in
    /// every shard, they are never used: an edit, which needs the edited article's old runs,
    /// still gives the full build's site, and the cache it leaves has sound runs throughout
    /// (none copied on unchecked into a new shard).
    @Test func damagedRunsAreNeverUsed() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        try damageShards(archive)
        let edited = try #require(Self.generated.prefix(40).first { !$0.copies.isEmpty })
        try archive.write(edited.fileName, edited.contents.replacingOccurrences(of: " the ", with: " this "))
        let r = try await buildAndCompare(archive, "an article edited over damaged runs")
        #expect(r.incremental)
        var loaded = try BuildCache(output: archive.output).readState()
        try BuildCache(output: archive.output).loadRest(into: &loaded, sourceFolder: archive.source.path)
        #expect(loaded.state.records.records.allSatisfy { $0.analysis.runs.isIntact })
        try archive.write("one-more.txt", "date 2023-05-07 One more article for the cache to know.\n")
        let next = try await buildAndCompare(archive, "an article added after")
        #expect(next.incremental)
    }

    /// Flips a bit in the middle of the word runs of every shard of the archive's cache, or
    /// (`everywhere`) in every byte of them; with `names`, in their full names instead.
    func damageShards(_ archive: TempArchive, everywhere: Bool = false, names: Bool = false) throws {
        let folder = cacheFolder(archive)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasPrefix("articles-") {
            let url = folder.appendingPathComponent(name)
            var bytes = [UInt8](try Data(contentsOf: url))
            // The trailer (`BuildCache.shardTrailer`): where the names begin, where the runs begin, ….
            let trailer = bytes.count - BuildCache.shardTrailer
            let at = { (k: Int) in Int(bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: trailer + 8 * k, as: UInt64.self) }) }
            let start = names ? at(0) : at(1), end = names ? at(1) : trailer
            guard start < end else { continue }     // a shard without names or runs
            let damaged: [Int] = everywhere ? Array(start..<end) : [(start + end) / 2]
            for k in damaged { bytes[k] ^= 0x40 }
            try Data(bytes).write(to: url)
        }
    }

    /// Full names are checked only when read, as runs are (`ShardSection`). Damaged in every
    /// shard, they are never used: a build whose quotes need them (a speaker named by one word
    /// that only another article spells out) annotates every article again and gives the full
    /// build's site; a build that needs none gives it too. Neither copies them on unchecked into
    /// a shard it writes (the add's shard holds other articles' records): the cache either
    /// has sound names throughout, or is not kept and the next build is a full one.
    @Test(arguments: [true, false])
    func damagedFullNamesAreNeverUsed(needed: Bool) async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        try archive.write("spelled.txt", "date 2023-05-01 Zoë Ng, the mayor, opened the new bridge on Monday.\n")
        #expect(try await buildAndCompare(archive, "a full name spelled out").incremental)
        try damageShards(archive, names: true)
        try archive.write("added.txt", needed ? "date 2023-05-02 “We will build another one,” Ng said on Tuesday.\n"
                                              : "date 2023-05-02 Another article for the cache to know.\n")
        let r = try await buildAndCompare(archive, "an article added over damaged names")
        #expect(r.incremental)
        let annotatedAll = r.timings.contains { $0.name == "annotate" && $0.detail.contains("(\(r.articles) articles)") }
        #expect(annotatedAll == needed, "\(r.timings.map(\.detail))")
        if needed {
            let quotes = try String(contentsOf: archive.output.appendingPathComponent("annotations.json"), encoding: .utf8)
            #expect(quotes.contains("\"Zoë Ng\""), "the short name given the full one")
        }
        // Each record's names, as this build's cache and the full build's (beside it) hold them.
        func names(_ output: URL) throws -> [String: String]? {
            let cache = BuildCache(output: output)
            guard var loaded = try? cache.readState() else { return nil }
            try cache.loadRest(into: &loaded, sourceFolder: archive.source.path)
            let records = loaded.state.records.records
            #expect(records.allSatisfy { $0.analysis.fullNames.isIntact })
            return Dictionary(uniqueKeysWithValues: records.map { ($0.article.path, $0.analysis.fullNames.joined) })
        }
        if let kept = try names(archive.output) {
            let full = try names(archive.output.deletingLastPathComponent().appendingPathComponent("full"))
            #expect(kept == full, "no damaged names sealed anew")
            #expect(kept["spelled.txt"]?.contains("Zoë Ng") == true)
        } else {
            #expect(!needed, "a full annotation writes every shard anew")
        }
        try archive.write("one-more.txt", "date 2023-05-07 One more article for the cache to know.\n")
        _ = try await buildAndCompare(archive, "an article added after")
    }

    /// With no run index, an add reads every article's runs (`PassageUpdate`, checking each as
    /// it reads it): damaged ones are never used, and the site is the full build's. (Taken as
    /// they are, runs damaged throughout name none of the new article's partners, and its
    /// shared passages would be missing.)
    @Test func damagedRunsAreNeverUsedWithoutARunIndex() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        try damageShards(archive, everywhere: true)
        let name = try #require(try runIndex(archive).name)
        try FileManager.default.removeItem(at: cacheFolder(archive).appendingPathComponent(name))
        let sharing = try #require(Self.generated.dropFirst(40).first { !$0.copies.isEmpty })
        try archive.write(sharing.fileName, sharing.contents)
        let r = try await buildAndCompare(archive, "an article added over damaged runs, with no run index")
        #expect(r.incremental)
    }

    /// The run index's file, as `state.bin` names it, and what changed since it was written.
    func runIndex(_ archive: TempArchive) throws -> (name: String?, changes: Int) {
        let cache = BuildCache(output: archive.output)
        var loaded = try cache.readState()
        try cache.loadTables(into: &loaded)
        let state = loaded.state.runIndex
        if let name = state.file?.name {
            #expect(FileManager.default.fileExists(atPath: cacheFolder(archive).appendingPathComponent(name).path))
        }
        return (state.file?.name, state.gone.count + state.added.count)
    }

    /// A run index missing or damaged is not used: the build reads every article's runs
    /// instead (the same site), and writes a new index, which the next build uses.
    @Test(arguments: ["missing", "damaged head", "damaged entries"])
    func aRunIndexMissingOrDamagedIsNotUsed(_ how: String) async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        let name = try #require(try runIndex(archive).name)
        let url = cacheFolder(archive).appendingPathComponent(name)
        var bytes = [UInt8](try Data(contentsOf: url))
        switch how {
        case "missing": try FileManager.default.removeItem(at: url)
        case "damaged head": bytes[BuildCache.magic.count + 5 + 33] ^= 1     // the file does not open
        default:
            // Every entry's slot (the file's last 4 bytes an entry) changed: whatever block a lookup reads is damaged.
            let entries = bytes.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: BuildCache.magic.count + 5 + 8, as: UInt64.self)) }
            for k in (bytes.count - 4 * entries)..<bytes.count where k % 4 == 0 { bytes[k] ^= 1 }
        }
        if how != "missing" { try Data(bytes).write(to: url) }
        let sharing = try #require(Self.generated.dropFirst(40).first { !$0.copies.isEmpty })
        try archive.write(sharing.fileName, sharing.contents)
        let r = try await buildAndCompare(archive, "an article added with the run index \(how)")
        #expect(r.incremental)
        let (rewritten, changes) = try runIndex(archive)
        #expect(rewritten != nil && rewritten != name && changes == 0)
        try FileManager.default.removeItem(at: archive.source.appendingPathComponent(sharing.fileName))
        try await buildAndCompare(archive, "the article removed again")
        #expect(try runIndex(archive) == (rewritten, 1))
    }

    /// Changes are noted beside the run index, which is written anew only once they pass
    /// `RunIndexState.rewriteAfter` articles (64 for a small archive).
    @Test func theRunIndexIsWrittenAnewOnlyAfterManyChanges() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        let first = try #require(try runIndex(archive).name)
        let more = Self.generated.dropFirst(40).prefix(70)
        for g in more.prefix(3) { try archive.write(g.fileName, g.contents) }
        try FileManager.default.removeItem(at: archive.source.appendingPathComponent(Self.generated[0].fileName))
        try await buildAndCompare(archive, "three articles added, one removed")
        #expect(try runIndex(archive) == (first, 4))
        try archive.write(more.first!.fileName, more.first!.contents + "\nOne more line.\n")
        try await buildAndCompare(archive, "an article added since edited")
        #expect(try runIndex(archive) == (first, 4))
        for g in more.dropFirst(3) { try archive.write(g.fileName, g.contents) }
        try await buildAndCompare(archive, "67 more articles")
        let (second, changes) = try runIndex(archive)
        #expect(second != nil && second != first && changes == 0)
    }

    @Test func cacheFromAnotherVersionFallsBackToAFullBuild() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        let url = cacheFolder(archive).appendingPathComponent("state.bin")
        var bytes = [UInt8](try Data(contentsOf: url))
        bytes[BuildCache.magic.count] &+= 1        // the format version
        try Data(bytes).write(to: url)
        try await expectFallback(archive, "old", notice: "another version")
    }

    @Test func missingCacheFallsBackToAFullBuild() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        try FileManager.default.removeItem(at: cacheFolder(archive))
        try await expectFallback(archive, "missing", notice: "no build cache")
    }

    /// A build killed after swapping in its site but before saving its cache:
    /// the cache describes the site before, so it is not used.
    @Test func cacheOfAnotherSiteIsNotUsed() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        let state = cacheFolder(archive).appendingPathComponent("state.bin")
        let saved = try Data(contentsOf: state)
        let shards = try FileManager.default.contentsOfDirectory(atPath: cacheFolder(archive).path)
        var kept: [String: Data] = [:]
        for s in shards { kept[s] = try Data(contentsOf: cacheFolder(archive).appendingPathComponent(s)) }
        try archive.write("extra.txt", "date 2023-01-01 An article the old cache never saw.\n")
        _ = try await archive.build()
        // Put the older cache back, as if the last build had died before saving its own.
        try FileManager.default.removeItem(at: cacheFolder(archive))
        try FileManager.default.createDirectory(at: cacheFolder(archive), withIntermediateDirectories: true)
        for (s, d) in kept { try d.write(to: cacheFolder(archive).appendingPathComponent(s)) }
        #expect(try Data(contentsOf: state) == saved)
        try await expectFallback(archive, "stale", notice: "is not the site the build cache describes")
    }

    /// A build killed after saving its cache but before swapping in its site (the cache is
    /// saved while the staging folder is pruned and swapped in): the cache describes a
    /// site the output does not hold, so it is not used.
    @Test func cacheOfASiteNeverSwappedInIsNotUsed() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        let fm = FileManager.default
        let before = archive.root.appendingPathComponent("site-before")
        try fm.copyItem(at: archive.output, to: before)
        try archive.write("extra.txt", "date 2023-01-01 An article whose site never went in.\n")
        _ = try await archive.build()
        // Put the older site back, as if the last build had died before its swap.
        try fm.removeItem(at: archive.output)
        try fm.moveItem(at: before, to: archive.output)
        try await expectFallback(archive, "ahead of the site", notice: "is not the site the build cache describes")
    }

    /// A build killed while writing its staging folder (made from the previous
    /// generation): the folder is left half-written beside the output.
    @Test func stagingLeftByAKilledBuildIsRecoveredNotTrusted() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        try archive.write("second.txt", "date 2023-02-02 A second build, so that a previous generation exists.\n")
        _ = try await archive.build()
        let fm = FileManager.default
        let previous = OutputFolder(archive.output).previous
        let staging = archive.root.appendingPathComponent(".site.staging-1-2")
        try fm.moveItem(at: previous, to: staging)
        // What a killed build leaves: the generation forgotten, some pages already overwritten.
        unlink(staging.appendingPathComponent(OutputFolder.generationFile).path)
        try Data("half-written".utf8).write(to: staging.appendingPathComponent("index.html"))
        try Data("half-written".utf8).write(to: staging.appendingPathComponent("annotations.json"))
        // …and a page for an article deleted since: in no manifest, and in no site to come.
        try fm.createDirectory(at: staging.appendingPathComponent("articles/ghost"), withIntermediateDirectories: true)
        try Data("half-written".utf8).write(to: staging.appendingPathComponent("articles/ghost/index.html"))
        // …and folders made for pages the build was killed before writing (found by scripts/stress).
        for folder in ["passages/never", "speakers/none/below"] {
            try fm.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try archive.write("third.txt", "date 2023-03-03 The build after the killed one.\n")
        let r = try await buildAndCompare(archive, "building after a killed build")
        #expect(r.incremental)
        for folder in ["passages/never", "speakers/none"] {
            #expect(!fm.fileExists(atPath: archive.output.appendingPathComponent(folder).path), "\(folder) left in the site")
        }
        let left = try fm.contentsOfDirectory(atPath: archive.root.path).filter { $0.contains(".staging-") }
        #expect(left.isEmpty, "\(left)")
        try await buildAndCompare(archive, "the build after that")
    }

    /// A site's first build leaves it a previous generation made of hard links to its files
    /// (copies of those the next build splices), for the next build to reuse as its staging
    /// folder: that build writes only what changed.
    /// Neither it nor the build after writes through a link: the generation it replaces
    /// (now the previous one) keeps the first build's bytes, manifest included.
    @Test func aSitesFirstBuildLeavesAPreviousGenerationOfLinks() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        let previous = OutputFolder(archive.output).previous
        let first = try snapshot(archive.output)
        #expect(try snapshot(previous) == first)
        func inode(_ url: URL) throws -> UInt64 {
            (try FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
        }
        let article = try #require(try FileManager.default.contentsOfDirectory(atPath: previous.path + "/articles").sorted().first)
        for path in ["articles/\(article)/index.html", OutputFolder.manifest] {
            #expect(try inode(previous.appendingPathComponent(path)) == inode(archive.output.appendingPathComponent(path)), "\(path)")
        }
        // (The files the next build splices are copies: `aSitesFirstBuildCopiesTheSplicedFilesIntoThePreviousGeneration`.)
        for path in ["index.html", "annotations.json"] {
            #expect(try inode(previous.appendingPathComponent(path)) != inode(archive.output.appendingPathComponent(path)), "\(path)")
        }
        // The cache describes it: the next build trusts its checksums instead of reading its files.
        var loaded = try BuildCache(output: archive.output).readState()
        try BuildCache(output: archive.output).loadTables(into: &loaded)
        #expect(loaded.state.previousGeneration == loaded.state.generation && loaded.state.generation != 0)
        let describesThisSite = loaded.state.previousFiles == loaded.state.files
        #expect(describesThisSite)
        #expect(OutputFolder.generation(of: previous) == loaded.state.generation)
        try archive.write("added.txt", "date 2023-06-01 An article added after the first build, quoting “Kim Kardashian West,” a new speaker.\n")
        let r = try await buildAndCompare(archive, "the first add after the first build")
        #expect(r.incremental && r.written < 12, "\(r.written) of \(r.files) files written")
        #expect(!r.timings.map(\.name).contains("link"), "only a site's first build links")
        #expect(try snapshot(previous) == first, "the first build's files, untouched by the second build")
        try await buildAndCompare(archive, "the build after that, on the first generation")
    }

    /// A long first build tells each stage as it starts, the linking of the previous
    /// generation included (seconds at 100,000 articles); the incremental build after it, none.
    @Test func aLongFirstBuildTellsItsStagesLinkingIncluded() async throws {
        let archive = try TempArchive(); defer { archive.cleanup() }
        for i in 0..<SiteBuilder.progressThreshold {
            try archive.write(String(format: "a%04d.txt", i), "date 2021-01-\(String(format: "%02d", i % 28 + 1)) Article \(i) says little.\n")
        }
        let log = RecordingLog()
        _ = try await SiteBuilder(options: archive.options(), log: log).build()
        #expect(log.progressLines == ["parsing \(SiteBuilder.progressThreshold) articles…", "annotating quotes and shared passages…",
                                 "rendering pages…", "linking the site into .site.previous for the next build…"])
        try archive.write("added.txt", "date 2021-02-01 One more.\n")
        let quiet = RecordingLog()
        let r = try await SiteBuilder(options: archive.options(), log: quiet).build()
        #expect(r.incremental && quiet.progressLines.isEmpty, "\(quiet.progressLines)")
    }

    /// A first build killed while it linked its site into a previous generation leaves a
    /// staging folder of links to the live files, without a generation file: the next build
    /// takes it back, compares what it holds, and writes through none of the links.
    @Test func aKilledLinkingOfThePreviousGenerationIsRecovered() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        let fm = FileManager.default
        let previous = OutputFolder(archive.output).previous
        let first = try snapshot(archive.output)
        // What the kill leaves: the marker, the manifest and some pages linked, no generation.
        let staging = archive.root.appendingPathComponent(".site.staging-1-2")
        try fm.removeItem(at: previous)
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        let linked = [OutputFolder.marker, OutputFolder.manifest, "index.html", "annotations.json"]
            + first.keys.filter { $0.hasPrefix("articles/") && !$0.hasSuffix("/") }.sorted().prefix(5)
        for path in linked {
            let to = staging.appendingPathComponent(path)
            try fm.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.linkItem(at: archive.output.appendingPathComponent(path), to: to)
        }
        try archive.write("added.txt", "date 2023-06-01 An article added after a killed first build.\n")
        let r = try await buildAndCompare(archive, "the build after a killed linking")
        #expect(r.incremental)
        #expect(try snapshot(previous) == first, "the live files the links shared, untouched")
        #expect(try fm.contentsOfDirectory(atPath: archive.root.path).filter { $0.contains(".staging-") }.isEmpty)
        try await buildAndCompare(archive, "the build after that")
    }

    /// A site with no previous generation (removed, or built by an older Concord): the first
    /// incremental build hard-links the output's unchanged files into a new one, not written again.
    /// A later build that rewrites such a file in its staging folder (the older generation,
    /// sharing the file with the live site) replaces it: the other generation keeps its bytes.
    @Test func unchangedFilesAreLinkedAndLinkedFilesAreNeverWrittenThrough() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        try FileManager.default.removeItem(at: OutputFolder(archive.output).previous)
        let first = try snapshot(archive.output)
        try archive.write("added.txt", "date 2023-06-01 An article added after the first build.\n")
        let r = try await buildAndCompare(archive, "the first add after the first build")
        #expect(r.incremental && r.written < 12, "\(r.written) of \(r.files) files written")
        // Edit an article whose page is a link shared by both generations.
        let victim = try #require(first.keys.filter { $0.hasPrefix("articles/") && $0.hasSuffix("/index.html") }.sorted().first)
        let id = victim.split(separator: "/")[1]
        let source = try #require(try FileManager.default.contentsOfDirectory(atPath: archive.source.path).first { $0.hasPrefix(id + ".") })
        let url = archive.source.appendingPathComponent(source)
        try (String(contentsOf: url, encoding: .utf8) + "\nOne more paragraph.\n").write(to: url, atomically: false, encoding: .utf8)
        let livePage = try Data(contentsOf: archive.output.appendingPathComponent(victim))
        try await buildAndCompare(archive, "editing an article whose page is linked")
        let previous = OutputFolder(archive.output).previous
        #expect(try Data(contentsOf: previous.appendingPathComponent(victim)) == livePage, "the older generation keeps its page")
        #expect(try Data(contentsOf: archive.output.appendingPathComponent(victim)) != livePage)
        try await buildAndCompare(archive, "the build after that, on the older generation")
    }

    /// The cache knows the previous generation's files by path hash only; the paths of those
    /// to remove from it come from its manifest. A manifest that lacks one of them (damaged,
    /// edited) is not trusted: the folder is walked, and the page still goes.
    @Test func aManifestLackingAFileToRemoveIsNotTrusted() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        try archive.write("doomed.txt", "date 2023-04-04 An article deleted after one build.\n")
        _ = try await archive.build()
        try FileManager.default.removeItem(at: archive.source.appendingPathComponent("doomed.txt"))
        _ = try await archive.build()
        // The previous generation (the next staging folder) still holds the deleted article's page.
        let previous = OutputFolder(archive.output).previous
        #expect(FileManager.default.fileExists(atPath: previous.appendingPathComponent("articles/doomed/index.html").path))
        let manifest = previous.appendingPathComponent(OutputFolder.manifest)
        let lines = try String(contentsOf: manifest, encoding: .utf8).split(separator: "\n")
        #expect(lines.contains("articles/doomed/index.html"))
        try lines.filter { !$0.contains("doomed") }.joined(separator: "\n").write(to: manifest, atomically: false, encoding: .utf8)
        try archive.write("later.txt", "date 2023-05-05 The build that reuses that generation.\n")
        let r = try await buildAndCompare(archive, "building on a generation whose manifest lacks a page")
        #expect(r.incremental)
    }

    /// A build that fails to write its site (here a page whose place in the staging folder is
    /// taken by a folder; on a full disk, any page) leaves the cache as it found it: the shards
    /// it wrote are removed, and the next build is incremental and right.
    @Test func aFailedBuildLeavesNoShardsBehind() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        _ = try await archive.build()
        let cacheFiles = { try FileManager.default.contentsOfDirectory(atPath: self.cacheFolder(archive).path).sorted() }
        let before = try cacheFiles(), site = try snapshot(archive.output)
        let seed = "000_0f71f093a850930d"
        let page = OutputFolder(archive.output).previous.appendingPathComponent("articles/\(seed)/index.html")
        try FileManager.default.removeItem(at: page)
        try FileManager.default.createDirectory(at: page.appendingPathComponent("in-the-way"), withIntermediateDirectories: true)
        let text = try String(contentsOf: archive.source.appendingPathComponent(seed + ".txt"), encoding: .utf8)
        try archive.write(seed + ".txt", text + "\nOne more paragraph.\n")
        await #expect(throws: BuildFailure.self) { try await archive.build() }
        #expect(try cacheFiles() == before)
        #expect(try snapshot(archive.output) == site)
        let r = try await buildAndCompare(archive, "the build after the failed one")
        #expect(r.incremental)
    }

    /// The cache folder is Concord's by its name alone: files and folders a user keeps in it
    /// stay through every build, and through removing the cache, which leaves the folder.
    @Test func theCacheFolderKeepsWhatIsNotItsOwn() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        let folder = cacheFolder(archive), fm = FileManager.default
        try Data("mine".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        try fm.createDirectory(at: folder.appendingPathComponent("mine"), withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: folder.appendingPathComponent("mine/kept.bin"))
        let seed = "000_0f71f093a850930d"
        let text = try String(contentsOf: archive.source.appendingPathComponent(seed + ".txt"), encoding: .utf8)
        try archive.write(seed + ".txt", text + "\nOne more paragraph.\n")
        #expect(try await buildAndCompare(archive, "an edit, with the user's files in the cache folder").incremental)
        BuildCache(output: archive.output).remove()
        #expect(try fm.contentsOfDirectory(atPath: folder.path).sorted() == ["mine", "notes.txt"])
        #expect(fm.contents(atPath: folder.appendingPathComponent("mine/kept.bin").path) == Data("mine".utf8))
        #expect(try await archive.build().timings.contains { $0.name == "parse" }, "a full build, the cache gone")
    }

    @Test func nothingChangedIsNothingToDo() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        let before = try snapshot(archive.output)
        let r = try await archive.build()
        #expect(r.incremental && r.rendered == 0 && r.written == 0)
        #expect(r.timings.map(\.name) == ["templates", "check"])
        #expect(try snapshot(archive.output) == before)
        // A stylesheet edit is a change.
        let templates = try templatesCopy(archive)
        _ = try await archive.build(templates: templates)
        try Data("body { color: red }\n".utf8).write(to: templates.appendingPathComponent("style.css"))
        let s = try await buildAndCompare(archive, templates: templates, "changing only the stylesheet")
        #expect(s.written >= 1 && s.rendered == 0)
    }

    @Test func aBadFileIsReportedAtEveryBuild() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        try archive.write("broken.txt", "no date\n")
        for _ in 0..<3 {
            let log = RecordingLog()
            let r = try await SiteBuilder(options: archive.options(), log: log).build()
            #expect(log.diagnostics.map(\.path) == ["broken.txt"])
            #expect(!r.timings.map(\.name).contains("check"))
        }
    }

    @Test func fullFlagIgnoresTheCache() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        var options = archive.options()
        options.full = true
        let r = try await SiteBuilder(options: options).build()
        #expect(!r.incremental)
        #expect(r.rendered == r.pages)
    }

    @Test func changedPassageSettingsRebuildEverything() async throws {
        let archive = try await builtArchive(); defer { archive.cleanup() }
        var options = archive.options()
        options.minPassageWords = 20
        let log = RecordingLog()
        let r = try await SiteBuilder(options: options, log: log).build()
        #expect(!r.incremental)
        #expect(log.notices.first?.contains("settings") == true)
    }
}
