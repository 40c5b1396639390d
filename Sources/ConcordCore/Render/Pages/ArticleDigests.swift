/// What pages show of an article besides its own page, digested for page keys: `listed`,
/// what lists of articles show (its bytes' checksum, title, date, credits); `named`, what
/// links to it show (its id, title and date). Made with the article, while its fields are
/// fresh in the cache: the site model took 50 ms at 100,000 articles to make them at every
/// build from objects scattered in memory.
struct ArticleDigests: Sendable, Equatable {
    let listed: UInt64, named: UInt64

    init(listed: UInt64, named: UInt64) { self.listed = listed; self.named = named }

    /// - Parameter linksFrom: the article's path, when its body has local links: where they
    ///   lead depends on its folder as well as its bytes (`LocalLink.resolve`).
    init(id: String, title: String, date: ArticleDate, credits: [String], contentHash: UInt64, linksFrom path: String? = nil) {
        var listed = PageKey(seed: contentHash)
        listed.add(title); listed.add(date)
        listed.add(UInt64(credits.count)); for c in credits { listed.add(c) }
        if let path { listed.add(path) }
        var named = PageKey(seed: 1)
        named.add(id); named.add(title); named.add(date)
        self.listed = listed.value; self.named = named.value
    }
}
