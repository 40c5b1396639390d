import Testing
@testable import ConcordCore

@Suite("Template checksums")
struct TemplateChecksumsTests {
    static let texts = ["layout": "<main>{{{content}}}</main>{{> foot}}", "foot": "",
                        "article": "{{> meta}}{{body}}", "passage": "{{> meta}}{{> diff}}", "speaker": "{{name}}",
                        "meta": "{{date}}", "diff": "{{html}}{{> word}}", "word": "", "unused": ""]

    /// Each page template's checksum, with `changed` given another file checksum.
    func checksums(changing changed: String? = nil, in texts: [String: String] = texts) -> [String: UInt64] {
        var sums = Dictionary(uniqueKeysWithValues: texts.keys.map { ($0, UInt64(0)) })
        if let changed { sums[changed] = 1 }
        let set = TemplateChecksums(templates: PartialCycles.readings(of: texts), sums: sums, all: changed == nil ? 10 : 11,
                                    pages: ["article", "passage", "speaker"], layout: "layout")
        return Dictionary(uniqueKeysWithValues: ["article", "passage", "speaker"].map { ($0, set.of($0)) })
    }

    /// The page templates whose checksum a change of `name` alters.
    func reached(by name: String, in texts: [String: String] = texts) -> [String] {
        let before = checksums(in: texts), after = checksums(changing: name, in: texts)
        return before.keys.filter { before[$0] != after[$0] }.sorted()
    }

    @Test func aChangeReachesThePagesThatUseTheTemplate() {
        #expect(reached(by: "speaker") == ["speaker"])
        #expect(reached(by: "diff") == ["passage"])
        #expect(reached(by: "word") == ["passage"])       // through `diff`
        #expect(reached(by: "meta") == ["article", "passage"])
        // The layout wraps every page, and so does what it includes.
        #expect(reached(by: "layout") == ["article", "passage", "speaker"])
        #expect(reached(by: "foot") == ["article", "passage", "speaker"])
        #expect(reached(by: "unused") == [])
        // Page templates with the same text still have checksums of their own.
        #expect(Set(checksums().values).count == 3)
    }

    /// Includes that cannot be read before rendering make a page depend on every template.
    @Test func unreadableIncludesDependOnEverything() {
        var texts = Self.texts
        texts["diff"] = "{{>*kind}}"
        #expect(reached(by: "unused", in: texts) == ["passage"])
        texts["diff"] = "{{html}}{{=<% %>=}}<%> foot%>"
        #expect(reached(by: "unused", in: texts) == ["passage"])
        #expect(reached(by: "speaker", in: texts) == ["passage", "speaker"])
        // A template nothing renders may do as it likes.
        texts = Self.texts
        texts["unused"] = "{{=<% %>=}}"
        #expect(reached(by: "unused", in: texts) == [])
    }

    @Test func dynamicIncludesAndNewDelimitersAreFound() {
        #expect(PartialCycles.namesEveryInclude("{{> a}}{{< b}}{{#c}}{{/c}}{{{d}}}{{! comment *}}"))
        for text in ["{{>*a}}", "{{> *a}}", "{{<*a}}", "x{{=<% %>=}}", "{{= | | =}}"] {
            #expect(!PartialCycles.namesEveryInclude(text), "\(text)")
        }
    }
}
