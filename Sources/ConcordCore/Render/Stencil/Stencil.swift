/// A template rendered once by swift-mustache for one shape of context, with a
/// mark in place of every printed value and of every row section; a page of
/// that shape is then its text with its own values filled in.
///
/// Filling costs a dictionary lookup and an escape per value, where
/// swift-mustache's own lookup costs about 3 µs (a split of the name and five
/// dynamic casts, four of them protocol conformance checks): its rendering was
/// a quarter of a full build's CPU time.
struct Stencil: Sendable {
    enum Part: Sendable {
        case text(String)
        /// The value of `names[name]`, escaped for HTML or as it is.
        case value(name: Int, escaped: Bool)
        /// The section over `names[name]` cut out: each row renders with `source`.
        case rows(name: Int, source: StencilSource)
    }

    let parts: [Part]

    /// Marks stand for values and row sections in the text swift-mustache renders;
    /// a byte 1 starts and ends each. A value's mark holds `<`, so that its escaped
    /// form (`&lt;`) tells an escaped variable from a triple-brace one.
    static func valueMark(_ i: Int) -> String { "\u{1}v\(i)<\u{1}" }
    static func rowsMark(_ i: Int) -> String { "\u{1}r\(i)\u{1}" }
    /// Ends a row section's text, so that spaces on its last line are not taken for a standalone
    /// tag's indentation (swift-mustache drops spaces after a template's last line break).
    static let endMark = "\u{1}e\u{1}"

    /// The parts of `rendered`; nil when it holds a byte 1 that is not a whole mark
    /// (say, in the template's own text), or a row section's mark more than once.
    /// - Parameter sources: the row sections cut out, by name index.
    init?(rendered: String, sources: [Int: StencilSource], names: Int) {
        var parts: [Part] = []
        var seenRows = Set<Int>()
        let utf8 = Array(rendered.utf8)
        var i = 0, textStart = 0
        func flush(_ end: Int) {
            if end > textStart { parts.append(.text(String(decoding: utf8[textStart..<end], as: UTF8.self))) }
        }
        while i < utf8.count {
            guard utf8[i] == 1 else { i += 1; continue }
            guard let close = utf8[(i + 1)...].firstIndex(of: 1) else { return nil }
            let code = utf8[(i + 1)..<close]
            if code.elementsEqual("e".utf8), close + 1 == utf8.count { flush(i); textStart = utf8.count; break }
            guard let kind = code.first, kind == UInt8(ascii: "v") || kind == UInt8(ascii: "r") else { return nil }
            let digits = code.dropFirst().prefix { $0 >= 0x30 && $0 <= 0x39 }
            guard !digits.isEmpty, digits.count < 6,
                  let n = Int(String(decoding: digits, as: UTF8.self)), n < names else { return nil }
            let rest = code.dropFirst(1 + digits.count)
            flush(i)
            var next = close + 1
            if kind == UInt8(ascii: "v") {
                if rest.elementsEqual("<".utf8) { parts.append(.value(name: n, escaped: false)) }
                else if rest.elementsEqual("&lt;".utf8) { parts.append(.value(name: n, escaped: true)) }
                else { return nil }
            } else {
                // A row section's mark stands on a line of its own (see `StencilSource.make`).
                guard rest.isEmpty, let source = sources[n], seenRows.insert(n).inserted,
                      next < utf8.count, utf8[next] == 0x0A else { return nil }
                next += 1
                parts.append(.rows(name: n, source: source))
            }
            i = next; textStart = next
        }
        flush(utf8.count)
        self.parts = parts
    }
}
