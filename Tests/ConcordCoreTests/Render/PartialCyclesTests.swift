import Foundation
import Testing
@testable import ConcordCore

@Suite("Partial cycles")
struct PartialCyclesTests {
    @Test func includesAreFoundWithTheirLines() {
        let text = "{{% CONTENT_TYPE: HTML }}\n<p>{{> partials/meta}}</p>\n{{#a}}\n{{>  b  }}{{/a}}{{< parent}}{{title}}{{>*dynamic}}"
        #expect(PartialCycles.includes(in: text) == [.init(name: "partials/meta", line: 2), .init(name: "b", line: 4),
                                                     .init(name: "parent", line: 4)])
        // Delimiters set in the template are followed, there and back.
        #expect(PartialCycles.includes(in: "{{> a}}\n{{=<% %>=}}<%> b %>{{> not-a-tag}}\n<%={{ }}=%>{{> c}}") ==
                [.init(name: "a", line: 1), .init(name: "b", line: 2), .init(name: "c", line: 3)])
        // Windows line ends count once each.
        #expect(PartialCycles.includes(in: "<p>\r\n\r\n{{> a}}\n{{> b}}") == [.init(name: "a", line: 3), .init(name: "b", line: 4)])
    }

    @Test func cyclesAreFoundAndSharedPartsAreNot() throws {
        // Two pages sharing partials (a diamond) and a partial of a missing name: no cycle.
        let fine = ["index": "{{> head}}{{> foot}}", "head": "{{> meta}}", "foot": "{{> meta}}", "meta": "{{> missing}}"]
        #expect(PartialCycles.first(in: fine) == nil)
        let itself = try #require(PartialCycles.first(in: ["meta": "x\n{{#items}}{{> meta}}{{/items}}"]))
        #expect(itself.name == "meta" && itself.line == 2 && itself.path == ["meta", "meta"])
        let through = try #require(PartialCycles.first(in: ["article": "{{> a}}", "a": "{{> b}}", "b": "\n\n{{> a}}"]))
        #expect(through.name == "b" && through.line == 3 && through.path == ["a", "b", "a"])
    }

    /// A partial that includes itself stops the build with its file and line (it crashed,
    /// recursing until the stack ran out); the last site stays. So does one that changes its
    /// delimiters first (it still crashed the build after the check was first written).
    @Test(arguments: [("{{% CONTENT_TYPE: HTML }}\n<time>{{date}}</time>{{> partials/meta}}\n", 2),
                      ("{{% CONTENT_TYPE: HTML }}\n{{=<% %>=}}\n<time><%date%></time><%> partials/meta %>\n", 3)])
    func aTemplateThatIncludesItselfIsABrokenTemplate(text: String, line: Int) async throws {
        var meta = ""
        let error = try await failureWithBrokenTemplates { templates in
            meta = templates.appendingPathComponent("partials/meta.mustache").path
            try Data(text.utf8).write(to: URL(fileURLWithPath: meta))
        }
        #expect(error?.description == "\(meta):\(line): error: templates include each other without end "
                + "(partials/meta → partials/meta): a template may not include itself, directly or through others")
    }

    /// A template that Mustache cannot read is named with its line, and what is wrong in words.
    @Test(arguments: [("{{#older}}", "{{#older}}{{#oops}}", "a closing tag {{/…}} names another section than the one open (sections close in the order they open) (sectionCloseNameIncorrect)"),
                      ("{{/older}}", "", "a section {{#…}} or {{^…}} is never closed (expectedSectionEnd)")])
    func aTemplateMustacheCannotReadIsNamedInWords(replacing: String, with: String, message: String) async throws {
        var article = ""
        let error = try await failureWithBrokenTemplates { templates in
            article = templates.appendingPathComponent("article.mustache").path
            let text = try String(contentsOfFile: article, encoding: .utf8)
            #expect(text.contains(replacing))
            try Data(text.replacingOccurrences(of: replacing, with: with).utf8).write(to: URL(fileURLWithPath: article))
        }
        #expect(error?.description.hasPrefix("\(article):") == true, "\(String(describing: error))")
        #expect(error?.description.contains(": error: broken template: " + message + " near '") == true, "\(String(describing: error))")
    }

    /// A template that includes one that does not exist (a misspelt name) stops the build with
    /// its file and line; Mustache would render it as nothing, in silence. The last site stays.
    @Test func aMissingPartialIsABrokenTemplate() async throws {
        #expect(PartialCycles.firstMissing(in: ["a": "{{> b}}", "b": "x\n{{> c}}{{>*dynamic}}", "c": ""]) == nil)
        let found = try #require(PartialCycles.firstMissing(in: ["a": "{{> b}}", "b": "x\n{{> partials/nometa}}"]))
        #expect(found.name == "b" && found.line == 2 && found.missing == "partials/nometa")
        var index = "", folder = ""
        let error = try await failureWithBrokenTemplates { templates in
            index = templates.appendingPathComponent("index.mustache").path; folder = templates.path
            let text = try String(contentsOfFile: index, encoding: .utf8).replacingOccurrences(of: "{{> partials/meta}}", with: "{{> partials/nometa}}")
            try Data(text.utf8).write(to: URL(fileURLWithPath: index))
        }
        #expect(error?.description.hasPrefix("\(index):") == true)
        #expect(error?.description.hasSuffix(": error: the template includes 'partials/nometa', which does not exist (no partials/nometa.mustache in \(folder))") == true)
    }
}
