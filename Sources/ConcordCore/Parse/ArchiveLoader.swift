import Foundation

/// Reads every article file in a source folder, in parallel, keeping going past bad files.
public struct ArchiveLoader: Sendable {
    public let sourceFolder: URL
    public let parser = ArticleParser()

    public init(sourceFolder: URL) { self.sourceFolder = sourceFolder }

    /// The parsed articles (sorted by id) and one diagnostic per file left out.
    public struct Result: Sendable {
        public var articles: [Article]
        public var diagnostics: [Diagnostic]
    }

    /// Article files under the source folder, as sorted relative paths.
    /// Hidden files and folders are skipped.
    public func articlePaths() throws(BuildFailure) -> [String] {
        Array(try articlePathList())
    }

    /// The same as one block of bytes (`PathList`), as every build lists them.
    func articlePathList() throws(BuildFailure) -> PathList { try walk().paths }

    /// What walking the source folder found.
    struct Walk {
        /// The article files, sorted as every build takes them.
        var paths: PathList
        /// Whether the folder holds a symbolic link.
        var sawLink: Bool
        /// The stamp of each folder walked (`FastFiles.listPaths`), by which the next build may
        /// take this listing again (`KeptListing`).
        var folders: [(path: String, stamp: FileStamp)]
        /// How many folders were read: the others' files were taken from the listing given
        /// (`walk(reusing:)`), which is this listing when none was read.
        var read: Int
        /// The same paths in the order the folders listed them, when every folder was read: what
        /// the listing kept for the next walk keeps of that order (`KeptListing.write`); else nil.
        var readOrder: PathList? = nil
    }

    /// Walks the source folder for its article files.
    /// - Parameter kept: the listing the last build kept (`KeptListing`): the files of each folder
    ///   it found with the stamp that folder has now are taken from it, not read again. A listing
    ///   that met a link is taken whole, when every folder has its stamp, or not at all.
    func walk(reusing kept: KeptListing? = nil) throws(BuildFailure) -> Walk {
        let source = sourceFolder.path
        if let kept, kept.sawLink {
            if kept.isCurrent(source: source), let paths = kept.paths { return Walk(paths: paths, sawLink: true, folders: kept.folders, read: 0) }
            return try walk(reusing: nil)
        }
        var isDir: ObjCBool = false, sawLink = false
        var folders: [(path: String, stamp: FileStamp)] = [], taken: [String] = []
        guard FileManager.default.fileExists(atPath: source, isDirectory: &isDir), isDir.boolValue,
              let files = FastFiles.listPaths(under: source, followingLinks: true, sawLink: &sawLink, folders: &folders,
                                              unchanged: kept?.unchangedFolders() ?? { _, _ in nil }, taken: &taken,
                                              reserving: kept?.size ?? (0, 0),
                                              keeping: ArticleParser.isArticlePath) else {
            let exists = FileManager.default.fileExists(atPath: source)
            throw BuildFailure(exists ? "source folder '\(source)' cannot be read" + (isDir.boolValue ? "" : ": it is not a folder")
                                      : "source folder '\(source)' does not exist (--source names the folder of articles)")
        }
        let read = folders.count - taken.count
        // The files of the folders read, in order: as the last walk that read them all found
        // them in order, where it can (`PathList.sorted(following:)`).
        let sortedFiles = kept?.withOrder { $0.map(files.sorted(following:)) } ?? files.sorted()
        guard let kept, !taken.isEmpty else {
            return Walk(paths: sortedFiles, sawLink: sawLink, folders: folders, read: read, readOrder: files)
        }
        // (None read: the listing as it was, not even filtered.)
        // (A kept listing whose paths do not make a list: the folder is walked again, reading every folder.)
        guard let paths = read == 0 && folders.count == kept.folders.count ? kept.paths : kept.paths(takingFilesOf: taken, with: sortedFiles)
        else { return try walk(reusing: nil) }
        return Walk(paths: paths, sawLink: sawLink, folders: folders, read: read)
    }

    /// The article files with their stamps (`SourceListing`).
    /// - Parameter now: the wall-clock time before the first `stat` (see `FileStamp.isSettled`).
    func listing(now: Int) throws(BuildFailure) -> SourceListing {
        var hardLinks = false
        let walked = try walk()
        let stamps = FileStamp.of(walked.paths, in: sourceFolder.path, now: now, hardLinked: &hardLinks)
        return SourceListing(paths: walked.paths, stamps: stamps, hasLinks: walked.sawLink || hardLinks)
    }

