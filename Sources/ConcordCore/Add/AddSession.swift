import Foundation

/// What `concord add` does around its build, in the order that lets it keep the listing the
/// build takes: the source folder watched (`FolderEntryWatch`) before it is listed
/// (`SiteBuilder.currentListing`), the files imported against that listing; once the build is
/// done, the listing kept for the next one if nothing else changed the folder (`keepListing`).
public struct AddSession: Sendable {
    let builder: SiteBuilder
    /// Nil where the folder's changes cannot all be heard, or under `--full` or in a server's build.
    let watch: FolderEntryWatch?
    /// The source folder's listing as the session began (nil: the import lists the folder).
    let listed: KeptListing?

    /// Watches the source folder, then lists it (reading only the folders changed since the last
    /// build listed them): a change made after the listing's stamps were taken is heard.
    public init(_ builder: SiteBuilder) {
        self.builder = builder
        let options = builder.options
        watch = options.full || builder.memory != nil ? nil : FolderEntryWatch(folder: options.source.path)
        listed = builder.currentListing()
    }

    /// The session's open files whose last close waits on the kernel: the watch's inotify
    /// instance, whose close waits for a grace period of the kernel's (up to 25 ms, as `concord add`
    /// was about to exit). A process that exits after the session hands them to a helper that
    /// outlives it, and its own close only lets go of a reference (`concord`'s `MemoryAfterExit`).
    public var filesSlowToClose: [Int32] { watch.map { [$0.descriptor] } ?? [] }

    /// Copies `files` into the source folder (`ArticleImporter.importFiles`), the names in use
    /// taken from the session's listing.
    public func importFiles(_ files: [URL], replace: Bool = false) throws(BuildFailure) -> ArticleImporter.Outcome {
        try ArticleImporter(sourceFolder: builder.options.source, replace: replace).importFiles(files, listed: listed)
    }

    /// Once the build given `outcome`'s listing (`BuildOptions.useArticles`: the session's listing
    /// and the files written) is done: keeps that listing for the next build, with the source
    /// folder's stamp as it is now, when nothing else made, removed or renamed an entry of the
    /// folder since it was watched, but for hidden ones, which no walk reads. The next
    /// `concord add` or build then lists no folder: at 100,000 articles in one folder, listing it
    /// again took 20–40 ms of CPU of every `concord add` after another. Only for files added
    /// straight into the source folder (none beside them, none removed: `--replace` of an id
    /// another file had too), and only once the folder's stamp is settled (`FileStamp.isSettled`),
    /// so that a change after this call gives it another stamp. True when kept.
    @discardableResult
    public func keepListing(after outcome: ArticleImporter.Outcome) -> Bool {
        let source = builder.options.source.path
        guard let listed, let listedAt = listed.listedAt, let watch, !listed.sawLink, !outcome.added.isEmpty,
              outcome.linkedFiles.isEmpty, outcome.added.allSatisfy({ !$0.1.contains("/") }),
              listed.folders.contains(where: { $0.path.isEmpty }) else { return false }
        let now = FileStamp.now()
        guard let stamp = FileStamp.of(path: source), let changed = watch.changedNames() else { return false }
        // Its own files, or hidden entries (its files' temporary names, an editor's swap files).
        let own = Set(outcome.added.map(\.1))
        guard changed.allSatisfy({ own.contains($0) || $0.hasPrefix(".") }) else { return false }
        let folders = listed.folders.map { $0.path.isEmpty ? (path: "", stamp: stamp) : $0 }
        return KeptListing.write(outcome.listing, folders: folders, sawLink: false, source: source,
                                 into: BuildCache(output: builder.options.output).folder.path, now: listedAt, later: ["": now])
    }
}
