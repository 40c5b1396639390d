import Foundation
import Mustache
import Testing
@testable import ConcordCore

/// A page filled from a stencil must be byte for byte what swift-mustache renders,
/// or the stencil must refuse it.
@Suite("Pages filled from stencils")
struct StencilTests {
    static let pragma = "{{% CONTENT_TYPE: HTML }}\n"

    /// Every page of the seeds and a generated archive, shipped templates: the same bytes
    /// both ways, and every page filled from a stencil (a page whose stencil went wrong
    /// would be rendered by swift-mustache after all, so this is what the test checks).
    @Test func shippedTemplatesFillEveryPageWithTheSameBytes() async throws {
        // One article whose every printed field has characters to escape.
        let marked = try ArticleParser().parse(Array("""
            ---
            title: "Tom & Jerry's <b>\\"quoted\\"</b> title"
            date: 2021-03-04
            source: "A & B <wire>"
            author: "O'Brien & <co>"
            url: "https://example.com/?a=1&b=<2>"
            ---

            "It's <here> & \\"there\\"," said Tom & Jerry's friend.
            """.utf8), path: "marked.md")
        let articles = try Repo.seedArticles() + generatedArticles(120, seed: 11) + [marked]
        let model = SiteModel(articles: articles, annotations: Annotator().annotateAll(articles).annotations)
        let stencilled = try await TemplateSet(folder: Repo.templates)
        let plain = try await TemplateSet(folder: Repo.templates, stencils: false)
        #expect(Set(stencilled.stencils.keys) == Set(TemplateSet.required).subtracting(["layout"]))
        let a = SiteRenderer(templates: stencilled, model: model), b = SiteRenderer(templates: plain, model: model)
        var pages = 0
        for page in a.pages where SiteRenderer.listing(of: page) == nil {
            #expect(try a.html(of: page) == b.html(of: page), "\(a.path(of: page))")
            pages += 1
        }
        #expect(pages > 150)
        let counts = stencilled.stencilCounts.withLock { $0 }
        #expect(counts.filled == pages && counts.plain == 0, "\(counts)")
        #expect(plain.stencilCounts.withLock { $0 }.filled == 0)
        #expect(try a.html(of: .article(model.position(of: "marked")!)).contains("Tom &amp; Jerry&#39;s &lt;b&gt;&quot;quoted&quot;&lt;/b&gt; title"))

        // The list pages' rows: filled from their stencils, the same bytes as swift-mustache's.
        let contexts = PageContexts(model: model)
        for list in Listing.allCases {
            let cut = try #require(stencilled.lists[list]), source = try #require(cut.rowStencil)
            let page = contexts.listPage(list)
            for i in 0..<contexts.rowCount(list) {
                let row = contexts.row(list, i)
                #expect(cut.renderRow(row, page: page, library: stencilled.library) == cut.plainRow(row, page: page, library: stencilled.library))
            }
            #expect(!source.failed.withLock { $0 }, "\(list)")
            #expect(plain.lists[list]?.rowStencil == nil)
        }
    }

    /// Edge cases by hand: spaces ending a row, `.` in a string's section, a dictionary as
    /// one row, nested rows, empty and missing rows, sections cut inline.
    @Test(arguments: [
        "<ul>{{#rows}}<li>{{r0}}\n  {{/rows}}<b>",
        "{{#s0}}[{{.}}]{{/s0}}{{^s0}}none{{/s0}}",
        "<p>{{#one}}<a href=\"{{u}}\">{{t}}</a>{{/one}}</p>\n",
        "<ol>\n{{#rows}}\n<li>{{r0}}<ul>{{#sub}}<i>{{{r1}}}</i>{{/sub}}</ul></li>\n{{/rows}}\n</ol>\n",
        "<ol>\n{{#none}}\n<li>{{r0}}</li>\n{{/none}}\n</ol>\n",
        "a {{#rows}}{{r0}}, {{/rows}}b\n",
    ])
    func fixedTemplatesFillWhatSwiftMustacheRenders(_ body: String) throws {
        var library = MustacheLibrary()
        let text = Self.pragma + body
        try library.register(text, named: "t")
        let source = try #require(StencilSource(text: text, library: library))
        let contexts: [[String: Any]] = [
            ["s0": "<x>", "one": ["u": "/a?b=1&c=2", "t": "T"] as [String: Any],
             "rows": [["r0": "R & 0", "sub": [["r1": "<1>"], ["r1": "2"]]], ["r0": "", "sub": [[String: Any]]()]] as [[String: Any]]],
            ["s0": "", "rows": [[String: Any]]()],
            [:],
        ]
        for context in contexts {
            var out = "", pending: [StencilSource.Pending] = []
            #expect(source.render([context], into: &out, pending: &pending))
            #expect(out == library.render(context, withTemplate: "t")!, "\(context)")
        }
    }

