import Foundation

extension SiteBuilder {
    /// `annotations.json` made: its bytes, where its pieces lie (kept for the next build), how
    /// many were copied from the last build's, and its checksum (`AnnotationsDocument.encoded`).
    typealias AnnotationsFile = (bytes: SplicedBytes, parts: Fragments, reused: Int, checksum: UInt64)

    /// `annotations.json` and its checksum, made on a thread of its own while the pages are:
    /// entries whose key is unchanged are copied from the `annotations.json` the output holds.
    /// Its checksum is the one of its entries and the bytes between them
    /// (`Fragments.checksum(of:items:)`), from the sums the kept entries were recorded with
    /// and the new bytes: summed whole, its 543 MB at 100,000 articles of ten quotes each took
    /// 110–125 ms of CPU at every build.
    /// - Parameter byStamp: counts the earlier files known by their stamp (`previous`).
    func annotationsAhead(_ model: SiteModel, _ state: BuildState?, _ oldFiles: FileTable,
                          byStamp: Locked<Int>) -> Background<AnnotationsFile, Never> {
        let outputPath = options.output.path
        let previousJSON = state?.jsonParts ?? Fragments(), stamped = state?.splicedStamps ?? [:]
        return Background {
            let hash = PathHash.of("annotations.json")
            return AnnotationsDocument(model: model).encoded(
                previous: Self.previous(outputPath + "/annotations.json", oldFiles[hash], previousJSON, stamp: stamped[hash], byStamp: byStamp,
                                        byPieces: true))
        }
    }

    /// A list page made: its bytes, its rows (kept for the next build) and how many rows were
    /// copied from the last build's page, and its checksum.
    typealias ListPage = (list: Listing, page: (html: SplicedBytes, rows: Fragments, reused: Int), checksum: UInt64)

    /// The list pages whose key changed (the archive index lists every article: the longest
    /// page by far), rendered on a thread of their own while the keys, the other pages, copies
    /// and `annotations.json` go on; nil when none changed. Their rows are kept between builds:
    /// only rows whose key changed are rendered.
    func listsAhead(_ renderer: SiteRenderer, rowKeys: [Listing: [UInt64]], listKeys: [Listing: UInt64], _ state: BuildState?,
                    _ oldFiles: FileTable, byStamp: Locked<Int>) -> Background<[ListPage], BuildFailure>? {
        let changedLists = Listing.allCases.filter { oldFiles[PathHash.of(renderer.path(of: $0.page))]?.key != listKeys[$0] }
        guard !changedLists.isEmpty else { return nil }
        let outputPath = options.output.path
        let oldLists = state?.listRows ?? [:], stamped = state?.splicedStamps ?? [:]
        return Background { () throws(BuildFailure) in
            var pages: [ListPage] = []
            for list in changedLists {
                let path = renderer.path(of: list.page), hash = PathHash.of(path)
                let page = try renderer.listHTML(list, rowKeys: rowKeys[list]!, previous: Self.previous(
                    outputPath + "/" + path, oldFiles[hash], oldLists[path] ?? Fragments(), stamp: stamped[hash], byStamp: byStamp))
                pages.append((list, page, page.html.checksum))
            }
            return pages
        }
    }

    /// A file of the output an earlier build wrote in pieces (`parts`), mapped, if it
    /// still holds the bytes the cache recorded (`entry`); else nil and every piece is made anew.
    /// A file with the stamp that build recorded (`stamp`: size, times to the nanosecond, inode)
    /// holds them: it is not checksummed (`byStamp` counts those). Concord owns the output
    /// folder, and any write, rename or link would have changed the stamp.
    /// - Parameter byPieces: the file's checksum is the one of its pieces (`Fragments.checksum(of:items:)`).
    static func previous(_ path: String, _ entry: BuildState.FileEntry?, _ parts: Fragments,
                         stamp: FileStamp? = nil, byStamp: Locked<Int>? = nil, byPieces: Bool = false) -> (file: FastFiles.Mapped, parts: Fragments)? {
        guard let entry, !parts.items.isEmpty, let file = FastFiles.Mapped(path) else { return nil }
        if let stamp, file.stamp == stamp {
            byStamp?.withLock { $0 += 1 }
        } else {
            let sum = byPieces ? Fragments.checksum(of: file.bytes, items: parts.items) : Checksum.of(file.bytes)
            guard sum == entry.checksum else { return nil }
        }
        return (file, parts)
    }

    /// The stamps of files (relative to `folder`) as they are now, settled or not (`now: .max`),
    /// by `PathHash`; those that cannot be stat'ed are left out.
    static func stamps(of paths: [String], in folder: String) -> [UInt64: FileStamp] {
        var result: [UInt64: FileStamp] = [:]
        for (path, stamp) in zip(paths, FileStamp.of(paths, in: folder, now: .max)) { result[PathHash.of(path)] = stamp }
        return result
    }
}
