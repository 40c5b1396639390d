/// Some of the archive's quotes, in a given order, as positions into the one array of all
/// quotes: an article's quotes, a speaker's. The site model groups 100,000 quotes twice at
/// every build; copying them into arrays of their own (each copy retaining half a dozen
/// strings, into fresh memory) took most of that.
public struct QuoteSelection: RandomAccessCollection, Sendable {
    private let all: SharedQuotes
    private let picked: ArraySlice<Int32>

    init(_ all: QuoteTable, _ picked: ArraySlice<Int32>) { self.init(SharedQuotes(all), picked) }
    fileprivate init(_ all: SharedQuotes, _ picked: ArraySlice<Int32>) { self.all = all; self.picked = picked }

    public var startIndex: Int { 0 }
    public var endIndex: Int { picked.count }
    public subscript(position: Int) -> Quote { all.table[Int(picked[picked.startIndex + position])] }

    /// Where each quote picked is in the array it was picked from, in order.
    var positions: ArraySlice<Int32> { picked }

    /// The positions of quotes grouped by `groups` (each quote's group, -1 for none) into
    /// `count` groups, each in quote order, all in one array (`Buckets`: no array per group).
    static func positions(of groups: [Int32], count: Int) -> Buckets<Int32> {
        Buckets(count: count, groups.indices.lazy.filter { groups[$0] >= 0 }.map { (bucket: Int(groups[$0]), item: Int32($0)) })
    }
}

/// Quotes grouped (an article's), each group a `QuoteSelection` made when asked for: groups
/// kept as one `Buckets` of positions, not as 100,000 selections each retaining the quotes.
public struct QuoteGroups: RandomAccessCollection, Sendable {
    private let all: SharedQuotes
    private let groups: Buckets<Int32>

    init(_ all: QuoteTable, _ groups: Buckets<Int32>) { self.all = SharedQuotes(all); self.groups = groups }

    public var startIndex: Int { 0 }
    public var endIndex: Int { groups.count }
    public subscript(group: Int) -> QuoteSelection { QuoteSelection(all, groups[group]) }
}

/// The quotes a selection picks from, held by reference: a `QuoteTable` copied into each
/// selection made (one per article asked for) retains each of its arrays.
private final class SharedQuotes: Sendable {
    let table: QuoteTable
    init(_ table: QuoteTable) { self.table = table }
}