    // MARK: generated templates and contexts

    struct Case {
        var text = pragma
        var context: [String: Any] = [:]
    }

    /// Text with the characters escaping and standalone lines care about.
    static let literals = ["<b>", " & ", "\n", "  ", "x", "\"q\"", "'", "\n  ", "é"]
    static let scalars = ["plain", "<script>&\"'</script>", "", "line\nbreak\n", "  ", "\u{301}&", "ünï"]

    /// A random template over page names `s0…s2` (printed), `f0…f2` (flags), `rows`
    /// (dictionaries with `r0`, `r1`, `g` and nested `sub`), and a partial `p`.
    static func template(_ rng: inout SplitMix64, depth: Int = 0, inRow: Bool = false) -> String {
        var out = ""
        for _ in 0..<(1 + rng.next(5)) {
            let names = inRow ? ["s0", "s1", "r0", "r1", "g"] : ["s0", "s1", "s2", "g"]
            let name = names[rng.next(names.count)]
            let alone = rng.next(3) == 0 ? "\n" : ""            // section tags alone on their lines
            switch rng.next(inRow ? 10 : 9) {
            case 0: out += literals[rng.next(literals.count)]
            case 1: out += "{{\(name)}}"
            case 2: out += "{{{\(name)}}}"
            case 3: out += "{{& \(name)}}"
            case 4 where depth < 2:
                let f = "f\(rng.next(3))", open = rng.next(2) == 0 ? "#" : "^"
                out += "\(alone){{\(open)\(f)}}\(alone)" + template(&rng, depth: depth + 1, inRow: inRow) + "\(alone){{/\(f)}}\(alone)"
            case 5 where depth < 2:
                out += "{{#\(name)}}" + template(&rng, depth: depth + 1, inRow: inRow) + "{{/\(name)}}"
            case 6 where depth < 2 && !inRow:
                out += "\(alone){{#rows}}\(alone)" + template(&rng, depth: depth + 1, inRow: true) + "\(alone){{/rows}}\(alone)"
            case 7: out += "{{> p}}"
            case 8: out += rng.next(2) == 0 ? "{{! a comment }}" : "{{.}}"     // `.`: printed where the item is a string only
            case 9 where depth < 2:
                out += "{{#sub}}" + template(&rng, depth: depth + 1, inRow: true) + "{{/sub}}"
            default: out += literals[rng.next(literals.count)]
            }
        }
        return out
    }

    static func scalar(_ rng: inout SplitMix64) -> Any {
        rng.next(4) == 0 ? rng.next(1000) : scalars[rng.next(scalars.count)]
    }

    static func context(_ rng: inout SplitMix64) -> [String: Any] {
        var c: [String: Any] = [:]
        for n in ["s0", "s1", "s2", "g"] where rng.next(5) > 0 { c[n] = scalar(&rng) }
        for n in ["f0", "f1", "f2"] where rng.next(5) > 0 { c[n] = rng.next(2) == 0 }
        if rng.next(6) > 0 {
            c["rows"] = (0..<rng.next(4)).map { _ -> [String: Any] in
                var row: [String: Any] = [:]
                for n in ["r0", "r1", "s1"] where rng.next(3) > 0 { row[n] = scalar(&rng) }
                if rng.next(3) == 0 { row["f0"] = rng.next(2) == 0 }
                if rng.next(2) == 0 {
                    row["sub"] = (0..<rng.next(3)).map { _ in ["r0": scalar(&rng), "g": scalar(&rng)] as [String: Any] }
                } else if rng.next(3) == 0 {
                    row["sub"] = ["r1": scalar(&rng)] as [String: Any]
                }
                return row
            }
        }
        return c
    }

