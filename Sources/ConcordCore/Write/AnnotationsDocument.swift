/// `annotations.json`, version 1, as CONTRACT.md defines it.
///
/// Written straight to bytes (Foundation's JSONEncoder took a third of an
/// incremental build at 10,000 articles): keys sorted, two-space indent,
/// `"key" : value` as JSONEncoder's pretty printing has it, so equal input
/// gives equal bytes. Strings are escaped as JSON requires (quote, backslash,
/// control characters); slashes are left alone.
public struct AnnotationsDocument {
    let model: SiteModel
    /// Each of the quotes' speakers' names digested once (`QuoteTable.speakers`), not once per quote.
    private let speakerDigests: [PageKey.StringDigest]

    public init(model: SiteModel) {
        self.model = model
        speakerDigests = model.annotations.quotes.speakers.map { PageKey.StringDigest($0.name) }
    }

    public func encoded() -> [UInt8] { encoded(previous: nil).bytes.joined }

    /// The document, where each article and passage entry and each article's quote entries lie
    /// in it, how many of those were kept, and its checksum by those pieces
    /// (`Fragments.checksum(of:items:)`, from the kept pieces' recorded sums and the new bytes).
    /// Pieces whose key `previous` (the last document's bytes and pieces) holds are spans of its file.
    func encoded(previous: (file: FastFiles.Mapped, parts: Fragments)?)
        -> (bytes: SplicedBytes, parts: Fragments, reused: Int, checksum: UInt64) {
        // The three lists are asked for in the order they were written: one cursor goes through them all.
        var memo = previous.map { FragmentMatcher($0.parts, fileSize: $0.file.bytes.count) }
        var out = JSONBytes(bytes: SplicedBytes(base: previous?.file, capacity: previous == nil ? 0 : 1 << 16, piecewise: true))
        out.raw("{\n  \"articles\" : ")
        let articles = out.list(Array(model.articlesByID.indices), indent: 2, memo: &memo, key: articleKey) { out, i in
            let a = model.articlesByID[i]
            out.object(indent: 6, [
                ("date", .string(a.date.description)), ("id", .string(a.id)), ("path", .string(a.path)),
                ("title", .string(a.title)), ("url", .string("articles/\(HTML.pathSegment(a.id))/")),
            ])
        }
        out.raw(",\n  \"passages\" : ")
        let passages = out.list(Array(model.annotations.passages.indices), indent: 2, memo: &memo, key: passageKey) { out, k in
            let p = model.annotations.passages[k]
            out.raw("{\n      \"id\" : "); out.string(p.id); out.raw(",\n      \"witnesses\" : ")
            out.list(Array(p.witnesses.indices), indent: 6) { out, n in
                let w = p.witnesses[n]
                out.object(indent: 10, [
                    ("article", .string(w.article)), ("end", .int(w.end)), ("start", .int(w.start)),
                    ("text", .string(model.article(at: model.witnessArticle(k, n))?.text(w.range) ?? "")),
                ])
            }
            out.raw("\n    }")
        }
        out.raw(",\n  \"quotes\" : ")
        // One piece per article's quotes: each entry a piece of its own, the 998,700 quotes of an
        // archive of 100,000 articles quoting ten times each were as many keys looked for and
        // as many places kept in the cache (32 bytes each, written and read at every build).
        let quotes = out.list(quoteBlocks, indent: 2, memo: &memo, key: blockKey) { out, block in
            for k in block {
                if k > block.lowerBound { out.raw(",\n"); out.spaces(4) }
                quoteEntry(k, into: &out)
            }
        }
        out.raw(",\n  \"version\" : 1\n}\n")
        // Every span of the document is a kept piece (`JSONBytes.list`), so it is summed by its pieces.
        guard let checksum = out.bytes.pieceChecksum else { preconditionFailure("annotations.json is made of pieces alone") }
        return (out.bytes, Fragments(items: articles.items + passages.items + quotes.items),
                articles.reused + passages.reused + quotes.reused, checksum)
    }

