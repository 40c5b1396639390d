import Foundation

extension SiteBuilder {
    /// What rendering the speaker pages did: pages, their entries, the entries copied from the
    /// last build's pages, and each page's rows by its path's hash (for `saveCache` to keep).
    typealias SpeakerPagesRendered = (pages: Int, entries: Int, kept: Int, rows: [(UInt64, SpeakerRows)])

    /// Renders the speaker pages at `chosen` (positions in `renderer.pages`) entry by entry
    /// (`SiteRenderer.speakerHTML`) into `site`, with each page's rows (`SpeakerRows`), which
    /// the cache keeps once the build is done. A page's entries are copied from the
    /// output's page where the cache's rows for it describe the bytes it holds (its checksum
    /// in the last build's table, `oldFiles`, and in the file itself).
    func renderSpeakerPages(_ renderer: SiteRenderer, _ chosen: [Int], keys: [UInt64], oldFiles: FileTable,
                            cache: BuildCache, into site: StagedSite) throws(BuildFailure) -> SpeakerPagesRendered {
        let outputPath = options.output.path
        let failures = Locked<[BuildFailure]>([])
        let made = ParallelMap.map(chosen, chunk: 1) { i -> (rows: SpeakerRows?, kept: Int) in
            guard case .speaker(let s) = renderer.pages[i] else { preconditionFailure("a speaker page") }
            let path = renderer.path(at: i), hash = renderer.pathHashes[i]
            let previous: (file: FastFiles.Mapped, rows: SpeakerRows)? = oldFiles[hash].flatMap { entry in
                guard let rows = SpeakerRows.read(from: cache.folder, pathHash: hash), rows.pageChecksum == entry.checksum,
                      let page = Self.previous(outputPath + "/" + path, entry, rows.fragments) else { return nil }
                return (page.file, rows)
            }
            do throws(BuildFailure) {
                guard let made = try renderer.speakerHTML(s, previous: previous) else { preconditionFailure("the speaker template is cut") }
                site.put(path, key: keys[i], made.html, checksum: made.rows.pageChecksum)
                return (made.rows, made.reused)
            } catch {
                failures.withLock { $0.append(error) }
                return (nil, 0)
            }
        }
        if let error = failures.withLock({ $0.first }) { throw error }
        return (chosen.count, made.reduce(0) { $0 + ($1.rows?.rows.count ?? 0) }, made.reduce(0) { $0 + $1.kept },
                zip(chosen, made).compactMap { i, m in m.rows.map { (renderer.pathHashes[i], $0) } })
    }
}
