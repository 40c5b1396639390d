import Foundation
import Testing
@testable import ConcordCore

@Suite("End to end")
struct EndToEndTests {
    @Test func seedsBuildIntoALinkedSite() async throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        try archive.copySeeds()
        let report = try await archive.build()
        #expect(report.articles == 3)
        #expect(report.diagnostics.isEmpty)

        let index = try archive.read("index.html")
        #expect(index.contains("<html lang=\"en\">"))
        // Newest first: 000 (26 July) before the two of 22 July.
        let titles = ["Kim Kardashian took to Instagram", "Kim Kardashian has broken her silence", "Kim Kardashian responded to Kanye"]
        let positions = titles.map { index.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions[0]! < positions[1]! && positions[1]! < positions[2]!)
        #expect(index.contains("<time datetime=\"2020-07-26\">26 July 2020</time>"))
        #expect(index.contains("Spread This News · Channel24"))

        let page = try archive.read("articles/000_0f71f093a850930d/index.html")
        #expect(page.contains("<h1>Kim Kardashian took to Instagram on Wednesday to ask the public for “compassion”</h1>"))
        // 000 is the newest article: it links to an older one only.
        #expect(!page.contains("rel=\"next\""))
        #expect(page.contains("rel=\"prev\""))
        #expect(!page.contains("Channel24</p>\n<p>Kim"))   // credits are not body text
        // Quotes carry their speaker's label; shared text links to its passage.
        #expect(page.contains("class=\"speaker-tag\" href=\"../../speakers/kim-kardashian/index.html\">Kim Kardashian</a>"))
        #expect(page.contains("class=\"passage-tag\""))
        // The speaker page groups the statement's copies, one link per article.
        let speaker = try archive.read("speakers/kim-kardashian/index.html")
        #expect(speaker.contains("In 3 articles"))
        // Appearances are separated, with nothing after the last but the passage's link, if any.
        #expect(speaker.contains("(wrote); <a href=\"../../passages/"))
        #expect(try archive.read("speakers/kanye-west/index.html").contains("<time datetime=\"2020-07-26\">26 July 2020</time> (tweeting)</p>"))
        #expect(try archive.read("speakers/index.html").contains("a source"))
        // The statement's one passage: 14 copies in 3 articles, counted as 3 in the list and on its page.
        // Its row names the earliest article (001 and 002 share a day; 001 comes first by id).
        #expect(try archive.read("passages/index.html").contains(
            "<span class=\"meta\">3 articles · first 22 July 2020 in “Kim Kardashian has broken her silence on Kanye West’s mental health”</span>"))
        let passagePages = try FileManager.default.contentsOfDirectory(atPath: archive.output.appendingPathComponent("passages").path)
            .filter { $0 != "index.html" }
        #expect(passagePages.count == 1)
        if let first = passagePages.first {
            let page = try archive.read("passages/\(first)/index.html")
            #expect(page.contains("Carried by 3 articles, earliest first, lined up paragraph by paragraph"))
            // The three copies side by side in rows that line up: as many cells each, one per
            // paragraph of the first appearance (7), and the grid told how many rows each spans.
            let copies = page.components(separatedBy: "<li class=\"witness").dropFirst()
            #expect(copies.map { $0.components(separatedBy: "<div class=\"cell").count - 1 } == [7, 7, 7])
            #expect(page.contains("<ol class=\"witnesses\" style=\"--rows: 8\">"))
        }
        try checkLinks(in: archive.output)
    }

    /// A templates folder given as a symbolic link (a shared theme linked in) builds the site
    /// the folder itself builds (swift-mustache's walk did not enter it: "template 'layout' is missing").
    /// A wire story that one paper printed the first half of and a blog the second: one
    /// passage, but the paper and the blog share no word. Each page's "Shared with" lists the
    /// articles its copy was aligned with (it listed the blog on the paper's page, with all of
    /// the paper's 129 shared words), with its words aligned with each; an incremental build
    /// after a change to the blog gives what a full one does.
    @Test func sharedWithListsOnlyArticlesThatShareWords() async throws {
        let archive = try TempArchive(files: ["ap.md": Self.wire, "gazette.md": Self.gazette, "blog.txt": Self.blog])
        defer { archive.cleanup() }
        _ = try await archive.build()
        func shared(_ id: String) throws -> [String] {
            let page = try archive.read("articles/\(id)/index.html")
            let section = try #require(page.firstRange(of: "<h2>Shared with</h2>").map { page[$0.upperBound...] })
            let list = section[..<(section.firstRange(of: "</ul>")?.lowerBound ?? section.endIndex)]
            return list.matches(of: /<a href="[^"]*">([^<]*)<\/a> <span class="meta">[^·]*· (\d+) words/).map { "\($0.1) \($0.2)" }
        }
        let paper = "Flood barrier wins council vote", wire = "Council approves river flood barrier after two-year fight"
        let blog = "Farmers vow to fight Riverton barrier"
        #expect(try shared("gazette") == ["\(wire) 129"])
        #expect(try shared("blog") == ["\(wire) 37"])
        let onWire = try shared("ap")
        #expect(onWire == ["\(paper) 131", "\(blog) 37"])
        try archive.write("blog.txt", Self.blog.replacingOccurrences(of: "farmers would go", with: "farmers will go"))
        _ = try await archive.build()
        #expect(try shared("gazette") == ["\(wire) 129"])
        #expect(try snapshot(archive.output) == (try await archive.freshBuild()))
    }

    static let wire = """
---
title: Council approves river flood barrier after two-year fight
date: 2025-03-04
source: Associated Press
author: Maria Gonzales
---

RIVERTON, Ohio (AP) — The city council voted 7-2 on Tuesday to build a $40 million flood barrier along the Miami River, ending a two-year fight that pitted downtown businesses against residents of the low-lying East End.

"This barrier will protect thousands of homes and every business on Front Street from the kind of flooding we saw in 2022," Mayor Helen Adeyemi said after the vote. "We cannot ask people to rebuild a third time."

Opponents said the barrier would push floodwater onto farmland downstream. "They are moving the problem, not solving it," said Tom Becker, who farms 300 acres south of the city. Becker said the farmers would go to court.

The Army Corps of Engineers estimated that the barrier would cut flood damage in the city by about 80 percent over the next fifty years. Construction is expected to start in the spring of 2026 and take three years.

Council member Janet Lowe, who voted against the plan, called the cost "a bi-polar approach to spending that ignores the schools."
"""

    static let gazette = """
---
title: Flood barrier wins council vote
date: 2025-03-05
source: Riverton Gazette
---

The Riverton city council voted 7-2 on Tuesday to build a $40 million flood barrier along the Miami River, ending a two year fight that pitted downtown businesses against residents of the East End.

“This barrier will protect thousands of homes and every business on Front Street from the kind of flooding we saw in 2022,” Mayor Helen Adeyemi said after the vote. “We cannot ask people to rebuild a third time.”

The Army Corps of Engineers estimated the barrier would cut flood damage in the city by about 80 percent over the next 50 years. Construction is expected to start in spring 2026 and take three years.

Council member Janet Lowe, who voted against the plan, called the cost “a bipolar approach to spending that ignores the schools.”

The Gazette's editorial board endorsed the barrier last fall.
"""

    static let blog = """
date 2025-03-06
Farmers vow to fight Riverton barrier

By Sam Ortiz

Opponents said the barrier would push floodwater onto farmland downstream. “They are moving the problem, not solving it,” said Tom Becker, who farms 300 acres south of the city. Becker said the farmers would go to court.

We spoke to three other farmers, all of whom agreed with Becker. “Nobody asked us,” said Ruth Miller.
"""

    @Test func templatesFolderGivenAsALink() async throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        try archive.copySeeds()
        let link = archive.root.appendingPathComponent("theme")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: Repo.templates)
        _ = try await archive.build(templates: link)
        let linked = try snapshot(archive.output)
        let direct = try await archive.freshBuild(into: "direct")
        #expect(linked == direct)
    }

    @Test func everyInternalLinkResolvesToAFile() async throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        try archive.copySeeds()
        try archive.write("extra story.md", "---\ntitle: Extra\ndate: 2019-05-05\n---\nA short piece with [a link](https://example.com) in it.")
        _ = try await archive.build()
        #expect(FileManager.default.fileExists(atPath: archive.output.appendingPathComponent("articles/extra story/index.html").path))
        try checkLinks(in: archive.output)
    }

    @Test func twoBuildsAreByteIdentical() async throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        try archive.copySeeds()
        _ = try await archive.build()
        let first = try snapshot(archive.output)
        _ = try await archive.build()
        let second = try snapshot(archive.output)
        #expect(first.keys.sorted() == second.keys.sorted())
        for (path, bytes) in first { #expect(second[path] == bytes, "\(path) differs") }
    }

    @Test func reusedGenerationsGiveTheSameSiteAsAFreshBuild() async throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        try archive.copySeeds()
        try archive.write("extra.md", "---\ntitle: Extra\ndate: 2019-05-05\n---\nA short piece, “quoted at length for the test,” said Ann Lee.")
        _ = try await archive.build()          // fresh
        _ = try await archive.build()          // the first site becomes the previous generation
        try FileManager.default.removeItem(at: archive.source.appendingPathComponent("extra.md"))
        _ = try await archive.build()          // written into the reused first generation
        #expect(!FileManager.default.fileExists(atPath: archive.output.appendingPathComponent("articles/extra").path))
        #expect(!FileManager.default.fileExists(atPath: archive.output.appendingPathComponent("speakers/ann-lee").path))

        #expect(try await archive.freshBuild() == snapshot(archive.output))
    }

    @Test func twoBuildsAtOnceTakeTurns() async throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        try archive.copySeeds()
        let log = WaitLog()
        async let first = SiteBuilder(options: archive.options(), log: log).build()
        async let second = SiteBuilder(options: archive.options(), log: log).build()
        let (a, b) = try await (first, second)
        #expect(a.articles == 3 && b.articles == 3)
        #expect(try await archive.freshBuild() == snapshot(archive.output))
    }

    /// A build's lock is free once it has handed over its report (freeing its data, which goes
    /// on after, touches no file): a next build started at once, as a server's is, does not
    /// wait for it, nor say that another build is running.
    @Test func theLockIsFreeWhenABuildReturns() async throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        try archive.writeGenerated(400, seed: 3)
        let log = WaitLog()
        for round in 0..<3 {
            if round == 2 { try archive.write("late.txt", "date 2022-02-02 One more.\n") }
            _ = try await SiteBuilder(options: archive.options(), log: log).build()
            var waited = false
            let lock = try OutputFolder(archive.output).lock { waited = true }
            lock.release()
            #expect(!waited, "round \(round)")
        }
        #expect(log.waits == 0)
    }

    @Test func generatedArchiveBuildsByteIdenticalTwice() async throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        try archive.writeGenerated(150, seed: 5, boilerplateShare: 0.1)
        let first = try await archive.build()
        #expect(first.passages > 10 && first.quotes > 100)
        let a = try snapshot(archive.output)
        let b = try await archive.freshBuild(into: "again")
        #expect(a.keys.sorted() == b.keys.sorted())
        for (path, bytes) in a where b[path] != bytes { Issue.record("\(path) differs between two builds") }
        try checkLinks(in: archive.output)
    }

    @Test func badArticlesAreLeftOutAndReported() async throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        try archive.copySeeds()
        try archive.write("broken.txt", "date 2020-02-30 Impossible.")
        try archive.write("binary.txt", bytes: [0, 1, 2, 3])
        let log = RecordingLog()
        let report = try await SiteBuilder(options: archive.options(), log: log).build()
        #expect(report.articles == 3)
        #expect(report.diagnostics.count == 2)
        #expect(log.diagnostics.map(\.path).sorted() == ["binary.txt", "broken.txt"])
        #expect(FileManager.default.fileExists(atPath: archive.output.appendingPathComponent("index.html").path))
    }

    @Test func aBrokenTemplateKeepsTheLastGoodSite() async throws {
        _ = try await failureWithBrokenTemplates { templates in
            try Data("{{#articles}} unclosed".utf8).write(to: templates.appendingPathComponent("index.mustache"))
        }
    }

    /// An output folder given as a link (`public` → a folder served elsewhere) is written where
    /// it leads; the link stays.
    @Test func anOutputLinkIsWrittenThrough() async throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        try archive.copySeeds()
        let served = archive.root.appendingPathComponent("served")
        try FileManager.default.createDirectory(at: served, withIntermediateDirectories: true)
        let link = archive.root.appendingPathComponent("public")
        #expect(symlink(served.path, link.path) == 0)
        let options = BuildOptions(source: archive.source, output: link, templates: Repo.templates, workingDirectory: archive.root)
        #expect(options.output.path == served.resolvingSymlinksInPath().path)
        for _ in 0..<2 { _ = try await SiteBuilder(options: options).build() }
        var st = stat()
        #expect(lstat(link.path, &st) == 0 && st.st_mode & S_IFMT == S_IFLNK, "the link was replaced")
        #expect(FileManager.default.fileExists(atPath: served.appendingPathComponent("index.html").path))
        #expect(FileManager.default.fileExists(atPath: link.appendingPathComponent("articles").path))
    }

    /// An asset that is a link to nothing stops the build with the reason, the last site kept.
    @Test func anAssetLinkedToNothingSaysSo() async throws {
        var asset = ""
        let error = try await failureWithBrokenTemplates { templates in
            asset = templates.appendingPathComponent("extra.css").path
            #expect(symlink("nowhere.css", asset) == 0)
        }
        #expect(error?.message == "cannot read asset \(asset): it is a symbolic link to 'nowhere.css', which does not exist")
    }

    @Test func unsafeOutputFoldersAreRefused() async throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        try archive.copySeeds()
        let foreign = archive.root.appendingPathComponent("documents")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: foreign.appendingPathComponent("thesis.txt"))
        for output in [archive.source, Repo.templates, archive.root, URL(fileURLWithPath: "/"), foreign] {
            var options = archive.options()
            options.output = output
            await #expect(throws: BuildFailure.self, "\(output.path)") { try await SiteBuilder(options: options).build() }
        }
        #expect(FileManager.default.fileExists(atPath: foreign.appendingPathComponent("thesis.txt").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: archive.source.path).count == 3)
    }

    @Test func missingFoldersAboveTheOutputAreCreated() async throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        try archive.copySeeds()
        var options = archive.options()
        options.output = archive.root.appendingPathComponent("new/nested/site")
        let report = try await SiteBuilder(options: options).build()
        #expect(report.articles == 3)
        #expect(FileManager.default.fileExists(atPath: options.output.appendingPathComponent("index.html").path))
    }

    @Test func annotationsJSONFollowsTheContract() async throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        try archive.copySeeds()
        _ = try await archive.build()
        let data = try Data(contentsOf: archive.output.appendingPathComponent("annotations.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["version"] as? Int == 1)
        let articles = try #require(json["articles"] as? [[String: Any]])
        #expect(articles.map { $0["id"] as? String } == ["000_0f71f093a850930d", "001_ea6d62d9a66d076f", "002_b5dc226a9299c504"])
        #expect(articles[0]["path"] as? String == "000_0f71f093a850930d.txt")
        #expect(articles[0]["url"] as? String == "articles/000_0f71f093a850930d/")
        #expect(articles[0]["date"] as? String == "2020-07-26")
        // Every offset range is exactly its text in the source file.
        let sources = try Dictionary(uniqueKeysWithValues: articles.map { a in
            (a["id"] as! String, [UInt8](try Data(contentsOf: archive.source.appendingPathComponent(a["path"] as! String))))
        })
        let passages = try #require(json["passages"] as? [[String: Any]])
        for p in passages {
            let witnesses = try #require(p["witnesses"] as? [[String: Any]])
            #expect(Set(witnesses.map { $0["article"] as! String }).count >= 2)
            for w in witnesses {
                let bytes = sources[w["article"] as! String]!
                let text = String(decoding: bytes[(w["start"] as! Int)..<(w["end"] as! Int)], as: UTF8.self)
                #expect(text == w["text"] as? String)
            }
        }
        for q in try #require(json["quotes"] as? [[String: Any]]) {
            let bytes = sources[q["article"] as! String]!
            #expect(String(decoding: bytes[(q["start"] as! Int)..<(q["end"] as! Int)], as: UTF8.self) == q["text"] as? String)
        }
    }

    /// Every quote `annotations.json` lists is marked on its article's page, with the anchor
    /// its speaker's page links to: in the seeds, and in an article with quotation marks
    /// inside code and raw HTML, which the page shows as code or leaves out.
    @Test func everyListedQuoteIsMarkedOnItsPage() async throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        try archive.copySeeds()
        try archive.write("code.md", CodeRangesTests.markdown)
        _ = try await archive.build()
        let data = try Data(contentsOf: archive.output.appendingPathComponent("annotations.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let quotes = try #require(json["quotes"] as? [[String: Any]])
        #expect(quotes.count == 31 + 2)
        for q in quotes {
            let article = try #require(q["article"] as? String), id = try #require(q["id"] as? String)
            let page = try archive.read("articles/\(article)/index.html")
            #expect(page.contains("id=\"\(id)\""), "\(article): \(q["text"] as? String ?? "")")
        }
        try checkLinks(in: archive.output)
    }

    /// A statement the stories of the tests below share.
    static let bridgeStatement = "the committee agreed on tuesday that the new bridge across the river will be finished before the winter storms arrive"

    /// Markdown stories with front matter, by file name (`<name>.md`, titled with the name
    /// capitalised), dated a day apart from 2024-03-04 in the order given.
    func stories(_ bodies: [(name: String, body: String)]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: bodies.enumerated().map { day, story in
            (story.name + ".md", "---\ntitle: \(story.name.capitalized)\ndate: 2024-03-0\(4 + day)\n---\n\n\(story.body)\n")
        })
    }

    /// A copy of a shared passage in a code block, or in raw HTML the page leaves out, gets its
    /// anchor and tag before the block, where the passage page links; a code span inside a copy
    /// is marked whole.
    @Test func sharedTextInCodeIsAnchoredAndMarked() async throws {
        let shared = Self.bridgeStatement
        let archive = try TempArchive(files: stories([
            ("one", "First story.\n\n```\n\(shared)\n```"),
            ("two", "Second story. The report said \(shared) and more."),
            ("three", "<div>\(shared)</div>\n\nThird story, its copy in raw HTML."),
            ("four", "The report said \(shared.replacingOccurrences(of: "tuesday", with: "`tuesday`"))."),
        ]))
        defer { archive.cleanup() }
        _ = try await archive.build()
        let one = try archive.read("articles/one/index.html"), three = try archive.read("articles/three/index.html")
        #expect(one.contains("<p class=\"code-tags\"><a id=\"w-") && one.contains("shared ×4</a> </p>\n<pre><code>"))
        #expect(three.contains("<p class=\"code-tags\"><a id=\"w-") && three.contains("<!-- raw HTML omitted -->"))
        #expect(try archive.read("articles/four/index.html").contains("<mark class=\"shared\" data-passage=\"") )
        #expect(try archive.read("articles/four/index.html").contains("\"><code>tuesday</code></mark>"))
        try checkLinks(in: archive.output)
    }

    /// A copy of a shared passage in an image's description (its `alt` text, where no markup
    /// shows) is anchored before the image when it lies there alone (before the link, when the
    /// image is one: no anchor inside another), and at its first words outside it when it runs
    /// on: the passage page's links to all resolve (the anchor was put in the description and
    /// lost, found by `scripts/stress`).
    @Test func sharedTextInAnImageDescriptionIsAnchoredWhereThePageShowsIt() async throws {
        let shared = Self.bridgeStatement
        let archive = try TempArchive(files: stories([
            ("one", "First story. The report said \(shared) and more."),
            ("two", "Second story.\n\n![\(shared)](bridge.png)\n\nIts copy as the photo's description."),
            ("three", "Third story.\n\n![the committee agreed on tuesday that](bridge.png) the new bridge across the river will be finished before the winter storms arrive."),
            ("four", "Fourth story.\n\n[![\(shared)](bridge.png)](https://example.com/bridge)\n\nNothing more to report today."),
        ]).merging(["bridge.png": "not really a picture"]) { a, _ in a })
        defer { archive.cleanup() }
        _ = try await archive.build()
        let two = try archive.read("articles/two/index.html"), three = try archive.read("articles/three/index.html")
        let four = try archive.read("articles/four/index.html")
        #expect(two.contains("<p><a id=\"w-") && two.contains("</a> <img src="), "\(two)")
        #expect(four.contains("<p><a id=\"w-") && four.contains("</a> <a href=\"https://example.com/bridge\"><img src="), "\(four)")
        #expect(three.contains("alt=\"the committee agreed on tuesday that\" /><mark class=\"shared\" id=\"w-"), "\(three)")
        #expect(!two.contains("alt=\"<") && !three.contains("alt=\"<"))
        try checkLinks(in: archive.output)
    }

    /// Speakers named in other scripts get pages named with their letters, and every link to
    /// them resolves (percent-encoded).
    @Test func speakersInOtherScriptsHaveTheirOwnPages() async throws {
        let archive = try TempArchive(files: ["ru.md": "---\ntitle: Ru\ndate: 2020-01-01\n---\n“Это важно,” сказал Владимир Путин.\n\n“Слово,” сказал Алексей Навальный.\n"])
        defer { archive.cleanup() }
        _ = try await archive.build()
        let speakers = try FileManager.default.contentsOfDirectory(atPath: archive.output.appendingPathComponent("speakers").path).sorted()
        #expect(speakers == ["index.html", "алексей-навальный", "владимир-путин"])
        try checkLinks(in: archive.output)
    }

    /// The seeds saved with Windows line ends (CRLF) give the same titles, quotes, speakers and
    /// passages as the seeds themselves; only the byte offsets move. (Swift reads "\r\n" as one
    /// `Character`, which a split at "\n" does not split: plain-text titles ran on into the
    /// next paragraph.)
    @Test func windowsLineEndsGiveTheSameAnnotations() async throws {
        func annotations(crlf: Bool) async throws -> (titles: [String], quotes: [String], speakers: [String], witnesses: [Int], lists: [String]) {
            let archive = try TempArchive()
            defer { archive.cleanup() }
            for name in try FileManager.default.contentsOfDirectory(atPath: Repo.seeds.path).sorted() where name.hasSuffix(".txt") {
                let text = try String(contentsOf: Repo.seeds.appendingPathComponent(name), encoding: .utf8)
                try archive.write(name, crlf ? text.replacingOccurrences(of: "\n", with: "\r\n") : text)
            }
            // A first paragraph of one sentence: its title ends where the paragraph does.
            let short = "date 2020-01-01\nOne short paragraph alone here.\n\nThe second paragraph follows it.\n"
            try archive.write("short.txt", crlf ? short.replacingOccurrences(of: "\n", with: "\r\n") : short)
            // Two articles sharing two paragraphs: the passage's excerpt runs over the line ends.
            let shared = "Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda.\n\nMu nu xi omicron pi rho sigma tau upsilon phi chi psi omega.\n"
            for (name, intro) in [("p1.txt", "A first report opens this way."), ("p2.txt", "Another outlet had its own start.")] {
                let text = "date 2020-02-0\(name.dropFirst().prefix(1))\n\(intro)\n\n" + shared
                try archive.write(name, crlf ? text.replacingOccurrences(of: "\n", with: "\r\n") : text)
            }
            _ = try await archive.build()
            let data = try Data(contentsOf: archive.output.appendingPathComponent("annotations.json"))
            let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let articles = try #require(json["articles"] as? [[String: Any]])
            let quotes = try #require(json["quotes"] as? [[String: Any]])
            let passages = try #require(json["passages"] as? [[String: Any]])
            return (articles.map { $0["title"] as! String },
                    quotes.map { ($0["text"] as! String).replacingOccurrences(of: "\r\n", with: "\n") },
                    quotes.map { (($0["speaker"] as? [String: Any])?["name"] as? String) ?? "-" },
                    passages.map { ($0["witnesses"] as! [Any]).count },
                    try ["index.html", "passages/index.html"].map { try archive.read($0) })
        }
        let lf = try await annotations(crlf: false), crlf = try await annotations(crlf: true)
        #expect(crlf.titles == lf.titles)
        #expect(crlf.quotes == lf.quotes)
        #expect(crlf.speakers == lf.speakers)
        #expect(crlf.witnesses == lf.witnesses)
        #expect(crlf.lists == lf.lists)      // titles, and the passages' excerpts
        #expect(lf.quotes.count == 31 && lf.witnesses.sorted() == [2, 14] && lf.titles.last == "One short paragraph alone here")
    }
}

