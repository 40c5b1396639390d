import Ccmark
#if canImport(Glibc)
import Glibc
#endif

/// Splits a cmark tree's text nodes at highlight boundaries and wraps the pieces.
struct HighlightWeaver {
    let body: [UInt8]
    let highlights: [Highlight]

    func weave(into document: OpaquePointer) {
        var locator = SourceLocator(source: body)
        var started = Set<Int>()
        for node in textNodes(of: document) {
            let type = cmark_node_get_type(node)
            let literal = cmark_node_get_literal(node).map { Array(String(cString: $0).utf8) } ?? []
            guard let map = locator.locate(literal) else { continue }
            guard type == CMARK_NODE_TEXT else { continue }
            split(node, literal: literal, map: map, insideLink: isInsideLink(node), started: &started)
        }
    }

    /// Text, code and inline-HTML nodes in document order (all advance the locator).
    private func textNodes(of document: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        guard let iter = cmark_iter_new(document) else { return [] }
        defer { cmark_iter_free(iter) }
        while true {
            let event = cmark_iter_next(iter)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iter) else { continue }
            let t = cmark_node_get_type(node)
            if t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE || t == CMARK_NODE_HTML_INLINE
                || t == CMARK_NODE_CODE_BLOCK || t == CMARK_NODE_HTML_BLOCK {
                result.append(node)
            }
        }
        return result
    }

    private func isInsideLink(_ node: OpaquePointer) -> Bool {
        var p = cmark_node_parent(node)
        while let n = p {
            if cmark_node_get_type(n) == CMARK_NODE_LINK || cmark_node_get_type(n) == CMARK_NODE_IMAGE { return true }
            p = cmark_node_parent(n)
        }
        return false
    }

    /// Replaces `node` by pieces cut at highlight boundaries.
    private func split(_ node: OpaquePointer, literal: [UInt8], map: [Int], insideLink: Bool, started: inout Set<Int>) {
        let lo = map.first!, hi = map.last!
        let touching = highlights.indices.filter { highlights[$0].range.overlaps(lo..<hi) }
        guard !touching.isEmpty else { return }
        // Literal cut points: every highlight edge that falls inside this node.
        var cuts = Set([0, literal.count])
        for i in touching {
            for edge in [highlights[i].range.lowerBound, highlights[i].range.upperBound] where edge > lo && edge < hi {
                // First literal index whose source offset reaches the edge, kept on a UTF-8 boundary.
                if var k = map.firstIndex(where: { $0 >= edge }) {
                    while k < literal.count, literal[k] & 0xC0 == 0x80 { k += 1 }
                    cuts.insert(k)
                }
            }
        }
        let points = cuts.sorted()
        for (a, b) in zip(points, points.dropFirst()) where a < b {
            let pieceRange = map[a]..<max(map[a] + 1, map[b])
            let covering = touching.filter { highlights[$0].range.overlaps(pieceRange) }
                .sorted { (highlights[$0].layer, $0) > (highlights[$1].layer, $1) }
            var piece = makeText(Array(literal[a..<b]))
            for i in covering.reversed() {
                let h = highlights[i]
                let first = started.insert(i).inserted
                var enter = first ? (h.firstOpen ?? h.open) : h.open
                if first && !insideLink { enter += h.lead }
                piece = wrap(piece, enter: enter, exit: h.close)
            }
            cmark_node_insert_before(node, piece)
        }
        cmark_node_unlink(node)
        cmark_node_free(node)
    }

    private func makeText(_ bytes: [UInt8]) -> OpaquePointer {
        let node = cmark_node_new(CMARK_NODE_TEXT)!
        cmark_node_set_literal(node, String(decoding: bytes, as: UTF8.self))
        return node
    }

    private func wrap(_ child: OpaquePointer, enter: String, exit: String) -> OpaquePointer {
        let node = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!
        cmark_node_set_on_enter(node, enter)
        cmark_node_set_on_exit(node, exit)
        cmark_node_append_child(node, child)
        return node
    }
}
