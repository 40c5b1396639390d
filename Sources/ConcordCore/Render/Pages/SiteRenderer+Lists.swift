/// The list pages (the archive index, the passages, the speakers), row by row:
/// keys, and rows kept from the last build.
extension SiteRenderer {
    /// Each row's key, in page order. A row that reads a page-level value
    /// (`articleCount`, say) has that value in its key too.
    func rowKeys(_ list: Listing) -> [UInt64] {
        let contexts = PageContexts(model: model)
        var base = PageKey(seed: templates.checksums.of(list.template))
        if let cut = templates.lists[list], !cut.rowNames.isDisjoint(with: contexts.listPage(list).keys) {
            contexts.listPageKey(list, into: &base)
        }
        return ParallelMap.map(count: contexts.rowCount(list), chunk: 256) { i in
            var key = base; contexts.rowKey(list, i, into: &key); return key.value
        }
    }

    /// A list page's key, from its row keys.
    func listKey(_ list: Listing, rowKeys: [UInt64]) -> UInt64 {
        var key = placeKey(of: list.page)
        PageContexts(model: model).listPageKey(list, into: &key)
        key.add(UInt64(rowKeys.count))
        for k in rowKeys { key.add(k) }
        return key.value
    }

    /// A list page and where its rows lie. Rows whose key `previous` (the last
    /// build's file and rows) holds are spans of its file; the rest are rendered, in
    /// parallel. A template `ListTemplate` cannot cut renders whole (no rows).
    func listHTML(_ list: Listing, rowKeys: [UInt64], previous: (file: FastFiles.Mapped, parts: Fragments)?) throws(BuildFailure) -> (html: SplicedBytes, rows: Fragments, reused: Int) {
        guard let cut = templates.lists[list] else { return (SplicedBytes(Array(try html(of: list.page).utf8)), Fragments(), 0) }
        let place = place(of: list.page)
        let contexts = PageContexts(model: model)
        let page = contexts.listPage(list)
        var matcher = previous.map { FragmentMatcher($0.parts, fileSize: $0.file.bytes.count) }
        let (before, after) = cut.shellParts(page, library: templates.library)
        let layout = try templates.layout(title: place.title, root: place.root, siteTitle: siteTitle)
        var html = SplicedBytes(base: previous?.file, capacity: layout.reduce(before.utf8.count + after.utf8.count) { $0 + ($1?.utf8.count ?? 0) })
        var table = Fragments(), reused = 0
        for part in layout {
            if let part { html.append(part); continue }
            html.append(before)
            (table.items, reused) = html.appendPieces(keys: rowKeys, kept: &matcher, chunk: 128) { i in
                Array(cut.renderRow(contexts.row(list, i), page: page, library: templates.library).utf8)
            }
            html.append(after)
        }
        return (html, table, reused)
    }
}