    /// The quotes' entries in blocks, one per article with quotes (`Annotations.quoteStarts`),
    /// in order; one block per quote when where each article's quotes begin is not known.
    private var quoteBlocks: [Range<Int>] {
        let starts = model.annotations.quoteStarts, count = model.annotations.quotes.count
        guard starts.first == 0, starts.last == count, zip(starts, starts.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            return (0..<count).map { $0..<($0 + 1) }
        }
        return zip(starts, starts.dropFirst()).compactMap { $0 < $1 ? $0..<$1 : nil }
    }

    /// Everything a block of quote entries is made from: each entry's (`quoteKey`), in order.
    private func blockKey(_ block: Range<Int>) -> UInt64 {
        var key = PageKey(seed: 5)
        key.add(UInt64(block.count))
        for k in block { key.add(quoteKey(k)) }
        return key.value
    }

    /// Quote `k`'s entry.
    private func quoteEntry(_ k: Int, into out: inout JSONBytes) {
        let q = model.annotations.quotes[k]
        out.raw("{\n      \"article\" : "); out.string(q.article)
        out.raw(",\n      \"cue\" : "); out.optional(q.cue)
        out.raw(",\n      \"end\" : "); out.int(q.end)
        out.raw(",\n      \"id\" : "); out.string(q.id)
        out.raw(",\n      \"passage\" : "); out.optional(q.passage)
        out.raw(",\n      \"speaker\" : ")
        if let s = q.speaker {
            out.raw("{\n        \"kind\" : "); out.string(s.kind.rawValue)
            out.raw(",\n        \"mention\" : {\n          \"end\" : "); out.int(s.mention.upperBound)
            out.raw(",\n          \"start\" : "); out.int(s.mention.lowerBound)
            out.raw("\n        },\n        \"name\" : "); out.string(s.name)
            out.raw("\n      }")
        } else {
            out.raw("null")
        }
        out.raw(",\n      \"start\" : "); out.int(q.start)
        out.raw(",\n      \"text\" : "); out.string(model.article(at: model.quoteArticles[k])?.text(q.range) ?? "")
        out.raw("\n    }")
    }

    /// Everything the entry of the article at `i` in `articlesByID` is made from: its bytes,
    /// id, title and date (its digests) and its path (its hash), from the model's flat tables.
    private func articleKey(_ i: Int) -> UInt64 {
        let k = model.position(byID: i)
        var key = PageKey(seed: 3)
        key.add(model.listedKeys[k]); key.add(model.namedKeys[k]); key.add(model.pathHashes[k])
        return key.value
    }

    /// Everything a passage entry is made from: its witnesses and their articles' bytes and ids (`SiteModel.addArticle`).
    private func passageKey(_ k: Int) -> UInt64 {
        let p = model.annotations.passages[k]
        var key = PageKey(seed: 1)
        key.add(p.id); key.add(UInt64(p.witnesses.count))
        for (n, w) in p.witnesses.enumerated() {
            model.addArticle(model.witnessArticle(k, n), or: w.article, to: &key)
            key.add(UInt64(w.start)); key.add(UInt64(w.end))
        }
        return key.value
    }

    /// Everything a quote entry is made from: its article's bytes and id, its place there and
    /// its passage (`SiteModel.quoteKeys`: `addQuoteSource`, which stand for its id, cue, and
    /// its speaker's kind and mention), and its speaker's name, which is the archive's (a short
    /// name takes the full name most articles give it). The name is read alone, not the quote copied.
    private func quoteKey(_ k: Int) -> UInt64 {
        var key = PageKey(seed: 2)
        key.add(model.quoteKeys[k])
        let n = model.annotations.quotes.speakerNumber(k)
        if n >= 0 { key.add(1); key.add(speakerDigests[Int(n)]) } else { key.add(0) }
        return key.value
    }
}

/// A byte buffer with the few JSON writing operations `AnnotationsDocument` needs.
struct JSONBytes {
    var bytes = SplicedBytes()

    enum Value { case string(String), int(Int) }

    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func int(_ v: Int) { bytes.append(contentsOf: String(v).utf8) }

    mutating func optional(_ s: String?) { if let s { string(s) } else { raw("null") } }

