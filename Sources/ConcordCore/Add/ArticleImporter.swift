import Foundation

/// Copies new article files into the source folder under safe, unique names.
///
/// A folder given stands for the article files under it. Each file is parsed
/// first (the same checks and messages as a build); a bad
/// one is reported and not copied, nor is one whose bytes an article of its
/// name has already. A name is made safe (letters, digits,
/// `.`, `_`, `-`), and made unique by a `-2`, `-3`, … suffix unless
/// `replace` is set, in which case the article with that id is replaced
/// (other files with the same id are removed so the id stays unique). Files
/// are written beside their final name and renamed into place.
///
/// The files an added article links to beside it (`![…](photos/bridge.png)`, see `LocalLink`)
/// come with it, to the same place relative to the article in the source folder, so that its
/// links still work there; never over another file of that path unless `replace` is set.
public struct ArticleImporter: Sendable {
    public let sourceFolder: URL
    public let replace: Bool

    public init(sourceFolder: URL, replace: Bool = false) {
        self.sourceFolder = sourceFolder; self.replace = replace
    }

    public struct Outcome: Sendable {
        /// (file given, path written relative to the source folder)
        public var added: [(String, String)] = []
        /// (file given, the article file with its name and the same bytes, relative to the
        /// source folder): files not added again.
        public var alreadyThere: [(String, String)] = []
        public var diagnostics: [Diagnostic] = []
        /// The source folder's article files after the import, as `ArchiveLoader.articlePaths()`
        /// lists them (sorted): the build that follows takes them (`BuildOptions.useArticles`)
        /// instead of listing the folder again.
        public var articlePaths: [String] { Array(listing) }
        /// The same as a build lists them (one block of bytes).
        var listing = PathList()
        /// (folder given, how many of its files are not article files): passed over, not added.
        public var passedOver: [(String, Int)] = []
        /// (file copied, path written relative to the source folder): files an added article links to.
        public var linkedFiles: [(String, String)] = []
        /// Files an added article links to that were not copied, and why (the article was added).
        public var warnings: [Diagnostic] = []
    }

    /// The files to add for each path given: a file itself; for a folder, the article files
    /// under it (hidden ones skipped, sorted as a build sorts them), or a diagnostic when it
    /// holds none. A folder's other files (images, notes) are counted in `passedOver`.
    func expand(_ given: [URL], into outcome: inout Outcome) -> [URL] {
        var files: [URL] = []
        for url in given {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue else {
                files.append(url); continue
            }
            let all = FastFiles.listFiles(under: url.path) ?? []
            let articles = ArchiveLoader.articleFiles(all)
            if articles.isEmpty {
                outcome.diagnostics.append(Diagnostic(path: url.path, line: 1,
                    message: "no article files (.txt, .md) in this folder"))
            }
            if all.count > articles.count { outcome.passedOver.append((url.path, all.count - articles.count)) }
            files += articles.map { url.appendingPathComponent($0) }
        }
        return files
    }

    /// - Parameter kept: the source folder's listing as it is now (`SiteBuilder.currentListing()`,
    ///   from the one the build cache keeps): the folder is then not listed here.
    public func importFiles(_ files: [URL], listed kept: KeptListing? = nil) throws(BuildFailure) -> Outcome {
        var outcome = Outcome()
        var paths: PathList
        if let listed = kept?.paths { paths = listed } else { paths = try ArchiveLoader(sourceFolder: sourceFolder).articlePathList() }
        // What this import puts in the listing or takes out of it, in order: applied once the ids
        // are no longer looked up, to the listing itself (changed while `ListedIDs` held it too,
        // it was first copied whole: 5.6 MB into fresh memory at 100,000 articles).
        var notes: [(path: String, present: Bool)] = []
        func note(_ path: String, present: Bool) { notes.append((path, present)) }
        try importFiles(files, listed: paths, into: &outcome, note: note)
        Self.apply(notes, to: &paths)
        outcome.listing = paths
        return outcome
    }

    /// Puts each path noted present in `paths` (where it is not) and takes each noted absent out,
    /// the last note of a path deciding (`PathList.update`: a few where the list lies, more by one merge).
    static func apply(_ notes: [(path: String, present: Bool)], to paths: inout PathList) {
        var last: [String: Bool] = [:]
        for (path, present) in notes { last[path] = present }
        var gone = Set<Int>(), added: [String] = []
        for (path, present) in last {
            let lo = paths.sortedPosition(of: path)
            let there = lo < paths.count && paths[lo] == path
            if !present && there { gone.insert(lo) } else if present && !there { added.append(path) }
        }
        paths.update(removing: gone, adding: ArchiveLoader.sorted(added))
    }

