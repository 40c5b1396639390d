#if canImport(Glibc)
import Glibc
#endif

/// The files of the source folder that the articles link to (`LocalLink`s that are not
/// articles: images, PDFs, …), each with its stamp as this build found it, and a warning for
/// every local link that leads to no such file or to no article of the archive.
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
        var sitePath: String { LocalLink.filesFolder + "/" + target }
    }

    /// The stamp of a target that is not a file of the source folder.
    static let missing = FileStamp(size: -2, modified: 0, changed: 0, inode: 0)

    /// The linked files, sorted by target, each once.
    let entries: [Entry]
    /// One per local link that leads nowhere, in article order.
    let warnings: [Diagnostic]

    /// The entries for `targets` (sorted, unique) as they are now.
    init(targets: [String], folder: String, now: Int) {
        entries = targets.map { Entry(target: $0, stamp: Self.stamp(of: $0, in: folder, now: now)) }
        warnings = []
    }

    /// The files the local links of `articles` (in id order: the build's) lead to, and the
    /// links that lead nowhere. Only the few articles with local links are looked at closely.
    init(articles: [Article], folder: String, now: Int) {
        var targets = Set<String>()
        var links: [(article: Article, link: LocalLink)] = []
        for article in articles where !article.localLinks.isEmpty {
            for link in article.localLinks {
                links.append((article, link))
                if !link.isArticle { targets.insert(link.target) }
            }
        }
        let sorted = targets.sorted()
        self.init(entries: sorted.map { Entry(target: $0, stamp: Self.stamp(of: $0, in: folder, now: now)) }, links: links, articles: articles)
    }

    private init(entries: [Entry], links: [(article: Article, link: LocalLink)], articles: [Article]) {
        self.entries = entries
        let present = Set(entries.filter(\.isPresent).map(\.target))
        warnings = links.compactMap { article, link in
            let target = link.target
            if link.isArticle {
                guard !Self.builds(target, articles) else { return nil }
                return Diagnostic(path: article.path, line: link.line, severity: .warning,
                                  message: "links to '\(target)', which is not an article of this archive: the link is broken on the page")
            }
            guard !present.contains(target) else { return nil }
            let hidden = target.split(separator: "/").contains { $0.hasPrefix(".") }
            return Diagnostic(path: article.path, line: link.line, severity: .warning,
                              message: "links to '\(target)', " + (hidden ? "a hidden file, which is not copied into the site"
                                                                        : "which is not a file of the source folder") + ": the link is broken on the page")
        }
    }

    /// Whether the article file at `path` is one of `articles` (sorted by id).
    private static func builds(_ path: String, _ articles: [Article]) -> Bool {
        let id = ArticleParser.id(forPath: path)
        var lo = 0, hi = articles.count
        while lo < hi { let mid = (lo + hi) / 2; if articles[mid].id < id { lo = mid + 1 } else { hi = mid } }
        return lo < articles.count && articles[lo].id == id && articles[lo].path == path
    }

    /// The stamp of the file at `target` (following links, as the sources' listing does);
    /// `missing` for no regular file, or one in a hidden folder or hidden itself (never read).
    static func stamp(of target: String, in folder: String, now: Int) -> FileStamp? {
        var st = stat()
        guard !target.split(separator: "/").contains(where: { $0.hasPrefix(".") }),
              stat(folder + "/" + target, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return missing }
        let stamp = FileStamp(st)
        return stamp.isSettled(now: now) ? stamp : nil
    }

    /// The key of the sources' stamps (`BuildState.sourcesKey`) and these files' stamps: equal
    /// keys, nothing changed. 0 (no key) when either has no key.
    static func key(_ sourcesKey: UInt64, _ entries: [Entry]) -> UInt64 {
        guard sourcesKey != 0, !entries.isEmpty else { return sourcesKey }
        var key = PageKey(seed: sourcesKey)
        for e in entries {
            guard let st = e.stamp else { return 0 }
            key.add(e.target)
            key.add(UInt64(bitPattern: Int64(st.size))); key.add(UInt64(bitPattern: Int64(st.modified)))
            key.add(UInt64(bitPattern: Int64(st.changed))); key.add(st.inode)
        }
        return max(1, key.value)
    }
}
