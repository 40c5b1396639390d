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
        let byStart = ByStart(highlights)
        var lines: CodeRanges.LineStarts? = nil        // made at the first block: most bodies have none
        // Text no mark can show (code blocks, raw HTML, which the page leaves out, and images'
        // descriptions), where it is in the body, and the node an anchor for it goes before.
        var unmarkable: [(node: OpaquePointer, range: Range<Int>, block: Bool)] = []
        for node in Self.textNodes(of: document) {
            let type = cmark_node_get_type(node)
            let literal = cmark_node_get_literal(node).map { Array(String(cString: $0).utf8) } ?? []
            let map = locator.locate(literal)
            if type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_BLOCK {
                // A block is placed by its lines, which cmark reports exactly (an indented block's literal is not its source).
                if lines == nil { lines = CodeRanges.LineStarts(body) }
                if let r = lines!.range(cmark_node_get_start_line(node), cmark_node_get_end_line(node)) { unmarkable.append((node, r, true)) }
                continue
            }
            guard let map, let lo = map.first, let hi = map.last else { continue }
            let (image, link) = Self.enclosing(node)
            // An image's description becomes its `alt` text, where cmark writes no markup: a
            // span is marked, and anchored, where the page shows it, or before the image. What
            // cannot be marked is anchored before the link it lies in, if any: an anchor (and
            // the lead's link) inside another link is not valid HTML.
            if image == nil && type == CMARK_NODE_TEXT {
                split(node, literal: literal, map: map, byStart: byStart, insideLink: link != nil, started: &started)
            } else if image == nil && type == CMARK_NODE_CODE {
                wrapWhole(node, lo..<max(lo + 1, hi), byStart: byStart, insideLink: link != nil, started: &started)
            } else {
                unmarkable.append((link ?? image ?? node, lo..<max(lo + 1, hi), false))
            }
        }
        // A span whose text lies only in code blocks, left-out HTML or images' descriptions still
        // gets its anchor (and its lead), before the first such place it reaches: the passage and
        // speaker pages link there.
        for (i, h) in highlights.enumerated() where !started.contains(i) {
            guard let anchor = h.anchor, let at = unmarkable.first(where: { $0.range.overlaps(h.range) }) else { continue }
            started.insert(i)
            let html = "<a id=\"\(anchor)\"></a>" + h.lead
            let node = cmark_node_new(at.block ? CMARK_NODE_CUSTOM_BLOCK : CMARK_NODE_CUSTOM_INLINE)!
            cmark_node_set_on_enter(node, at.block ? "<p class=\"code-tags\">" + html + "</p>" : html)
            cmark_node_insert_before(at.node, node)
        }
    }

    /// Wraps a code span that highlights overlap in each of them, whole (its text cannot be cut).
    private func wrapWhole(_ node: OpaquePointer, _ range: Range<Int>, byStart: ByStart, insideLink: Bool, started: inout Set<Int>) {
        let touching = byStart.overlapping(range, highlights)
        guard !touching.isEmpty else { return }
        let place = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!      // holds the code span's place while it is wrapped
        cmark_node_insert_before(node, place)
        cmark_node_unlink(node)
        let piece = wrap(node, in: Self.covering([range], among: touching, highlights)[0], insideLink: insideLink, started: &started)
        cmark_node_insert_before(place, piece)
        cmark_node_unlink(place)
        cmark_node_free(place)
    }

    /// Text, code and HTML nodes in document order (all advance the locator; `CodeRanges` walks them the same way).
    static func textNodes(of document: OpaquePointer) -> [OpaquePointer] {
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

    /// The image whose description `node` is part of, and the outermost link it lies in (nil
    /// for none): one walk up the tree.
    private static func enclosing(_ node: OpaquePointer) -> (image: OpaquePointer?, link: OpaquePointer?) {
        var image: OpaquePointer? = nil, link: OpaquePointer? = nil
        var p = cmark_node_parent(node)
        while let n = p {
            let type = cmark_node_get_type(n)
            if type == CMARK_NODE_IMAGE && image == nil { image = n } else if type == CMARK_NODE_LINK { link = n }
            p = cmark_node_parent(n)
        }
        return (image, link)
    }

    /// Replaces `node` by pieces cut at highlight boundaries.
    private func split(_ node: OpaquePointer, literal: [UInt8], map: [Int], byStart: ByStart, insideLink: Bool,
                       started: inout Set<Int>) {
        let lo = map.first!, hi = map.last!
        let touching = byStart.overlapping(lo..<hi, highlights)
        guard !touching.isEmpty else { return }
        // Literal cut points: every highlight edge that falls inside this node.
        var cuts = Set([0, literal.count])
        for i in touching {
            for edge in [highlights[i].range.lowerBound, highlights[i].range.upperBound] where edge > lo && edge < hi {
                // First literal index whose source offset reaches the edge (the offsets increase),
                // kept on a UTF-8 boundary.
                var k = map.sortedPosition(of: edge)
                if k < map.count {
                    while k < literal.count, literal[k] & 0xC0 == 0x80 { k += 1 }
                    cuts.insert(k)
                }
            }
        }
        let points = cuts.sorted()
        let pieces = zip(points, points.dropFirst()).filter { $0 < $1 }
        let covers = Self.covering(pieces.map { map[$0.0]..<max(map[$0.0] + 1, map[$0.1]) }, among: touching, highlights)
        for ((a, b), covering) in zip(pieces, covers) {
            cmark_node_insert_before(node, wrap(makeText(Array(literal[a..<b])), in: covering, insideLink: insideLink, started: &started))
        }
        cmark_node_unlink(node)
        cmark_node_free(node)
    }

    /// `piece` wrapped in each of the highlights `covering` it (outermost first): a highlight's
    /// first piece opens with its `firstOpen` and, outside a link, its `lead`.
    private func wrap(_ piece: OpaquePointer, in covering: [Int], insideLink: Bool, started: inout Set<Int>) -> OpaquePointer {
        var piece = piece
        for i in covering.reversed() {
            let h = highlights[i]
            let first = started.insert(i).inserted
            var enter = first ? (h.firstOpen ?? h.open) : h.open
            if first && !insideLink { enter += h.lead }
            piece = wrap(piece, enter: enter, exit: h.close)
        }
        return piece
    }

    /// For each piece (source ranges in order, starts and ends only growing), the highlights
    /// among `touching` that overlap it, outermost first (highest layer, then last index). A
    /// sweep: the highlights begun before a piece ends, less those ended before it starts. (A
    /// long paragraph is one text node with thousands of highlights: testing each at every
    /// piece was quadratic, 3 s for a paragraph of 8.5 MB.)
    static func covering(_ pieces: [Range<Int>], among touching: [Int], _ highlights: [Highlight]) -> [[Int]] {
        let byStart = touching.sorted { (highlights[$0].range.lowerBound, $0) < (highlights[$1].range.lowerBound, $1) }
        var next = 0
        var active: [Int] = []
        return pieces.map { piece in
            while next < byStart.count && highlights[byStart[next]].range.lowerBound < piece.upperBound {
                active.append(byStart[next]); next += 1
            }
            active.removeAll { highlights[$0].range.upperBound <= piece.lowerBound }
            return active.filter { highlights[$0].range.overlaps(piece) }
                .sorted { (highlights[$0].layer, $0) > (highlights[$1].layer, $1) }
        }
    }

    /// The highlights by start, with the furthest end among each and those before it: those a
    /// text node overlaps are found by a search, not by testing every highlight at every node
    /// (30,000 quotes in one article of 8.5 MB: its page took 1.4 s).
    struct ByStart {
        private let order: [Int]      // highlight indices, by start
        private let reach: [Int]      // reach[k]: the largest end among order[0...k]

        init(_ highlights: [Highlight]) {
            order = highlights.indices.sorted { highlights[$0].range.lowerBound < highlights[$1].range.lowerBound }
            var furthest = Int.min
            reach = order.map { furthest = max(furthest, highlights[$0].range.upperBound); return furthest }
        }

        /// Indices of the highlights overlapping `range`, ascending.
        func overlapping(_ range: Range<Int>, _ highlights: [Highlight]) -> [Int] {
            var a = 0, b = order.count       // the first in `order` starting at or after the range's end
            while a < b { let m = (a + b) / 2; if highlights[order[m]].range.lowerBound < range.upperBound { a = m + 1 } else { b = m } }
            var result: [Int] = []
            var k = a - 1
            while k >= 0 && reach[k] > range.lowerBound {
                if highlights[order[k]].range.overlaps(range) { result.append(order[k]) }
                k -= 1
            }
            return result.sorted()
        }
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
