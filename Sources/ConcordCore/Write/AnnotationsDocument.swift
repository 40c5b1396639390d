/// `annotations.json`, version 1, as CONTRACT.md defines it.
///
/// Written straight to bytes (Foundation's JSONEncoder took a third of an
/// incremental build at 10,000 articles): keys sorted, two-space indent,
/// `"key" : value` as JSONEncoder's pretty printing has it, so equal input
/// gives equal bytes. Strings are escaped as JSON requires (quote, backslash,
/// control characters); slashes are left alone.
public struct AnnotationsDocument {
    let model: SiteModel

    public init(model: SiteModel) { self.model = model }

    public func encoded() -> [UInt8] {
        var out = JSONBytes()
        out.raw("{\n  \"articles\" : ")
        let articles = model.articles.sorted { $0.id < $1.id }
        out.list(articles, indent: 2) { out, a in
            out.object(indent: 6, [
                ("date", .string(a.date.description)), ("id", .string(a.id)), ("path", .string(a.path)),
                ("title", .string(a.title)), ("url", .string("articles/\(HTML.pathSegment(a.id))/")),
            ])
        }
        out.raw(",\n  \"passages\" : ")
        out.list(model.annotations.passages, indent: 2) { out, p in
            out.raw("{\n      \"id\" : "); out.string(p.id); out.raw(",\n      \"witnesses\" : ")
            out.list(p.witnesses, indent: 6) { out, w in
                out.object(indent: 10, [
                    ("article", .string(w.article)), ("end", .int(w.end)), ("start", .int(w.start)),
                    ("text", .string(model.article(w.article)?.text(w.range) ?? "")),
                ])
            }
            out.raw("\n    }")
        }
        out.raw(",\n  \"quotes\" : ")
        out.list(model.annotations.quotes, indent: 2) { out, q in
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
            out.raw(",\n      \"text\" : "); out.string(model.article(q.article)?.text(q.range) ?? "")
            out.raw("\n    }")
        }
        out.raw(",\n  \"version\" : 1\n}\n")
        return out.bytes
    }
}

/// A byte buffer with the few JSON writing operations `AnnotationsDocument` needs.
struct JSONBytes {
    var bytes: [UInt8] = []

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
    /// Elements are written in parallel, in chunks, then joined in order.
    mutating func list<T>(_ items: [T], indent: Int, _ element: (inout JSONBytes, T) -> Void) {
        guard !items.isEmpty else { raw("[]"); return }
        raw("[\n")
        let chunk = 512
        let parts = ParallelMap.map(Array(stride(from: 0, to: items.count, by: chunk)), chunk: 1) { start -> [UInt8] in
            var out = JSONBytes()
            for k in start..<min(items.count, start + chunk) {
                if k > 0 { out.raw(",\n") }
                out.spaces(indent + 2)
                element(&out, items[k])
            }
            return out.bytes
        }
        for p in parts { bytes.append(contentsOf: p) }
        bytes.append(0x0A); spaces(indent); bytes.append(0x5D)
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
