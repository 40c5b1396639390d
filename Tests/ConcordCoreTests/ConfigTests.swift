import Foundation
import Testing
@testable import ConcordCore

@Suite("Site config")
struct ConfigTests {
    func write(_ text: String) throws -> (TempArchive, URL) {
        let archive = try TempArchive()
        let url = archive.root.appendingPathComponent("concord.yml")
        try Data(text.utf8).write(to: url)
        return (archive, url)
    }

    @Test func settingsReachThePagesAndTheCommandLineWins() async throws {
        let (archive, url) = try write("title: The <Kardashian> Files\nmin_passage_words: 400\nboilerplate_articles: 50\n")
        defer { archive.cleanup() }
        try archive.copySeeds()
        var options = archive.options()
        options.config = url
        let report = try await SiteBuilder(options: options).build()
        #expect(report.passages == 0)                 // no passage is 400 words long
        #expect(try archive.read("index.html").contains("The &lt;Kardashian&gt; Files"))
        options.minPassageWords = 12
        #expect(try await SiteBuilder(options: options).build().passages == 1)
        #expect(options.passageOptions(try SiteConfig.load(url)).boilerplateArticles == 50)
    }

    @Test func aFoldedTitleLosesItsLineBreak() throws {
        let (archive, url) = try write("title: >\n  The Kardashian\n  Files\n")
        defer { archive.cleanup() }
        #expect(try SiteConfig.load(url).title == "The Kardashian Files")
    }

    @Test func missingConfigMeansDefaults() throws {
        #expect(try SiteConfig.load(URL(fileURLWithPath: "/nonexistent/concord.yml")) == SiteConfig())
        #expect(try SiteConfig.load(nil).title == "Concord archive")
    }

    @Test("bad config is an error with its line", arguments: [
        ("title: [broken\n", ":2: error: bad YAML"),
        ("title: ok\nmin_passage_words: many\n", ":2: error: 'min_passage_words' must be a positive whole number"),
        ("title: ok\ncolour: blue\n", ":2: error: unknown setting 'colour' (known: title"),
        // A near miss names the setting it most likely meant.
        ("titel: My archive\n", ":1: error: unknown setting 'titel'; did you mean 'title'?"),
        ("title: ok\nboilerplate-articles: 5\n", ":2: error: unknown setting 'boilerplate-articles'; did you mean 'boilerplate_articles'?"),
        ("- a list\n", ":1: error: the config must be a mapping"),
    ])
    func badConfig(text: String, message: String) throws {
        let (archive, url) = try write(text)
        defer { archive.cleanup() }
        do {
            _ = try SiteConfig.load(url)
            Issue.record("no error for \(text)")
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
        }
    }
}