    mutating func string(_ s: String) {
        bytes.append(0x22)
        var s = s
        s.withUTF8 { utf8 in
            // Runs of bytes that need no escaping are appended whole.
            var start = 0
            for (i, c) in utf8.enumerated() where c < 0x20 || c == 0x22 || c == 0x5C {
                if start < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i])) }
                escape(c)
                start = i + 1
            }
            if start < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...])) }
        }
        bytes.append(0x22)
    }

    private mutating func escape(_ c: UInt8) {
        switch c {
        case 0x22: bytes.append(0x5C); bytes.append(0x22)
        case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
        case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
        case 0x0D: bytes.append(0x5C); bytes.append(0x72)
        case 0x09: bytes.append(0x5C); bytes.append(0x74)
        case 0x08: bytes.append(0x5C); bytes.append(0x62)
        case 0x0C: bytes.append(0x5C); bytes.append(0x66)
        default:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 15)]])
        }
    }

    mutating func spaces(_ n: Int) { for _ in 0..<n { bytes.append(0x20) } }

    /// `[ … ]` with one element per line at `indent + 2`; `[]` when empty.
    mutating func list<T>(_ items: [T], indent: Int, _ element: (inout JSONBytes, T) -> Void) {
        _ = list(items, indent: indent, key: nil, element)
    }

    /// The same, keyed: with a memo (an incremental build, where almost every entry is kept),
    /// an element whose key it finds is a span of the base file of `bytes`, the others are
    /// made (`SplicedBytes.appendPieces`). Returns where each element lies in `bytes`, by key,
    /// and how many were kept.
    mutating func list<T>(_ items: [T], indent: Int, memo: inout FragmentMatcher?, key: @escaping (T) -> UInt64,
                          _ element: (inout JSONBytes, T) -> Void) -> (items: [Fragments.Item], reused: Int) {
        guard memo != nil, !items.isEmpty else { return list(items, indent: indent, key: key, element) }
        raw("[\n")
        let keys = ParallelMap.map(Array(items.indices), chunk: 256) { key(items[$0]) }
        let placed = bytes.appendPieces(keys: keys, kept: &memo, lead: [UInt8](repeating: 0x20, count: indent + 2),
                                        separator: Array(",\n".utf8)) { k in
            var out = JSONBytes()
            element(&out, items[k])
            return out.bytes.fresh
        }
        bytes.append(0x0A); spaces(indent); bytes.append(0x5D)
        return placed
    }

    /// Every element made anew, in parallel by chunks, then joined in order; where each lies
    /// by `key`, when given.
    private mutating func list<T>(_ items: [T], indent: Int, key: ((T) -> UInt64)?,
                                  _ element: (inout JSONBytes, T) -> Void) -> (items: [Fragments.Item], reused: Int) {
        guard !items.isEmpty else { raw("[]"); return ([], 0) }
        raw("[\n")
        let chunk = 512
        let parts = ParallelMap.map(Array(stride(from: 0, to: items.count, by: chunk)), chunk: 1) { start -> (JSONBytes, [Fragments.Item]) in
            var out = JSONBytes()
            var placed: [Fragments.Item] = []
            for k in start..<min(items.count, start + chunk) {
                if k > 0 { out.raw(",\n") }
                out.spaces(indent + 2)
                let at = out.bytes.count
                element(&out, items[k])
                if let key {
                    // Summed here, on every core: the document is summed by its entries (`Fragments.checksum(of:items:)`).
                    let sum = out.bytes.fresh.withUnsafeBytes { Checksum.of(UnsafeRawBufferPointer(rebasing: $0[at...])) }
                    placed.append(.init(key: key(items[k]), start: at, count: out.bytes.count - at, checksum: sum))
                }
            }
            return (out, placed)
        }
        var placed: [Fragments.Item] = []
        for (out, items) in parts { placed += bytes.appendMade(out.bytes.fresh, pieces: items) }
        bytes.append(0x0A); spaces(indent); bytes.append(0x5D)
        return (placed, 0)
    }

    /// An object whose values are all strings or numbers, keys already sorted; closes at `indent - 2`.
    mutating func object(indent: Int, _ fields: [(StaticString, Value)]) {
        raw("{\n")
        for (k, (key, value)) in fields.enumerated() {
            if k > 0 { raw(",\n") }
            spaces(indent); bytes.append(0x22); raw(key); raw("\" : ")
            switch value { case .string(let s): string(s); case .int(let i): int(i) }
        }
        bytes.append(0x0A); spaces(indent - 2); bytes.append(0x7D)
    }
}