    /// `importFiles`' work, the names in use taken from `listed`: each file the import writes or
    /// removes is told to `note` (present or not), in order.
    private func importFiles(_ files: [URL], listed: PathList, into outcome: inout Outcome,
                             note: (String, Bool) -> Void) throws(BuildFailure) {
        // The files of each id: the listing's (`ListedIDs`), unless this import named or replaced that id.
        var ids = ListedIDs(listed)
        var named: [String: [String]] = [:]
        func existing(_ id: String) -> [String]? {
            let found = named[id] ?? ids.paths(ofID: id)
            return found.isEmpty ? nil : found
        }
        let parser = ArticleParser()
        for file in expand(files, into: &outcome) {
            let shown = file.path
            let ext = file.pathExtension.lowercased()
            guard ArticleParser.extensions.contains(ext) else {
                outcome.diagnostics.append(Diagnostic(path: shown, line: 1,
                    message: "not an article file: use .txt (dated plain text) or .md (front matter)"))
                continue
            }
            let article: Article
            do throws(Diagnostic) { article = try parser.read(file.path, path: shown) } catch {
                outcome.diagnostics.append(error)
                continue
            }
            let bytes = article.source
            let base = Self.safeName(file.deletingPathExtension().lastPathComponent)
            // The same bytes as an article of its name, or of a name it was given before (`-2`,
            // `-3`, …): a file of the source folder given, or a download added twice. Nothing
            // to add: a copy would be a second article.
            if !replace, let same = Self.names(base).prefix(while: { existing($0) != nil }).lazy
                .flatMap({ existing($0)! }).first(where: { FastFiles.read(sourceFolder.path + "/" + $0) == bytes }) {
                outcome.alreadyThere.append((shown, same))
                continue
            }
            var id = base
            if replace {
                for path in existing(id) ?? [] {
                    if (try? FileManager.default.removeItem(at: sourceFolder.appendingPathComponent(path))) != nil { note(path, false) }
                }
            } else {
                // A name the source folder gives to something that is no article (a folder
                // `story.md/`) is taken too: nothing is ever put in its place.
                id = Self.names(base).first { name in
                    var st = stat()
                    return existing(name) == nil && lstat(sourceFolder.appendingPathComponent(name + "." + ext).path, &st) != 0
                }!
            }
            let name = id + "." + ext
            try Self.write(bytes, to: sourceFolder.appendingPathComponent(name))
            named[id] = [name]
            note(name, true)
            outcome.added.append((shown, name))
            copyLinkedFiles(of: article, from: file.deletingLastPathComponent(), into: &outcome)
        }
    }

    /// Copies the files `article` (read from `folder`) links to beside it into the source folder,
    /// at the same path relative to the article, which lands at the top of the source folder.
    /// A file that is not there is left to the build to report; one whose path the source folder
    /// holds with other bytes is not copied over (unless `replace`), nor is anything put where
    /// the source folder holds a folder or link: each with a warning. Files are compared and
    /// copied a piece at a time (`StreamedFile`): a linked video is never held in memory whole.
    func copyLinkedFiles(of article: Article, from folder: URL, into outcome: inout Outcome) {
        // The links were resolved from the article's absolute path: their targets begin with its folder's parts.
        let folderParts = folder.path.split(separator: "/")
        for link in article.localLinks where !link.isArticle && !link.isOutside {
            let shown = "/" + link.target, parts = link.target.split(separator: "/")
            func warn(_ message: String) {
                outcome.warnings.append(Diagnostic(path: article.path, line: link.line, severity: .warning, message: message))
            }
            // Out of the file's folder, a link is out of the source folder too once the article
            // lies at its top: not copied, and the build warns of it.
            guard parts.starts(with: folderParts) else { continue }
            let relative = parts.dropFirst(folderParts.count).joined(separator: "/")
            // (A hidden file is `missing`: never read, by builds either.)
            guard outcome.linkedFiles.allSatisfy({ $0.1 != relative }),
                  LinkedFiles.stamp(of: relative, in: folder.path, now: .max) != LinkedFiles.missing else { continue }
            let target = sourceFolder.appendingPathComponent(relative)
            var st = stat()
            if lstat(target.path, &st) == 0 {
                guard st.st_mode & S_IFMT == S_IFREG else {
                    warn("links to '\(relative)', where the source folder holds a folder or link: not copied")
                    continue
                }
                if StreamedFile.sameBytes(shown, target.path) { continue }
                guard replace else {
                    warn("links to '\(relative)', which the source folder holds with other bytes: not copied over it (--replace would)")
                    continue
                }
            }
            do throws(BuildFailure) {
                try Self.place(target) { temp in
                    if case .failure(let why) = StreamedFile.copy(shown, to: temp, sparingLinks: false) { throw why }
                }
                outcome.linkedFiles.append((shown, relative))
            } catch {
                warn("links to '\(relative)', which could not be copied into the source folder: \(error.message)")
            }
        }
    }

    /// Writes `bytes` beside `target` (its folder made if needed), then renames them into place:
    /// a build never reads half a file.
    static func write(_ bytes: [UInt8], to target: URL) throws(BuildFailure) {
        try place(target) { temp in try Data(bytes).write(to: URL(fileURLWithPath: temp)) }
    }

    /// Makes the file `target` by `make`, which writes a temporary file beside it (path given),
    /// renamed over `target` once whole (its folder made first if needed).
    static func place(_ target: URL, _ make: (String) throws -> Void) throws(BuildFailure) {
        let folder = target.deletingLastPathComponent()
        let temp = folder.appendingPathComponent(".\(target.lastPathComponent).adding-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try make(temp.path)
            guard rename(temp.path, target.path) == 0 else { throw StreamedFile.Failure.unwritable(errno: errno) }
        } catch {
            unlink(temp.path)
            let why = (error as? StreamedFile.Failure)?.reason ?? error.localizedDescription
            throw BuildFailure("cannot write '\(target.path)': \(why)")
        }
    }

    /// The names a file called `base` is given, in order of preference: `base`, `base-2`, `base-3`, …
    static func names(_ base: String) -> some Sequence<String> {
        (1...).lazy.map { $0 == 1 ? base : "\(base)-\($0)" }
    }

    /// Letters, digits, `.`, `_` and `-` (see `ASCIIName`); never hidden or empty.
    public static func safeName(_ name: String) -> String {
        ASCIIName.make(name, keeping: [".", "_", "-"], fallback: "article")
    }
}
