import Foundation

extension SiteBuilder {
    /// The article files a build starts from, with their stamps, and how they were found.
    struct SourceFiles {
        var paths: PathList
        var stamps: [FileStamp?]
        /// Milliseconds spent listing, and `stat`ing (0 when the stamps came with the listing).
        var listMS = 0, statMS = 0
        /// How many reported changes the last listing was patched from (a watching process).
        var patchedFrom: Int? = nil
        /// Whether the listing the cache keeps was used whole (no folder changed since).
        var listingKept = false
        /// The folders read again of those the kept listing has, when not all and not none.
        var foldersRead: (read: Int, of: Int)? = nil
        /// The listing kept for the next build, being written: waited for before the report.
        var keepingListing: Background<Bool, Never>? = nil

        /// How the files were found, for `-v`.
        var detail: String {
            "list \(listMS) ms" + (listingKept ? " (kept from the last build: no folder changed)" : "")
                + (foldersRead.map { " (kept from the last build but for \($0.read) of \($0.of) folders, read again)" } ?? "")
                + (patchedFrom.map { " (the last listing patched from \($0) reported change\($0 == 1 ? "" : "s"))" } ?? "")
                + ", stat \(statMS) ms"
        }
    }

    /// Lists the sources and `stat`s them. A watching process (`memory`) patches its last
    /// listing from the changes reported since, when it can; `concord add` gives the listing
    /// (`listed`); else the folder is walked, each folder that has not changed since the last
    /// build listed it taken from the listing that build kept in the cache (`KeptListing`), and
    /// the listing is kept for the next build.
    /// - Parameters:
    ///   - now: the time the stamps are judged by (`FileStamp.isSettled`).
    ///   - lap: milliseconds since the last lap, for the timings.
    func sourceFiles(_ loader: ArchiveLoader, _ cache: BuildCache, full: Bool, listed: PathList?, now: Int,
                     lap: () -> Int) throws(BuildFailure) -> SourceFiles {
        let folder = options.source.path
        if let memory, listed == nil, !full {
            // Patched where it lies: the memory no longer holds it, so it is not copied.
            var last = memory.beginListing(folder)
            let patched = last != nil && last!.0.patch(last!.changed, folder: folder, now: now)
            let listing: SourceListing
            if patched { listing = last!.0 } else { listing = try loader.listing(now: now) }
            let patchedFrom = patched ? last?.changed.count : nil
            last = nil
            memory.listed(listing, folder: folder, patched: patched)
            var found = SourceFiles(paths: listing.paths, stamps: listing.stamps)
            (found.listMS, found.patchedFrom) = (lap(), patchedFrom)
            return found
        }
        var found = SourceFiles(paths: listed ?? PathList(), stamps: [])
        if listed == nil {
            let clock = FileStamp.now()      // the system's, whatever a test's stamps are judged by
            let walked = try loader.walk(reusing: full ? nil : keptListingFile())
            found.paths = walked.paths
            if walked.read == 0 {
                found.listingKept = true
            } else {
                if walked.read < walked.folders.count { found.foldersRead = (walked.read, walked.folders.count) }
                found.keepingListing = Background { [files = walked.paths, readOrder = walked.readOrder, folders = walked.folders,
                                                     sawLink = walked.sawLink, cacheFolder = cache.folder.path] in
                    KeptListing.write(files, readOrder: readOrder, folders: folders, sawLink: sawLink, source: folder, into: cacheFolder, now: clock)
                }
            }
        }
        found.listMS = lap()
        found.stamps = FileStamp.of(found.paths, in: folder, now: now)
        found.statMS = lap()
        return found
    }
}
