/// Some of the archive's quotes, in a given order, as positions into the one array of all
/// quotes: an article's quotes, a speaker's. The site model groups 100,000 quotes twice at
/// every build; copying them into arrays of their own (each copy retaining half a dozen
/// strings, into fresh memory) took most of that.
public struct QuoteSelection: RandomAccessCollection, Sendable {
    private let all: SharedQuotes
    /// The positions picked, or nil when they are `run` (an article's quotes, which lie together).
    private let picked: ArraySlice<Int32>?
    private let run: Range<Int>

    init(_ all: QuoteTable, _ picked: ArraySlice<Int32>) { self.init(SharedQuotes(all), picked) }
    fileprivate init(_ all: SharedQuotes, _ picked: ArraySlice<Int32>) { self.all = all; self.picked = picked; run = 0..<0 }
    fileprivate init(_ all: SharedQuotes, run: Range<Int>) { self.all = all; picked = nil; self.run = run }

    public var startIndex: Int { 0 }
    public var endIndex: Int { picked?.count ?? run.count }
    public subscript(position: Int) -> Quote {
        all.table[picked.map { Int($0[$0.startIndex + position]) } ?? run.lowerBound + position]
    }

    /// Where each quote picked is in the array it was picked from, in order.
    var positions: ArraySlice<Int32> { picked ?? ArraySlice(run.map { Int32($0) }) }

    /// The positions of quotes grouped by `groups` (each quote's group, -1 for none) into
    /// `count` groups, each in quote order, all in one array (`Buckets`: no array per group).
    static func positions(of groups: [Int32], count: Int) -> Buckets<Int32> {
        Buckets(count: count, groups.indices.lazy.filter { groups[$0] >= 0 }.map { (bucket: Int(groups[$0]), item: Int32($0)) })
    }
}

/// Quotes grouped (an article's), each group a `QuoteSelection` made when asked for: groups
/// kept as one `Buckets` of positions, or as runs of the quotes where each group's lie
/// together, not as 100,000 selections each retaining the quotes.
public struct QuoteGroups: RandomAccessCollection, Sendable {
    private let all: SharedQuotes
    private enum Groups: Sendable {
        case buckets(Buckets<Int32>)
        /// Group `g`'s quotes are positions `starts[order[g]]..<starts[order[g] + 1]`.
        case runs(starts: [Int], order: [Int32])
    }
    private let groups: Groups

    init(_ all: QuoteTable, _ groups: Buckets<Int32>) { self.all = SharedQuotes(all); self.groups = .buckets(groups) }

    /// Groups whose quotes lie together: group `g`'s are positions `starts[order[g]]..<starts[order[g] + 1]`.
    init(_ all: QuoteTable, runs starts: [Int], order: [Int32]) { self.all = SharedQuotes(all); groups = .runs(starts: starts, order: order) }

    /// Whether each group's quotes are a run of the quotes (for tests).
    var lieTogether: Bool { if case .runs = groups { true } else { false } }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch groups {
        case .buckets(let b): b.count
        case .runs(_, let order): order.count
        }
    }
    public subscript(group: Int) -> QuoteSelection {
        switch groups {
        case .buckets(let b): QuoteSelection(all, b[group])
        case .runs(let starts, let order): QuoteSelection(all, run: starts[Int(order[group])]..<starts[Int(order[group]) + 1])
        }
    }
}

/// The quotes a selection picks from, held by reference: a `QuoteTable` copied into each
/// selection made (one per article asked for) retains each of its arrays.
private final class SharedQuotes: Sendable {
    let table: QuoteTable
    init(_ table: QuoteTable) { self.table = table }
}
