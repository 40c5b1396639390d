/// The full names one article spells out (`NameBook.fullNames`), in order, kept
/// as one string with a line break between names.
///
/// The build cache holds one of these per article and an incremental build reads
/// every article's: one string each instead of one per name took 10–15 ms off the
/// parse stage of an add at 10,000 generated articles.
struct FullNames: Sendable, Equatable {
    /// The names joined by "\n" (names never hold a line break: they are words of one line).
    let joined: String

    init(_ names: [String]) { joined = names.joined(separator: "\n") }

    init(joined: String) { self.joined = joined }

    /// The names, as slices of `joined` (no copy).
    var names: [Substring] { joined.isEmpty ? [] : joined.split(separator: "\n", omittingEmptySubsequences: false) }
}
