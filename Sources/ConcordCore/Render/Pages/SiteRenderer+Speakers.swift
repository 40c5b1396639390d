/// The speaker pages, entry by entry: entries kept from the last build's page.
extension SiteRenderer {
    /// Speaker page `s` and where its entries lie. The entries of a cluster whose key
    /// `previous` (the last build's page and rows) holds are spans of that page; the rest
    /// are grouped and rendered here (reading their quotes' texts). Nil when the template
    /// is not cut (`TemplateSet.speakerEntries`): the page then renders whole.
    func speakerHTML(_ s: Int, previous: (file: FastFiles.Mapped, rows: SpeakerRows)?) throws(BuildFailure)
        -> (html: SplicedBytes, rows: SpeakerRows, reused: Int)? {
        guard let cut = templates.speakerEntries else { return nil }
        let quotes = SpeakerQuotes(speaker: s, model: model)
        let tokenizer = WordTokenizer()
        let base = PageKey(seed: templates.checksums.of("speaker"))
        let clusterKeys = quotes.clusters.indices.map { quotes.clusterKey($0, base: base, model: model) }
        var keptLeads: [UInt64: [Int]] = [:]
        for r in previous?.rows.rows ?? [] { keptLeads[r.cluster, default: []].append(r.lead) }
        // Each cluster's entries, by the place of their first quote in the cluster: a kept
        // cluster's as the last build found them, the others' grouped here (with their quotes).
        var found: [(cluster: Int, lead: Int, items: [Int]?)] = []
        for (c, members) in quotes.clusters.enumerated() {
            // (A cluster's first quote always leads an entry.)
            if let leads = keptLeads[clusterKeys[c]], leads.contains(0), leads.allSatisfy({ $0 >= 0 && $0 < members.count }) {
                for l in leads { found.append((c, l, nil)) }
                continue
            }
            for e in quotes.groups(of: c, model: model, tokenizer: tokenizer) { found.append((c, e.lead, e.items)) }
        }
        let entries = found.sorted { quotes.clusters[$0.cluster][$0.lead] < quotes.clusters[$1.cluster][$1.lead] }
        let keys = entries.map { SpeakerRows.key(cluster: clusterKeys[$0.cluster], lead: $0.lead) }
        var matcher = previous.map { FragmentMatcher($0.rows.fragments, fileSize: $0.file.bytes.count) }
        // A kept entry the page lacks (it cannot, short of damage the checksums missed): made anew, whole.
        if var probe = matcher {
            let spans = probe.ranges(of: keys)
            if entries.indices.contains(where: { spans[$0] == nil && entries[$0].items == nil }) { return try speakerHTML(s, previous: nil) }
        }
        let page = SpeakerQuotes.page(speaker: s, model: model, groupCount: entries.count)
        let place = place(of: .speaker(s))
        let (before, after) = cut.shellParts(page, library: templates.library)
        let layout = try templates.layout(title: place.title, root: place.root, siteTitle: siteTitle)
        var html = SplicedBytes(base: previous?.file, capacity: layout.reduce(before.utf8.count + after.utf8.count) { $0 + ($1?.utf8.count ?? 0) })
        var items: [Fragments.Item] = [], reused = 0
        for part in layout {
            if let part { html.append(part); continue }
            html.append(before)
            (items, reused) = html.appendPieces(keys: keys, kept: &matcher, chunk: 64) { i in
                Array(cut.renderRow(quotes.row(entries[i].items!, model: model), page: page, library: templates.library).utf8)
            }
            html.append(after)
        }
        let rows = zip(entries, items).map { e, item in
            SpeakerRows.Row(cluster: clusterKeys[e.cluster], lead: e.lead, start: item.start, count: item.count)
        }
        return (html, SpeakerRows(pageChecksum: html.checksum, rows: rows), reused)
    }
}
