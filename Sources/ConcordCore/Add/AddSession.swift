import Foundation

/// What `concord add` does around its build, in the order that lets it keep the listing the
/// build takes: the source folder watched (`SiteBuilder.watchForImport`) before it is listed
/// (`SiteBuilder.currentListing`), the files imported against that listing; once the build
/// is done, the listing kept for the next one if nothing else changed the folder meanwhile
/// (`SiteBuilder.keepListing`).
public struct AddSession: Sendable {
    let builder: SiteBuilder
    let watch: ListingWatch?
    /// The source folder's listing as the session began; nil when the cache keeps none (the import lists the folder).
    let listed: KeptListing?

    /// Watches the source folder, then lists it (reading only the folders changed since the last
    /// build listed them): a change made after the listing's stamps were taken is heard.
    public init(_ builder: SiteBuilder) {
        self.builder = builder
        watch = builder.watchForImport()
        listed = builder.currentListing()
    }

    /// Copies `files` into the source folder (`ArticleImporter.importFiles`), the names in use
    /// taken from the session's listing.
    public func importFiles(_ files: [URL], replace: Bool = false) throws(BuildFailure) -> ArticleImporter.Outcome {
        try ArticleImporter(sourceFolder: builder.options.source, replace: replace).importFiles(files, listed: listed)
    }

    /// Once the build given `outcome`'s listing (`BuildOptions.useArticles`) is done: keeps that
    /// listing for the next build, if only the files added changed the folder. True when kept.
    @discardableResult
    public func keepListing(after outcome: ArticleImporter.Outcome) -> Bool {
        !outcome.added.isEmpty && builder.keepListing(after: outcome, listed: listed, watch: watch)
    }
}
