import Ccmark
#if canImport(Glibc)
import Glibc
#endif

/// The link and image nodes of an article's body that name a file of the source folder
/// (`LocalLink`): found when the article is parsed, made to point into the site when its page is.
enum LocalLinkNodes {
    /// The local links of a body, in order. A body with no `](` and no `]:` (a link's
    /// destination or a reference's definition), as almost every news article, is not parsed.
    static func find(source: [UInt8], body: Range<Int>, format: ArticleFormat, path: String) -> [LocalLink] {
        guard source.withUnsafeBufferPointer({ mayHoldLinks(UnsafeBufferPointer(rebasing: $0[body])) }) else { return [] }
        guard let document = MarkdownRenderer.parse(Array(source[body]), format: format) else { return [] }
        defer { cmark_node_free(document) }
        // The body's first line is the file's line after the line feeds before it.
        let firstLine = source[..<body.lowerBound].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        var links: [LocalLink] = []
        forEachLink(in: document) { node, url in
            guard let target = LocalLink.target(of: url, from: path) else { return }
            links.append(LocalLink(target: target, line: firstLine + line(of: node) - 1))
        }
        return links
    }

    /// Points each local link of a parsed body (of the article at `path`) into the site (`LocalLink.href`).
    static func rewrite(_ document: OpaquePointer, from path: String) {
        forEachLink(in: document) { node, url in
            guard let (target, suffix) = LocalLink.resolve(url, from: path) else { return }
            _ = cmark_node_set_url(node, href(to: target, suffix: suffix))
        }
    }

    /// A local link as the article's page (`articles/<id>/index.html`) gives it: `../<id>/index.html`
    /// for an article file, `../../files/<target>` for any other, each part percent-encoded.
    static func href(to target: String, suffix: String) -> String {
        if ArticleParser.isArticlePath(target) {
            return Links.up1 + HTML.pathSegment(ArticleParser.id(forPath: target)) + "/index.html" + suffix
        }
        return Links.up2 + LinkedFiles.folder + "/" + target.split(separator: "/").map { HTML.pathSegment(String($0)) }.joined(separator: "/") + suffix
    }

    /// Calls `body` with every link and image node and its destination (as cmark read it:
    /// backslash escapes and entities resolved; a reference link with its definition's).
    private static func forEachLink(in document: OpaquePointer, _ body: (OpaquePointer, String) -> Void) {
        guard let iter = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iter) }
        var nodes: [OpaquePointer] = []
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iter) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE { nodes.append(node) }
        }
        // Called after the walk: `body` may change a node's destination.
        for node in nodes {
            guard let url = cmark_node_get_url(node) else { continue }
            body(node, String(cString: url))
        }
    }

    /// The line (1-based, in the parsed body) a node starts on: its own, or its nearest block's
    /// (cmark gives some inline nodes none).
    private static func line(of node: OpaquePointer) -> Int {
        var n: OpaquePointer? = node
        while let current = n {
            let line = Int(cmark_node_get_start_line(current))
            if line > 0 { return line }
            n = cmark_node_parent(current)
        }
        return 1
    }

    /// Whether `body` holds `](` or `]:`: what every inline link, image and reference definition has.
    static func mayHoldLinks(_ body: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = body.baseAddress else { return false }
        var at = 0
        while at < body.count, let hit = memchr(base + at, 0x5D, body.count - at) {
            let next = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
            if next < body.count && (body[next] == 0x28 || body[next] == 0x3A) { return true }
            at = next
        }
        return false
    }
}
