/// Every file a build makes, in the order the output folder's manifest lists them: the
/// manifest's bytes, and each path made only when asked for.
///
/// An incremental build writes a handful of pages, yet pruning and the manifest go through
/// every file. Made as 112,000 strings at every build of 100,000 articles, the paths took
/// 20–27 ms, and were visited again to be hashed and joined; the manifest's lines are now
/// put together where the pages' path hashes are summed (`SiteRenderer.pathHashesAndLines`),
/// and the strings are made only where a folder of the site is a link, or when a site's first
/// generation is linked (`LinkedGeneration`).
struct FileOrder: Sendable {
    /// How many files.
    let count: Int
    /// The path of file `i`, relative to the output folder.
    let path: @Sendable (Int) -> String
    /// The paths, one per line (no newline after the last): the manifest.
    let joined: [UInt8]

    /// Every path, in order.
    var paths: [String] { ParallelMap.map(Array(0..<count), chunk: 1024) { path($0) } }

    /// The files of `paths`, as they are.
    init(_ paths: [String]) {
        count = paths.count
        path = { paths[$0] }
        var joined: [UInt8] = []
        joined.reserveCapacity(paths.reduce(0) { $0 + $1.utf8.count + 1 })
        for (k, p) in paths.enumerated() {
            if k > 0 { joined.append(0x0A) }
            joined += p.utf8
        }
        self.joined = joined
    }

    /// `count` files, `joined` their lines (as `joined` above), `path` each one's path.
    init(count: Int, joined: [UInt8], path: @escaping @Sendable (Int) -> String) {
        self.count = count; self.joined = joined; self.path = path
    }

    /// These files, then `more`.
    func followed(by more: [String]) -> FileOrder {
        let first = self, rest = FileOrder(more)
        var joined = self.joined
        if count > 0 && !more.isEmpty { joined.append(0x0A) }
        joined += rest.joined
        return FileOrder(count: count + more.count, joined: joined) { $0 < first.count ? first.path($0) : more[$0 - first.count] }
    }
}
