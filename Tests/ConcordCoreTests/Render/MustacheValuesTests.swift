import Mustache
import Testing
@testable import ConcordCore

/// Strings and integers take swift-mustache's custom-renderable branch
/// (`MustacheValues.swift`); every way a template uses them must print what
/// the library's own `String(describing:)` path printed.
@Suite("Strings and numbers in templates")
struct MustacheValuesTests {
    func render(_ template: String, _ context: [String: Any]) throws -> String {
        _ = FastHTMLContentType.registered
        var library = MustacheLibrary()
        try library.register(template, named: "t")
        return library.render(context, withTemplate: "t")!
    }

    @Test func stringsAndNumbersPrintAsThemselves() throws {
        let context: [String: Any] = ["s": "a < b & \"c\"", "n": 12_345, "negative": -3, "empty": ""]
        #expect(try render("{{% CONTENT_TYPE: HTML }}[{{s}}|{{{s}}}|{{n}}|{{negative}}|{{empty}}]", context)
                == "[a &lt; b &amp; &quot;c&quot;|a < b & \"c\"|12345|-3|]")
        // Without the pragma, swift-mustache's own escaper.
        #expect(try render("{{s}}", context) == "a &lt; b &amp; &quot;c&quot;")
    }

    @Test func sectionsOverStringsAndNumbers() throws {
        let context: [String: Any] = ["s": "x", "n": 0, "empty": ""]
        // A value, even 0 or "", opens its section (it is not null) and is `.` inside it.
        #expect(try render("{{#s}}<{{.}}>{{/s}}{{#n}}<{{.}}>{{/n}}{{#empty}}<{{.}}>{{/empty}}", context) == "<x><0><>")
        #expect(try render("{{^s}}no{{/s}}{{^n}}no{{/n}}{{^empty}}no{{/empty}}{{^missing}}none{{/missing}}", context) == "none")
        #expect(try render("{{#list}}{{.}},{{/list}}", ["list": ["a", "b"] as [Any] + [3]]) == "a,b,3,")
    }
}
