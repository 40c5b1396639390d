import Foundation
import Testing
@testable import ConcordCore

@Suite("Template names")
struct TemplateNamesTests {
    @Test func namesAreReadFromTags() {
        #expect(TemplateNames.name(of: " title ") == "title")
        #expect(TemplateNames.name(of: "#witnesses") == "witnesses")
        #expect(TemplateNames.name(of: "^ hasTags") == "hasTags")
        #expect(TemplateNames.name(of: "{content}") == "content")
        #expect(TemplateNames.name(of: "& body") == "body")
        #expect(TemplateNames.name(of: "older.title") == "older")
        for none in ["/witnesses", "! a comment", "> partials/meta", "< parent", "$block", "=<% %>=", "% CONTENT_TYPE: HTML", ".", "reversed(quotes)"] {
            #expect(TemplateNames.name(of: Substring(none)) == nil, "\(none)")
        }
        let text = "{{% CONTENT_TYPE: HTML }}\n<h1>{{titel}}</h1>{{#quotes}}{{txt}}{{/quotes}}\n{{=<% %>=}}<%siteTitel%>{{notATag}}\n<%! fine %>"
        #expect(TemplateNames.unknown(in: text, known: PageContexts.names) == [
            .init(name: "titel", line: 2, meant: "title"), .init(name: "txt", line: 2, meant: "text"),
            .init(name: "siteTitel", line: 3, meant: "siteTitle"),
        ])
        // Nothing near enough: no guess. The nearest wins over the first in order.
        #expect(Spelling.closest(to: "wordCountTotal", among: PageContexts.names.sorted()) == nil)
        #expect(Spelling.closest(to: "Date", among: PageContexts.names.sorted()) == "date")
        #expect(Spelling.closest(to: "pasages", among: ["pages", "passages"]) == "passages")
    }

    /// Every name any page of a varied archive gives its templates is in `PageContexts.names`,
    /// so that no template using one is warned of; and the shipped templates use no other.
    @Test func everyNameAPageGivesIsKnown() async throws {
        let articles = try Repo.seedArticles() + generatedArticles(120, seed: 11)
        let model = SiteModel(articles: articles, annotations: Annotator().annotateAll(articles).annotations)
        let templates = try await TemplateSet(folder: Repo.templates)
        #expect(templates.warnings.isEmpty, "\(templates.warnings)")
        let renderer = SiteRenderer(templates: templates, model: model)
        let contexts = PageContexts(model: model)
        var given = Set<String>()
        func collect(_ value: Any) {
            if let dictionary = value as? [String: Any] {
                for (k, v) in dictionary { given.insert(k); collect(v) }
            } else if let list = value as? [Any] {
                list.forEach(collect)
            }
        }
        for page in renderer.pages { collect(renderer.context(of: page, contexts)) }
        #expect(given.subtracting(PageContexts.names).isEmpty, "\(given.subtracting(PageContexts.names).sorted())")
        #expect(given.count > 40)
    }

    /// A misspelt name is a warning with its file and line (the build goes on): Mustache renders
    /// it as nothing, so `{{titel}}` left every article's heading empty in silence.
    @Test func aMisspeltNameIsAWarning() async throws {
        let archive = try TempArchive()
        defer { archive.cleanup() }
        try archive.copySeeds()
        let templates = archive.root.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: Repo.templates, to: templates)
        let article = templates.appendingPathComponent("article.mustache")
        let text = try String(contentsOf: article, encoding: .utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("<h1>{{title}}</h1>") }.map { $0 + 1 }
        try Data(text.replacingOccurrences(of: "<h1>{{title}}</h1>", with: "<h1>{{titel}}</h1>").utf8).write(to: article)
        let report = try await archive.build(templates: templates)
        #expect(report.diagnostics.isEmpty)
        #expect(report.warnings.map(\.description) == [
            "\(article.path):\(try #require(line)): warning: 'titel' is no value Concord gives a page: Mustache renders it as nothing (did you mean 'title'?)"])
        // A build with nothing to do says so again.
        #expect(try await archive.build(templates: templates).warnings.count == 1)
    }
}
