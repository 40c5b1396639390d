extension SiteBuilder {
    /// Each page's path hash, its entry in the last build's file table, and the checksum of the
    /// staging folder's copy where known (`SiteBuilder.run`'s `lastEntries`).
    typealias LastEntry = (hash: UInt64, old: BuildState.FileEntry?, held: UInt64?)

    /// Puts the pages whose key is unchanged into the staging folder: they have the bytes the
    /// output holds. Most are known, from the cache's checksums, to be in the staging folder
    /// already: those are recorded in one go; the rest are compared, or copied (linked) from the
    /// output, in parallel. Returns the pages the output lost (their bytes are not the recorded
    /// ones, or are gone), which the caller renders after all.
    /// - Parameters:
    ///   - isChanged: by position in `renderer.pages`, whether the page's key changed (those are rendered).
    ///   - lastEntries: by the same position; an unchanged page has an entry.
    func stageUnchangedPages(_ renderer: SiteRenderer, isChanged: [Bool], lastEntries: [LastEntry],
                             staging: String, into site: StagedSite) -> [Int] {
        var toCheck: [Int] = []
        let heldKnown = site.held != nil
        site.files.recordAll { record in
            for (i, p) in lastEntries.enumerated() where !isChanged[i] {
                let entry = p.old!
                if heldKnown && p.held == entry.checksum { record(p.hash, entry) } else { toCheck.append(i) }
            }
        }
        let output = options.output.path
        return ParallelMap.map(toCheck, chunk: 32) { i -> Int? in
            let path = renderer.path(at: i), (hash, old, _) = lastEntries[i], entry = old!
            // Where the staging folder's files are not known, the file there is read.
            if !heldKnown && FastFiles.read(staging + "/" + path).map({ Checksum.of($0) }) == entry.checksum {
                site.files.record(hash, entry); return nil
            }
            let live = output + "/" + path
            guard let bytes = FastFiles.read(live), Checksum.of(bytes) == entry.checksum else { return i }
            site.files.record(hash, entry)
            site.writer.link(live, to: path, bytes: bytes)
            return nil
        }.compactMap { $0 }
    }
}
