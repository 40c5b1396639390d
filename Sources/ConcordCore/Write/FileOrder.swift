/// Every file a build makes, in the order the output folder's manifest lists them, with
/// each path made only when asked for.
///
/// An incremental build writes a handful of pages, yet pruning and the manifest go through
/// every file. Made as 112,000 strings up front at 100,000 articles, the paths took 20–27 ms
/// of every build; the manifest takes their bytes straight from the pages' ids and slugs
/// (`append`), and the strings are made only where a folder of the site is a link, or when
/// a site's first generation is linked (`LinkedGeneration`).
struct FileOrder: Sendable {
    /// How many files.
    let count: Int
    /// The path of file `i`, relative to the output folder.
    let path: @Sendable (Int) -> String
    /// Appends the UTF-8 bytes of `path(i)` to `bytes`, without making the string.
    let append: @Sendable (Int, inout [UInt8]) -> Void

    /// Every path, in order.
    var paths: [String] { ParallelMap.map(Array(0..<count), chunk: 1024) { path($0) } }

    /// The paths, one per line (no newline after the last): the manifest. Put together by chunks on every core.
    var joined: [UInt8] {
        let chunk = 8192
        let parts = ParallelMap.map(Array(stride(from: 0, to: count, by: chunk)), chunk: 1) { start -> [UInt8] in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(48 * chunk)
            for i in start..<min(count, start + chunk) {
                if i > 0 { bytes.append(0x0A) }
                append(i, &bytes)
            }
            return bytes
        }
        var all: [UInt8] = []
        all.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts { all += part }
        return all
    }

    /// The files of `paths`, as they are.
    init(_ paths: [String]) {
        count = paths.count
        path = { paths[$0] }
        append = { i, bytes in bytes += paths[i].utf8 }
    }

    init(count: Int, path: @escaping @Sendable (Int) -> String, append: @escaping @Sendable (Int, inout [UInt8]) -> Void) {
        self.count = count; self.path = path; self.append = append
    }

    /// These files, then `more`.
    func followed(by more: [String]) -> FileOrder {
        let first = self
        return FileOrder(count: count + more.count,
                         path: { $0 < first.count ? first.path($0) : more[$0 - first.count] },
                         append: { i, bytes in if i < first.count { first.append(i, &bytes) } else { bytes += more[i - first.count].utf8 } })
    }
}
