/// Relative links between pages. Every page lives at `<section>/<name>/index.html`
/// (or the root), so links name `index.html` explicitly and work from `file://` too.
enum Links {
    static func article(_ id: String) -> String { "articles/\(HTML.pathSegment(id))/index.html" }
    static func passage(_ id: String) -> String { "passages/\(HTML.pathSegment(id))/index.html" }
    static func speaker(_ slug: String) -> String { "speakers/\(HTML.pathSegment(slug))/index.html" }
    static let speakers = "speakers/index.html"
    static let passages = "passages/index.html"
    /// Prefix from a page at depth 2 (`articles/x/`) back to the root.
    static let up2 = "../../"
    static let up1 = "../"
}