    /// Of the files listed under a folder, the article files, in the order every build takes them.
    static func articleFiles(_ files: [String]) -> [String] { sorted(files.filter(ArticleParser.isArticlePath)) }

    /// Paths in the order every build takes them: `String`'s order, which holds two spellings
    /// of the same letters equal (NFC `é`, NFD `e` + U+0301: what macOS and Linux tools
    /// write), then their bytes. Sorted by `String` alone, the first of two such files (the
    /// one kept) was whichever the folder listed first, which a copy of the folder may change.
    /// (The sources' listing is sorted as one block of bytes, `PathList.sorted`, in this order;
    /// these are the few paths a change or an import adds, and listings that are not ASCII.)
    static func sorted(_ paths: [String]) -> [String] {
        var result = paths.sorted()
        var i = 1
        while i < result.count {
            guard !(result[i - 1] < result[i]) else { i += 1; continue }
            var end = i + 1
            while end < result.count && !(result[end - 1] < result[end]) { end += 1 }
            result[(i - 1)..<end].sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            i = end
        }
        return result
    }

    /// Parses the articles at `paths` (relative; by default every article file of the folder),
    /// keeping the first file of each id (`firstOfEachID`).
    public func load(paths given: [String]? = nil) throws(BuildFailure) -> Result {
        let paths: [String]
        if let given { paths = given } else { paths = try articlePaths() }
        let parsed = parse(paths)
        let (kept, duplicates) = Self.firstOfEachID(parsed.articles, increasing: Self.idsIncrease(parsed.articles), \.self)
        return Result(articles: kept, diagnostics: (parsed.diagnostics + duplicates).sorted { ($0.path, $0.line) < ($1.path, $1.line) })
    }

    /// Parses the articles at `paths`, in their order, ids not yet compared: an incremental
    /// build parses only some files, and which of them is a duplicate, and of which file,
    /// is decided among all of them (`ArchiveDelta`).
    func parse(_ paths: [String]) -> Result {
        let parsed = ParallelMap.map(paths) { path -> Swift.Result<Article, Diagnostic> in
            do throws(Diagnostic) { return .success(try parser.read(sourceFolder.path + "/" + path, path: path)) }
            catch { return .failure(error) }
        }
        var articles: [Article] = []
        var diagnostics: [Diagnostic] = []
        for result in parsed {
            switch result {
            case .success(let article): articles.append(article)
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        return Result(articles: articles, diagnostics: diagnostics)
    }

    /// Whether the articles' ids increase: checked on every core (at 100,000 articles a visit to
    /// each object took 20 ms on one), each article and id borrowed where it lies (through a
    /// closure, each was retained and released: 29 ms of CPU for ids of 40 bytes).
    static func idsIncrease(_ articles: [Article]) -> Bool {
        articles.withUnsafeBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            return ParallelMap.allSatisfy(max(0, buffer.count - 1)) { buffer[$0].id < buffer[$0 + 1].id }
        }
    }

    /// Of items in path order, the first one of each article id (the others are
    /// reported as duplicates), sorted by id: the rule of every load, full or incremental.
    /// - Parameter increasing: whether the items' ids increase (`idsIncrease`, asked of the articles
    ///   where their array holds them): ids usually increase with their paths, and then none
    ///   repeats and nothing moves.
    static func firstOfEachID<T>(_ items: [T], increasing: Bool, _ article: (T) -> Article) -> (kept: [T], duplicates: [Diagnostic]) {
        if increasing { return (items, []) }
        var seen: [String: String] = [:]
        seen.reserveCapacity(items.count)
        var kept: [T] = []
        kept.reserveCapacity(items.count)
        var duplicates: [Diagnostic] = []
        for item in items {
            let a = article(item)
            if let other = seen[a.id] {
                let sameBytes = ArticleParser.id(forPath: other).utf8.elementsEqual(a.id.utf8)
                duplicates.append(Diagnostic(path: a.path, line: 1,
                    message: "duplicate id '\(a.id)': '\(other)' has the same file name"
                        + (sameBytes ? "" : ", its letters written in another Unicode form (NFC or NFD)") + "; rename one of them"))
            } else {
                seen[a.id] = a.path
                kept.append(item)
            }
        }
        if zip(kept, kept.dropFirst()).contains(where: { article($0).id > article($1).id }) {
            kept.sort { article($0).id < article($1).id }
        }
        return (kept, duplicates)
    }
}