/// Every file of a folder, by relative path, and every folder (its path and "/", no bytes).
func snapshot(_ folder: URL) throws -> [String: Data] {
    var result: [String: Data] = [:]
    let walker = FileManager.default.enumerator(atPath: folder.path)
    while let path = walker?.nextObject() as? String {
        var isDir: ObjCBool = false
        let full = folder.appendingPathComponent(path).path
        if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue {
            result[path] = FileManager.default.contents(atPath: full)
        } else if isDir.boolValue {
            result[path + "/"] = Data()      // folders too: an empty one left behind is a difference
        }
    }
    return result
}

/// Checks that every relative href and src in every HTML page names an existing file (and anchor).
func checkLinks(in site: URL) throws {
    let pages = try snapshot(site).keys.filter { $0.hasSuffix(".html") && $0 != "404.html" }
    #expect(!pages.isEmpty)
    let pattern = try NSRegularExpression(pattern: "(?:href|src)=\"([^\"]*)\"")
    for page in pages {
        let html = try String(contentsOf: site.appendingPathComponent(page), encoding: .utf8)
        let base = site.appendingPathComponent(page).deletingLastPathComponent()
        for m in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            let link = String(html[Range(m.range(at: 1), in: html)!])
            if link.hasPrefix("http://") || link.hasPrefix("https://") || link.hasPrefix("mailto:") { continue }
            let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
            let path = String(parts[0])
            let target = path.isEmpty ? site.appendingPathComponent(page)
                : base.appendingPathComponent(path.removingPercentEncoding ?? path).standardizedFileURL
            #expect(FileManager.default.fileExists(atPath: target.path), "\(page): broken link \(link)")
            #expect(target.path.hasPrefix(site.standardizedFileURL.path), "\(page): link leaves the site: \(link)")
            if parts.count == 2, target.pathExtension == "html", FileManager.default.fileExists(atPath: target.path) {
                let targetHTML = try String(contentsOf: target, encoding: .utf8)
                #expect(targetHTML.contains("id=\"\(parts[1])\""), "\(page): missing anchor \(link)")
            }
        }
    }
}

/// Counts how often a build had to wait for another.
final class WaitLog: BuildLog, @unchecked Sendable {
    private let lock = NSLock()
    private(set) var waits = 0
    func diagnostic(_ d: Diagnostic) {}
    func stage(_ s: StageTiming) {}
    func waiting(_ message: String) { lock.lock(); waits += 1; lock.unlock() }
}
