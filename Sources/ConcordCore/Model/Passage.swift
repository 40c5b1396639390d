/// Text that several articles carry: one witness (contiguous copy) per place it stands.
public struct Passage: Sendable, Identifiable, Equatable {
    /// Stable across rebuilds of the same archive: derived from the earliest witness's text.
    public let id: String
    /// Sorted by date, article id, then offset: the first is the earliest appearance.
    public let witnesses: [Witness]

    public init(id: String, witnesses: [Witness]) { self.id = id; self.witnesses = witnesses }

    /// The distinct articles carrying the passage, in witness order.
    public var articleIDs: [String] {
        var seen = Set<String>()
        return witnesses.compactMap { seen.insert($0.article).inserted ? $0.article : nil }
    }
}

/// One article's copy of a passage: the bytes `start..<end` of its source file.
public struct Witness: Sendable, Equatable, Hashable {
    public let article: String
    public let start: Int
    public let end: Int

    public init(article: String, start: Int, end: Int) { self.article = article; self.start = start; self.end = end }
    public var range: Range<Int> { start..<end }
}
