/// The site's articles newest first (`SiteModel.articles`): a view of the articles as the
/// model was given them (in id order by a build) through their order, not an array of its own. Such an array
/// retained each of 100,000 objects, scattered in memory, at every build (4–5 ms of an add at
/// 100,000 articles), and released them at its end.
public struct NewestFirstArticles: RandomAccessCollection, Sendable {
    /// The articles as given, and the position there of each one, newest first (the order the
    /// build cache keeps as it is: `BuildState.newestFirst`).
    let given: [Article]
    let order: [Int32]

    public var startIndex: Int { 0 }
    public var endIndex: Int { order.count }
    public subscript(position: Int) -> Article { given[Int(order[position])] }
}
