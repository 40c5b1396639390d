import Foundation
import Mustache
import Testing
@testable import ConcordCore

/// A list template cut into shell and rows must render exactly what the
/// whole template renders, or refuse to cut.
@Suite("List templates cut into rows")
struct ListTemplateTests {
    let partial = "{{% CONTENT_TYPE: HTML }}\n<time>{{date}}</time>{{#hasCredits}} · {{credits}}{{/hasCredits}}"

    func rows(_ n: Int) -> [[String: Any]] {
        (0..<n).map { i in
            ["title": i == 1 ? "<script>alert(\"x\")</script> & co" : "Title \(i)", "date": "\(i) May 2020",
             "credits": "By A \(i)", "hasCredits": i % 2 == 0, "hasQuotes": i % 3 == 0, "quotes": "\(i) quotes"]
        }
    }

    /// Renders `text` whole and cut; returns both (nil when it would not cut).
    func both(_ text: String, rows n: Int = 4) throws -> (whole: String, cut: String)? {
        var library = MustacheLibrary()
        try library.register(text, named: "index")
        try library.register(partial, named: "partials/meta")
        let page: [String: Any] = ["articleCount": n, "oneArticle": n == 1]
        var all = page
        all["articles"] = rows(n)
        let whole = library.render(all, withTemplate: "index")!
        let lib = library
        guard let cut = ListTemplate(text: text, section: "articles", partial: { lib.getTemplate(named: $0)?.description }) else { return nil }
        let (before, after) = cut.shellParts(page, library: library)
        let middle = rows(n).map { cut.renderRow($0, page: page, library: library) }.joined()
        return (whole, before + middle + after)
    }

    @Test(arguments: [
        // The shipped shape: section tags alone on their lines, a partial, nested sections.
        "{{% CONTENT_TYPE: HTML }}\n<h1>Archive</h1>\n<ol>\n{{#articles}}\n<li>\n<a>{{title}}</a>\n<p>{{> partials/meta}}{{#hasQuotes}} · {{quotes}}{{/hasQuotes}}</p>\n</li>\n{{/articles}}\n</ol>\n",
        // Everything on one line.
        "<ol>{{#articles}}<li>{{title}}</li>{{/articles}}</ol>\n",
        // Indented section tags, spaces inside the braces, Windows line ends.
        "<ul>\r\n  {{# articles }}\r\n  <li>{{{title}}}</li>\r\n  {{/ articles }}\r\n</ul>\r\n",
        // Standalone tags inside the row, not next to the cut.
        "<ol>\n{{#articles}}\n<li>\n{{#hasCredits}}\n<b>{{title}}</b>\n{{/hasCredits}}\n{{^hasCredits}}\n<i>{{title}}</i>\n{{/hasCredits}}\n</li>\n{{/articles}}\n</ol>",
        // A row that reads a page-level value, and text right after the section.
        "{{#articles}}\n{{title}} of {{articleCount}}\n{{/articles}}\ntotal {{articleCount}}",
        // Nothing before the section, nothing after.
        "{{#articles}}<p>{{&title}}</p>{{/articles}}",
    ])
    func cutRendersWhatTheWholeTemplateRenders(_ text: String) throws {
        for n in [0, 1, 5] {
            let r = try #require(try both(text, rows: n))
            #expect(r.cut == r.whole, "rows: \(n)")
        }
    }

    @Test func rowsThatReadPageValuesSayWhich() throws {
        let shipped = try String(contentsOf: Repo.templates.appendingPathComponent("index.mustache"), encoding: .utf8)
        let meta = try String(contentsOf: Repo.templates.appendingPathComponent("partials/meta.mustache"), encoding: .utf8)
        let cut = try #require(ListTemplate(text: shipped, section: "articles", partial: { $0 == "partials/meta" ? meta : nil }))
        #expect(cut.rowNames.isDisjoint(with: ["articleCount", "passageCount", "speakerCount"]))
        #expect(cut.rowNames.isSuperset(of: ["title", "url", "date", "iso", "credits"]))   // `date`, `iso`: from the partial
        let reads = try #require(ListTemplate(text: "{{#articles}}{{title}} {{articleCount}}{{/articles}}", section: "articles", partial: { _ in nil }))
        #expect(reads.rowNames.contains("articleCount"))
    }

    @Test(arguments: Listing.allCases)
    func shippedListTemplatesAreCut(_ list: Listing) throws {
        let text = try String(contentsOf: Repo.templates.appendingPathComponent(list.template + ".mustache"), encoding: .utf8)
        let partials = Repo.templates.appendingPathComponent("partials")
        let cut = ListTemplate(text: text, section: list.section, partial: {
            try? String(contentsOf: partials.appendingPathComponent(String($0.dropFirst("partials/".count)) + ".mustache"), encoding: .utf8)
        })
        #expect(cut != nil)
    }

