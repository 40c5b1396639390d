import Testing
@testable import ConcordCore

/// Links and images in a body to files beside the article: which URLs name one, where, on which
/// line, and where the page points them.
@Suite("Local links")
struct LocalLinksTests {
    func article(_ text: String, path: String) throws -> Article { try ArticleParser().parse(Array(text.utf8), path: path) }

    /// Relative paths resolve against the article's folder; anything with a scheme, absolute,
    /// a bare fragment or query, a folder, or out of the source folder names no file.
    @Test func urlsResolveAgainstTheArticlesFolder() {
        let cases: [(String, String, String?, String)] = [
            ("photos/bridge.png", "a.md", "photos/bridge.png", ""),
            ("photos/bridge.png", "2024/may/a.md", "2024/may/photos/bridge.png", ""),
            ("../img/x.png", "2024/a.md", "img/x.png", ""),
            ("./a/./b.png", "a.md", "a/b.png", ""),
            ("my%20photo.png#page=2", "a.md", "my photo.png", "#page=2"),
            ("x.png?v=1", "d/a.md", "d/x.png", "?v=1"),
            ("other.md#quote", "a.md", "other.md", "#quote"),
        ]
        for (url, from, target, suffix) in cases {
            let r = LocalLink.resolve(url, from: from)
            #expect(r?.target == target && r?.suffix == suffix, "\(url) from \(from): \(String(describing: r))")
        }
        for url in ["../x.png", "a/../../x.png", "https://example.com/x.png", "mailto:a@b.c", "C:x.png", "/abs.png",
                    "//host/x.png", "#top", "?q=1", "photos/", "", "..", "a/..", "a/.", "line%0Abreak.png", "nul%00.png", "back\\slash.png"] {
            #expect(LocalLink.resolve(url, from: "a.md") == nil, "\(url)")
        }
        // Out of the source folder: recorded (for the warning) as the path from it, never resolved.
        for (url, from, target) in [("../x.png", "a.md", "../x.png"), ("a/../../x.png", "a.md", "../x.png"),
                                    ("../../up/x.png#f", "d/a.md", "../up/x.png"), ("../y.md", "a.md", "../y.md")] {
            #expect(LocalLink.target(of: url, from: from) == target, "\(url) from \(from)")
            let link = LocalLink(target: target, line: 1)
            #expect(link.isOutside && !link.isArticle, "\(url)")
        }
        #expect(LocalLink.target(of: "../img/x.png", from: "2024/a.md") == "img/x.png" && !LocalLink(target: "img/x.png", line: 1).isOutside)
        #expect(LocalLink.target(of: "..", from: "a.md") == nil && LocalLink.target(of: "https://e.com/x.png", from: "a.md") == nil)
    }

    /// The page's link: a file under `files/`, each part percent-encoded; an article file its page.
    @Test func hrefsPointIntoTheSite() {
        #expect(LocalLinkNodes.href(to: "photos/my photo.png", suffix: "#p") == "../../files/photos/my%20photo.png#p")
        #expect(LocalLinkNodes.href(to: "2024/Other Story.md", suffix: "") == "../Other%20Story/index.html")
        #expect(LocalLink(target: "x.PDF", line: 1).isArticle == false && LocalLink(target: "x.TXT", line: 1).isArticle)
    }

    /// Links are found with the line of the file they are on, in both formats; references with
    /// their definition's destination; a link written inside code is no link.
    @Test func linksAreFoundWithTheirLines() throws {
        let md = try article("""
            ---
            title: T
            date: 2024-01-02
            ---
            First paragraph with ![an image](img/a.png).

            A [reference][r] and `[not a link](code.png)` and [a site](https://example.com).

            [r]: ../b.pdf
            """, path: "sub/t.md")
        #expect(md.localLinks == [LocalLink(target: "sub/img/a.png", line: 5), LocalLink(target: "b.pdf", line: 7)])
        let text = try article("date 2024-01-02 The opening line, then [a link](c.png).\n\n    Indented paragraph, ![x](d.png).\n", path: "t.txt")
        #expect(text.localLinks == [LocalLink(target: "c.png", line: 1), LocalLink(target: "d.png", line: 3)])
    }

    /// Only bodies with `](` or `]:` are parsed for links.
    @Test func mostBodiesHoldNoLinks() {
        func may(_ s: String) -> Bool { Array(s.utf8).withUnsafeBufferPointer { LocalLinkNodes.mayHoldLinks($0) } }
        #expect(!may("plain [bracketed] words, and a last ]"))
        #expect(may("an [inline](x.png) link") && may("[ref]: x.png") && !may(""))
    }

    /// The rendered body links into the site; the page's key changes with the article's folder
    /// when it has local links (where they lead depends on it), and not otherwise.
    @Test func theBodyLinksIntoTheSiteAndTheKeyFollowsTheFolder() throws {
        let text = "date 2024-01-02 See ![the bridge](photos/bridge.png) and [the story](other.txt#q).\n"
        let html = MarkdownRenderer().render(try article(text, path: "t.txt"))
        #expect(html.contains("<img src=\"../../files/photos/bridge.png\" alt=\"the bridge\" />"))
        #expect(html.contains("<a href=\"../other/index.html#q\">the story</a>"))
        #expect(try article(text, path: "t.txt").digests != article(text, path: "sub/t.txt").digests)
        let plain = "date 2024-01-02 No links here.\n"
        #expect(try article(plain, path: "t.txt").digests == article(plain, path: "sub/t.txt").digests)
    }
}
