#if canImport(Glibc)
import Glibc
#endif

/// The files of the source folder that the articles link to (`LocalLink`s that are not
/// articles: images, PDFs, …), each with its stamp as this build found it, and a warning for
/// every local link that does not work on the page: one to no such file or to no article of the
/// archive, one that `..` takes out of the source folder, one to a file whose place a templates'
/// asset takes.
///
/// The files are copied into the site under `files/` at their path in the source folder. A
/// build that finds a file with the stamp the last build recorded takes its checksum from the
/// cache rather than reading it, and the stamps are part of the key that tells a build that
/// nothing changed (`key`): the files are `stat`ed at every build, as the articles are.
struct LinkedFiles: Sendable {
    /// A linked file and its stamp: `missing` where there is no file (or a folder), nil where
    /// the stamp is not settled (`FileStamp.isSettled`) and so vouches for nothing.
    struct Entry: Sendable, Equatable {
        var target: String
        var stamp: FileStamp?
        var isPresent: Bool { stamp != LinkedFiles.missing }
        /// Where the site keeps its copy.
        var sitePath: String { LinkedFiles.folder + "/" + target }
    }

    /// Where the site keeps the copies, at their paths in the source folder.
    static let folder = "files"

    /// The stamp of a target that is not a file of the source folder.
    static let missing = FileStamp(size: -2, modified: 0, changed: 0, inode: 0)

    /// The linked files, sorted by target, each once.
    let entries: [Entry]
    /// One per local link that leads nowhere, in article order.
    let warnings: [Diagnostic]

    /// The entries for `targets` (sorted, unique) as they are now.
    init(targets: [String], folder: String, now: Int) {
        entries = zip(targets, Self.stamps(of: targets, in: folder, now: now)).map { Entry(target: $0, stamp: $1) }
        warnings = []
    }

    /// The files the local links of `articles` (in id order: the build's) lead to, and the
    /// links that do not work on the page (to no file, out of the source folder, to an asset's
    /// place). Only the few articles with local links are looked at closely.
    /// - Parameter known: entries `stat`ed at `now` already (the last build's targets, which the
    ///   check for changes `stat`s): not `stat`ed again.
    /// - Parameter assets: the templates' assets (paths in the site). A file whose copy would
    ///   lie at an asset's path is not copied: the asset is part of every page's frame (a logo
    ///   under `files/`), and a link to the file is warned of.
    init(articles: [Article], folder: String, now: Int, known: [Entry] = [], assets: [String] = []) {
        var targets = Set<String>()
        var links: [(article: Article, link: LocalLink)] = []
        let prefix = Self.folder + "/"
        let taken = Set(assets.lazy.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) })
        for article in articles where !article.localLinks.isEmpty {
            for link in article.localLinks {
                links.append((article, link))
                if !link.isArticle && !link.isOutside && !taken.contains(link.target) { targets.insert(link.target) }
            }
        }
        let sorted = targets.sorted().map { Entry(target: $0, stamp: nil) }
        let found = Self.matched(sorted, in: known)
        var entries = zip(sorted, found).map { $1 ?? $0 }
        let unknown = found.indices.filter { found[$0] == nil }
        for (i, stamp) in zip(unknown, Self.stamps(of: unknown.map { entries[$0].target }, in: folder, now: now)) { entries[i].stamp = stamp }
        self.init(entries: entries, links: links, articles: articles, taken: taken)
    }

    /// For each of `entries`, the entry of `earlier` with its target, if any: both in order of
    /// their targets, found by a merge (no table of every target).
    static func matched(_ entries: [Entry], in earlier: [Entry]) -> [Entry?] {
        var k = 0
        return entries.map { e in
            while k < earlier.count && earlier[k].target < e.target { k += 1 }
            return k < earlier.count && earlier[k].target == e.target ? earlier[k] : nil
        }
    }

    private init(entries: [Entry], links: [(article: Article, link: LocalLink)], articles: [Article], taken: Set<String>) {
        self.entries = entries
        // Each link's file found in the sorted entries by binary search (no table of every target).
        let targets = entries.lazy.map(\.target)
        func isPresent(_ target: String) -> Bool {
            let at = targets.sortedPosition(of: target)
            return at < entries.count && entries[at].target == target && entries[at].isPresent
        }
        warnings = links.compactMap { article, link in
            let target = link.target
            if link.isOutside {
                return Diagnostic(path: article.path, line: link.line, severity: .warning,
                                  message: "links to '\(target)', outside the source folder: nothing is copied from there, and the link is left as written, where the site holds no such file")
            }
            if link.isArticle {
                guard !Self.builds(target, articles) else { return nil }
                return Diagnostic(path: article.path, line: link.line, severity: .warning,
                                  message: "links to '\(target)', which is not an article of this archive: the link is broken on the page")
            }
            if taken.contains(target) {
                return Diagnostic(path: article.path, line: link.line, severity: .warning,
                                  message: "links to '\(target)', whose place in the site ('\(Self.folder)/\(target)') the templates' asset of that path takes: the page shows the asset; rename one of them")
            }
            guard !isPresent(target) else { return nil }
            let hidden = Self.isHidden(target)
            return Diagnostic(path: article.path, line: link.line, severity: .warning,
                              message: "links to '\(target)', " + (hidden ? "a hidden file, which is not copied into the site"
                                                                        : "which is not a file of the source folder") + ": the link is broken on the page")
        }
    }

    /// Whether the article file at `path` is one of `articles` (sorted by id).
    private static func builds(_ path: String, _ articles: [Article]) -> Bool {
        let id = ArticleParser.id(forPath: path), at = articles.lazy.map(\.id).sortedPosition(of: id)
        return at < articles.count && articles[at].id == id && articles[at].path == path
    }

    /// The stamp of the file at `target` (following links, as the sources' listing does);
    /// `missing` for no regular file, or one in a hidden folder or hidden itself (never read).
    static func stamp(of target: String, in folder: String, now: Int) -> FileStamp? {
        stamps(of: [target], in: folder, now: now)[0]
    }

    /// The same for many, looked up from the folder's open descriptor on every core: an archive
    /// with a photo for each of its 10,000 articles has 10,000 to `stat` at every build (15–22 ms
    /// of the thread they are found on, beside the annotation).
    static func stamps(of targets: [String], in folder: String, now: Int) -> [FileStamp?] {
        let fd = open(folder, O_RDONLY | O_CLOEXEC | O_DIRECTORY)
        defer { if fd >= 0 { close(fd) } }
        return ParallelMap.map(targets, chunk: 256) { target -> FileStamp? in
            var st = stat()
            guard fd >= 0, !isHidden(target), fstatat(fd, target, &st, 0) == 0, st.st_mode & S_IFMT == S_IFREG else { return missing }
            let stamp = FileStamp(st)
            return stamp.isSettled(now: now) ? stamp : nil
        }
    }

    /// Whether a path (relative, resolved) is hidden or lies in a hidden folder: never read.
    static func isHidden(_ target: String) -> Bool { target.hasPrefix(".") || target.contains("/.") }

    /// The key of the sources' stamps (`BuildState.sourcesKey`) and these files' stamps: equal
    /// keys, nothing changed. 0 (no key) when either has no key.
    static func key(_ sourcesKey: UInt64, _ entries: [Entry]) -> UInt64 {
        guard sourcesKey != 0, !entries.isEmpty else { return sourcesKey }
        var key = PageKey(seed: sourcesKey)
        for e in entries {
            guard let st = e.stamp else { return 0 }
            key.add(e.target); key.add(st)
        }
        return max(1, key.value)
    }
}
