/// A span of an article's source to wrap in markup when its body is rendered.
///
/// `open`/`close` wrap every rendered piece of the span (a span may cross
/// paragraphs and inline markup, so it may be cut into several pieces);
/// `lead` is emitted once, before the first piece (a speaker label, an anchor).
/// All three are trusted HTML built by Concord: escape anything from an article.
public struct Highlight: Sendable {
    public var range: Range<Int>
    public var open: String
    public var close: String
    public var firstOpen: String?
    public var lead: String
    /// The id `firstOpen` gives the span (escaped), for an anchor where its text lies only in
    /// code blocks or in raw HTML the page leaves out (`HighlightWeaver`).
    public var anchor: String?
    /// Lower layers nest inside higher ones where spans overlap.
    public var layer: Int

    public init(range: Range<Int>, open: String, close: String, firstOpen: String? = nil, lead: String = "", anchor: String? = nil, layer: Int) {
        self.range = range; self.open = open; self.close = close; self.firstOpen = firstOpen
        self.lead = lead; self.anchor = anchor; self.layer = layer
    }
}