    @Test(arguments: [
        "{{#articles}}<li>{{title}}</li>{{/articles}}{{^articles}}none{{/articles}}",     // articles named four times
        "{{=<% %>=}}<%#articles%><li><%title%></li><%/articles%>",                          // delimiters changed
        "<ol>{{#articles}}{{#hasCredits}}\n<li>{{title}}</li>\n{{/hasCredits}}{{/articles}}", // a tag would turn standalone
        // Lone tags on the lines next to the cut. swift-mustache renders the first two whole
        // otherwise than cut (a cut row loses a line break, or keeps spaces the whole drops);
        // the rule refuses the third too, which happens to agree.
        "\n{{#articles}}\n{{#hasCredits}}{{{title}}}\n  {{/hasCredits}}\n{{/articles}}\n<b>",
        "<ul>{{#articles}}\"q\"{{#hasQuotes}}{{title}}\n  \n  {{/hasQuotes}}\n  {{/articles}}",
        "<ol>\n{{#articles}}\n{{#hasCredits}}\n<li>{{title}}</li>\n{{/hasCredits}}\n{{/articles}}\n</ol>",
        // The same with Windows line ends ("\r\n" is one Character to Swift: a split at "\n" missed them).
        "\r\n{{#articles}}\r\n{{#hasCredits}}{{{title}}}\r\n  {{/hasCredits}}\r\n{{/articles}}\r\n<b>",
        "<ul>{{#articles}}\"q\"{{#hasQuotes}}{{title}}\r\n  \r\n  {{/hasQuotes}}\r\n  {{/articles}}",
        "{{#articles}}{{.}}{{/articles}}",                                                   // the row itself
        "{{#articles}}{{> missing}}{{/articles}}",                                           // a partial that is not there
        "<p>no rows</p>",
    ])
    func shapesItCannotCutRenderWhole(_ text: String) throws {
        #expect(ListTemplate(text: text, section: "articles", partial: { _ in nil }) == nil)
    }

    /// The shipped list templates, cut, give the pages their uncut versions give: the
    /// same templates with the row section named once more (an empty inverted section
    /// at the end, which renders nothing) cannot be cut and render whole.
    @Test func cutListPagesEqualWholeOnes() async throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        try archive.copySeeds()
        try archive.writeGenerated(60, seed: 3)
        let uncut = archive.root.appendingPathComponent("uncut")
        try FileManager.default.copyItem(at: Repo.templates, to: uncut)
        for list in Listing.allCases {
            let file = uncut.appendingPathComponent(list.template + ".mustache")
            try (String(contentsOf: file, encoding: .utf8) + "{{^\(list.section)}}{{/\(list.section)}}").write(to: file, atomically: true, encoding: .utf8)
        }
        #expect(try await TemplateSet(folder: uncut).lists.isEmpty)
        #expect(try await TemplateSet(folder: Repo.templates).lists.count == Listing.allCases.count)
        _ = try await archive.build(templates: uncut)
        let pages = ["index.html", Links.passages, Links.speakers]     // in `Listing.allCases` order
        let whole = try pages.map(archive.read)
        _ = try await archive.build()
        let cut = try pages.map(archive.read)
        #expect(cut == whole)
        #expect(cut[1].contains("passage-list") && cut[2].contains("speaker-list"))
    }

    @Test func incrementalBuildKeepsUnchangedRows() async throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        try archive.copySeeds()
        _ = try await archive.build()
        try archive.write("zz.txt", "date 2021-02-03 A new article\n\nIt says nothing anyone else said before today.\n")
        let log = RecordingStageLog()
        _ = try await SiteBuilder(options: archive.options(), log: log).build()
        let render = try #require(log.stages.first { $0.name == "render" })
        #expect(render.detail.contains("articles 3 of 4"), "\(render.detail)")
        let fresh = try await archive.freshBuild()
        #expect(try archive.read("index.html") == String(decoding: try #require(fresh["index.html"]), as: UTF8.self))
    }
}

/// Collects the stage timings a build logs.
final class RecordingStageLog: BuildLog, @unchecked Sendable {
    private let lock = NSLock()
    private var items: [StageTiming] = []
    func diagnostic(_ d: Diagnostic) {}
    func stage(_ s: StageTiming) { lock.lock(); items.append(s); lock.unlock() }
    var stages: [StageTiming] { lock.lock(); defer { lock.unlock() }; return items }
}
