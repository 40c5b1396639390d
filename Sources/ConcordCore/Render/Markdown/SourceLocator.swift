/// Finds where each successive text literal of a cmark tree stands in the Markdown source.
///
/// Literals come in document order, so a cursor moves forward through the
/// source. A literal usually appears verbatim; where cmark unescaped it
/// (`\*`, `&amp;`), characters are matched one by one, skipping the escape.
struct SourceLocator {
    let source: [UInt8]
    private(set) var cursor = 0

    init(source: [UInt8]) { self.source = source }

    /// For each byte of `literal`, its offset in the source, plus one entry for the end.
    /// Nil when the literal cannot be found (the node is then left unhighlighted).
    mutating func locate(_ literal: [UInt8]) -> [Int]? {
        guard !literal.isEmpty else { return nil }
        // Verbatim a little past the cursor (the markup between two literals: emphasis marks, a
        // link's address), else unescaped from the cursor on, else verbatim anywhere further.
        // (Searched to the end of the source first, every literal cmark had unescaped cost a
        // scan of the rest of the article: 30,000 such paragraphs, 85 s.)
        if let start = find(literal, from: cursor, within: Self.window) {
            cursor = start + literal.count
            return Array(start...(start + literal.count))
        }
        if let map = locateTolerantly(literal) { return map }
        if let start = find(literal, from: cursor) {
            cursor = start + literal.count
            return Array(start...(start + literal.count))
        }
        return nil
    }

    /// How far past the cursor a literal is first looked for verbatim, in bytes.
    static let window = 4096

    /// Where `needle` first stands at or after `from`, starting no further than `within` bytes past it.
    private func find(_ needle: [UInt8], from: Int, within: Int = .max) -> Int? {
        guard needle.count <= source.count - from else { return nil }
        let first = needle[0]
        var i = from
        let last = min(source.count - needle.count, within == .max ? .max : from + within)
        while i <= last {
            if source[i] == first {
                var k = 1
                while k < needle.count, source[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// Walks literal and source together, letting the source skip backslashes,
    /// entities and line-leading white space.
    private mutating func locateTolerantly(_ literal: [UInt8]) -> [Int]? {
        // Anchor on the literal's first plain byte.
        guard let startSearch = find([literal[0]], from: cursor) ?? (literal[0] == 0x26 ? nil : find([0x5C], from: cursor)) else { return nil }
        var s = startSearch
        var map: [Int] = []
        map.reserveCapacity(literal.count + 1)
        var i = 0
        while i < literal.count {
            guard s < source.count else { return nil }
            if source[s] == 0x26, let semi = entityEnd(at: s) {
                // An entity stands for one character of 1-4 UTF-8 bytes.
                let width = utf8Width(literal[i])
                for _ in 0..<width where i < literal.count { map.append(s); i += 1 }
                s = semi + 1
                continue
            }
            if source[s] == literal[i] { map.append(s); s += 1; i += 1; continue }
            if source[s] == 0x5C { s += 1; continue }                     // backslash escape
            if source[s] == 0x0A || source[s] == 0x20 || source[s] == 0x09 || source[s] == 0x3E { s += 1; continue }
            return nil
        }
        map.append(s)
        cursor = s
        return map
    }

    /// The `;` of an entity (`&amp;`, `&#39;`, `&#x2019;`) starting at `s`.
    private func entityEnd(at s: Int) -> Int? {
        var k = s + 1
        if k < source.count, source[k] == 0x23 { k += 1 }
        let nameStart = k
        while k < source.count, k - nameStart < 32,
              (source[k] >= 0x30 && source[k] <= 0x39) || ((source[k] | 0x20) >= 0x61 && (source[k] | 0x20) <= 0x7A) { k += 1 }
        return k > nameStart && k < source.count && source[k] == 0x3B ? k : nil
    }

    private func utf8Width(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead & 0xE0 == 0xC0 ? 2 : lead & 0xF0 == 0xE0 ? 3 : 4
    }
}