    @Test func generatedTemplatesFillWhatSwiftMustacheRenders() throws {
        var rng = SplitMix64(seed: 5)
        var filled = 0, refused = 0
        for k in 0..<400 {
            var library = MustacheLibrary()
            let text = Self.pragma + Self.template(&rng)
            try library.register(text, named: "t")
            try library.register(Self.pragma + "<i>{{s0}}</i>{{#f1}}{{{g}}}{{/f1}}", named: "p")
            guard let source = StencilSource(text: text, library: library) else { refused += 1; continue }
            // Several contexts per template: stencils are shared between shapes' pages.
            for _ in 0..<6 {
                let context = Self.context(&rng)
                var out = "", pending: [StencilSource.Pending] = []
                guard source.render([context], into: &out, pending: &pending) else { refused += 1; continue }
                StencilSource.commit(pending)           // checked below, and used unchecked by the next contexts
                let expected = library.render(context, withTemplate: "t")!
                #expect(out == expected, "case \(k): \(text.debugDescription)\n\(out.debugDescription)\n\(expected.debugDescription)")
                filled += 1
            }
        }
        // Cuts next to lone tags, standalone partials and `.` printing a dictionary are refused; most cases are filled.
        #expect(filled > 1300, "filled \(filled), refused \(refused)")
    }

    @Test(arguments: [
        "<p>{{title}}</p>",                                         // no pragma: the default escaper is not Concord's
        pragma + "{{% CONTENT_TYPE: TEXT }}{{title}}",               // another content type
        pragma + "{{a.b}}",                                          // dotted name
        pragma + "{{uppercased(title)}}",                            // a transform
        pragma + "{{=<% %>=}}<% title %>",                           // new delimiters
        pragma + "x\n  {{> p}}\ny",                                  // a standalone partial indents what it prints
        pragma + "{{> missing}}",                                    // a missing partial
        pragma + "{{> q}}",                                          // a partial without the pragma
    ])
    func refusesWhatAMarkCouldChange(_ text: String) throws {
        var library = MustacheLibrary()
        try library.register(text, named: "t")
        try library.register(Self.pragma + "{{s0}}", named: "p")
        try library.register("{{s0}}", named: "q")
        #expect(StencilSource(text: text, library: library) == nil)
    }

    /// A new stencil is checked against swift-mustache's bytes once, then used unchecked;
    /// one that disagrees is dropped with its source, and swift-mustache's bytes are used.
    @Test func newStencilsAreCheckedOnceAndDroppedIfTheyDisagree() throws {
        var library = MustacheLibrary()
        let text = Self.pragma + "<h1>{{title}}</h1>{{#rows}}<li>{{r0}}</li>{{/rows}}\n"
        try library.register(text, named: "t")
        let page: [String: Any] = ["title": "A & B", "rows": [["r0": "x"], ["r0": "<y>"]] as [[String: Any]]]
        let other: [String: Any] = ["title": "C", "rows": [["r0": "z"]] as [[String: Any]]]
        let expected = library.render(page, withTemplate: "t")!
        var checks = 0
        let good = try #require(StencilSource(text: text, library: library))
        let first = good.fill([page]) { checks += 1; return expected }
        #expect(first.text == expected && first.filled && checks == 1)
        let second = good.fill([other]) { checks += 1; return "unused" }
        #expect(second.text == library.render(other, withTemplate: "t")! && second.filled && checks == 1)

        let bad = try #require(StencilSource(text: text, library: library))
        #expect(bad.fill([page]) { "swift-mustache's bytes" } == ("swift-mustache's bytes", false))
        #expect(bad.fill([other]) { "again" } == ("again", false))
    }

    @Test func valuesItCannotStandInForRenderWithSwiftMustache() throws {
        var library = MustacheLibrary()
        let text = Self.pragma + "{{#list}}<{{.}}>{{/list}}{{#rows}}{{x}}{{/rows}}{{n}}"
        try library.register(text, named: "t")
        let source = try #require(StencilSource(text: Self.pragma + "{{#rows}}{{x}}{{/rows}}{{n}}", library: library))
        var out = "", pending: [StencilSource.Pending] = []
        #expect(source.render([["n": 1.5]], into: &out, pending: &pending) == false)                 // a double
        #expect(source.render([["rows": ["a", "b"]]], into: &out, pending: &pending) == false)       // strings as rows
        #expect(source.render([["n": 2, "rows": [String]()]], into: &out, pending: &pending))       // an empty array is no row
        #expect(out == "2")
    }
}
