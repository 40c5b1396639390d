/// The archive index, row by row: keys, and rows kept from the last build.
extension SiteRenderer {
    /// Each index row's key, in page order. A row that reads a page-level value
    /// (`articleCount`, say) has that value in its key too.
    func indexRowKeys() -> [UInt64] {
        let contexts = PageContexts(model: model)
        var base = PageKey(seed: templates.checksum)
        if let cut = templates.index, !cut.rowNames.isDisjoint(with: contexts.indexPage().keys) { contexts.indexPageKey(into: &base) }
        return ParallelMap.map(Array(model.articles.indices), chunk: 256) { i in
            var key = base; contexts.indexRowKey(i, into: &key); return key.value
        }
    }

    /// The index page's key, from its row keys.
    func indexKey(rowKeys: [UInt64]) -> UInt64 {
        var key = placeKey(of: .index)
        PageContexts(model: model).indexPageKey(into: &key)
        key.add(UInt64(rowKeys.count))
        for k in rowKeys { key.add(k) }
        return key.value
    }

    /// The index page and where its rows lie. Rows whose key `previous` (the last
    /// `index.html`'s bytes and rows) holds are copied from it; the rest are rendered,
    /// in parallel. A template `IndexTemplate` cannot cut renders whole (no rows).
    func indexHTML(rowKeys: [UInt64], previous: (file: FastFiles.Mapped, parts: Fragments)?) throws(BuildFailure) -> (html: String, rows: Fragments, reused: Int) {
        guard let cut = templates.index else { return (try html(of: .index), Fragments(), 0) }
        let place = place(of: .index)
        let contexts = PageContexts(model: model)
        let page = contexts.indexPage()
        let old = previous.map { $0.parts.lookup(in: $0.file.bytes) } ?? [:]
        let reused = Locked(0)
        let rows = ParallelMap.map(Array(model.articles.indices), chunk: 128) { i -> String in
            if let r = old[rowKeys[i]], let file = previous?.file {
                reused.withLock { $0 += 1 }
                return String(decoding: UnsafeRawBufferPointer(rebasing: file.bytes[r]), as: UTF8.self)
            }
            return cut.renderRow(contexts.indexRow(i), page: page, library: templates.library)
        }
        let (before, after) = cut.shellParts(page, library: templates.library)
        var table = Fragments()
        table.items.reserveCapacity(rows.count)
        let html = try templates.wrap(title: place.title, root: place.root, siteTitle: siteTitle,
                                      size: rows.reduce(before.utf8.count + after.utf8.count) { $0 + $1.utf8.count }) { html in
            html += before
            for (i, row) in rows.enumerated() {
                table.items.append(.init(key: rowKeys[i], start: html.utf8.count, count: row.utf8.count))
                html += row
            }
            html += after
        }
        return (html, table, reused.withLock { $0 })
    }
}
