/// Every file a build makes, in the order the manifest lists them: the pages (the site's page
/// order, fixed by the input), then `annotations.json`, the assets and the linked files.
///
/// Pages are given by position, with their `PathHash`es and the manifest's lines for them as
/// the renderer made them (`SiteRenderer.pathLines`); a page's path is made as a string only
/// where one is wanted (a page removed, a site's first build).
struct SiteFileList {
    private let pageHashes: [UInt64]
    private let pageLines: [[UInt8]]
    private let pagePath: (Int) -> String
    private let others: [String]

    /// - Parameters:
    ///   - pageHashes: each page's path's `PathHash`, in page order.
    ///   - pageLines: the pages' paths, each followed by a newline, in page order, in pieces.
    ///   - pagePath: the path of the page at a position.
    ///   - others: the files after the pages, by path.
    init(pageHashes: [UInt64], pageLines: [[UInt8]], pagePath: @escaping (Int) -> String, others: [String]) {
        self.pageHashes = pageHashes; self.pageLines = pageLines; self.pagePath = pagePath; self.others = others
    }

    /// Files given by path alone.
    init(_ paths: [String]) { self.init(pageHashes: [], pageLines: [], pagePath: { _ in "" }, others: paths) }

    var count: Int { pageHashes.count + others.count }

    /// The `PathHash` of the file at `i`.
    func hash(at i: Int) -> UInt64 { i < pageHashes.count ? pageHashes[i] : PathHash.of(others[i - pageHashes.count]) }

    /// The path of the file at `i`.
    func path(at i: Int) -> String { i < pageHashes.count ? pagePath(i) : others[i - pageHashes.count] }

    /// Every path, as strings.
    var paths: [String] { (0..<count).map(path(at:)) }

    /// `body` given the manifest of every file (`manifest(of: nil)`) in pieces where they lie:
    /// the pages' lines as the renderer made them, then the other files' (112,000 lines, 5 MB at
    /// 100,000 articles, put together into one array at every build, then compared with the
    /// file read into another: 4–7 ms, most of it the two arrays' first touch).
    func withManifestPieces<R>(_ body: ([UnsafeRawBufferPointer]) -> R) -> R {
        let tail = Array(others.joined(separator: "\n").utf8)
        // The last line has no newline: the pages' last one goes when no other file follows.
        var lines = pageLines
        if others.isEmpty, let last = lines.lastIndex(where: { !$0.isEmpty }) { lines[last].removeLast() }
        return withBytes(of: lines + [tail], body)
    }

    /// The manifest of the files at `kept` (positions, in order), or of every file (nil): their
    /// paths, one per line, with no newline after the last. Every file's is put together from
    /// the pages' lines as they are.
    func manifest(of kept: [Int]?) -> [UInt8] {
        var bytes: [UInt8] = []
        if let kept {
            for (k, i) in kept.enumerated() {
                if k > 0 { bytes.append(0x0A) }
                bytes.append(contentsOf: path(at: i).utf8)
            }
            return bytes
        }
        bytes.reserveCapacity(pageLines.reduce(0) { $0 + $1.count } + others.reduce(0) { $0 + $1.utf8.count + 1 })
        for lines in pageLines { bytes.append(contentsOf: lines) }
        for path in others { bytes.append(contentsOf: path.utf8); bytes.append(0x0A) }
        if bytes.last == 0x0A { bytes.removeLast() }
        return bytes
    }
}
