/// Reading a Mustache template's text: its tags, the names they read, where a
/// section can be cut out. Shared by the list templates cut into rows
/// (`ListTemplate`) and by stencils (`StencilSource`), which both render a
/// section apart from the text around it and must give the bytes swift-mustache
/// gives the whole.
enum MustacheText {
    /// Every `{{…}}` tag of `utf8`: its inside, trimmed (`{{{x}}}` gives `{x}`), and its byte range.
    static func scan(_ utf8: [UInt8]) -> [(inner: String, range: Range<Int>)] {
        let brace = UInt8(ascii: "{"), closing = UInt8(ascii: "}")
        var result: [(String, Range<Int>)] = []
        var i = 0
        while i + 1 < utf8.count {
            guard utf8[i] == brace, utf8[i + 1] == brace else { i += 1; continue }
            guard let end = (i + 2..<max(i + 2, utf8.count - 1)).first(where: { utf8[$0] == closing && utf8[$0 + 1] == closing }) else { break }
            var inner = String(decoding: utf8[(i + 2)..<end], as: UTF8.self)
            var next = end + 2
            if inner.hasPrefix("{"), next < utf8.count, utf8[next] == closing { inner += "}"; next += 1 }
            result.append((inner.trimmingSpaces, i..<next))
            i = next
        }
        return result
    }

    /// The inside of every `{{…}}` tag of `text`.
    static func tags(in text: String) -> [String] { scan(Array(text.utf8)).map(\.inner) }

    /// The name a tag looks up (its first dotted part), or "" for comments, pragmas and partials.
    static func name(of tag: String) -> String {
        guard let first = tag.first, !"!%>".contains(first) else { return "" }
        var t = Substring(tag)
        if "#^/&{".contains(first) { t = t.dropFirst() }
        if t.hasSuffix("}") { t = t.dropLast() }
        let n = String(t).trimmingSpaces
        return n == "." ? "." : String(n.split(separator: ".").first ?? "")
    }

    /// The name a variable or section tag reads, if it is a plain one (letters, digits, `_`, `-`)
    /// or the current item (`.`); nil for dotted names, transforms and other tags.
    static func plainName(_ inner: String) -> String? {
        var t = Substring(inner)
        guard let first = t.first else { return nil }
        if "#^/&{".contains(first) { t = t.dropFirst() }
        if first == "{" { guard t.hasSuffix("}") else { return nil }; t = t.dropLast() }
        let name = String(t).trimmingSpaces
        if name == "." { return name }
        guard !name.isEmpty, name.utf8.allSatisfy({ b in
            (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b == 0x5F || b == 0x2D
        }) else { return nil }
        return name
    }

    /// The text before, inside and after the `section` section. A section tag alone
    /// on its line takes its line with it, as Mustache's standalone rule does.
    ///
    /// Nil where cutting could change the bytes: the section's name used other than
    /// as one open and one close tag, delimiters changed, inheritance, or a line next
    /// to a cut line holding nothing but a tag. A tag sharing a line with a section
    /// tag is never standalone, and cut apart could become so; and swift-mustache
    /// handles standalone tags on neighbouring lines otherwise than a text cut
    /// apart would (`"{{#g}}{{x}}\n  {{/g}}\n{{/rows}}"` keeps a line break the cut
    /// row loses; the tests hold such cases). Such templates render whole.
    static func cut(_ text: String, at section: String) -> (prefix: String, body: String, suffix: String)? {
        let utf8 = Array(text.utf8)
        let all = scan(utf8)
        guard !all.contains(where: { $0.inner.hasPrefix("=") || $0.inner.hasPrefix("<") || $0.inner.hasPrefix("$") }) else { return nil }
        // A name is some of its tag's bytes: a tag without the section's (ASCII) bytes is not
        // read for its name (a template's sections were each cut this way at every build).
        let key = Array(section.utf8), ascii = section.isAllASCII
        let named = all.filter { (!ascii || $0.inner.utf8Range(of: key) != nil) && name(of: $0.inner) == section }
        guard named.count == 2, named[0].inner.hasPrefix("#"), named[1].inner.hasPrefix("/") else { return nil }
        let o = line(of: named[0].range, utf8) ?? named[0].range, c = line(of: named[1].range, utf8) ?? named[1].range
        func s(_ r: Range<Int>) -> String { String(decoding: utf8[r], as: UTF8.self) }
        let (prefix, body, suffix) = (s(0..<o.lowerBound), s(o.upperBound..<c.lowerBound), s(c.upperBound..<utf8.count))
        // Lines end at "\n" or "\r\n" (one `Character` to Swift, which a split at "\n" leaves whole).
        func lines(_ s: String) -> [Substring] { s.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) }
        func loneTag(_ line: Substring?) -> Bool {
            guard let t = line.map({ String($0).trimmingSpaces }) else { return false }
            return t.hasPrefix("{{") && t.hasSuffix("}}") && tags(in: t).count == 1
        }
        let inside = lines(body), before = lines(prefix), after = lines(suffix)
        // Whole lines next to the cut: a text ending in a line break has an empty last element.
        let insideLast = inside.count > 1 && inside.last!.isEmpty ? inside[inside.count - 2] : inside.last
        let beforeLast = before.count > 1 && before.last!.isEmpty ? before[before.count - 2] : nil
        guard ![inside.first, insideLast, beforeLast, before.last, after.first].contains(where: loneTag) else { return nil }
        return (prefix, body, suffix)
    }

    /// Whether nothing but spaces shares the tag's line (a standalone partial indents every line it prints).
    static func isStandalone(_ tag: Range<Int>, _ utf8: [UInt8]) -> Bool { line(of: tag, utf8) != nil }

    /// The tag's whole line, its line break included, when nothing but spaces shares it; else nil.
    private static func line(of tag: Range<Int>, _ utf8: [UInt8]) -> Range<Int>? {
        var start = tag.lowerBound
        while start > 0, utf8[start - 1] == 0x20 || utf8[start - 1] == 0x09 { start -= 1 }
        guard start == 0 || utf8[start - 1] == 0x0A else { return nil }
        var end = tag.upperBound
        while end < utf8.count, utf8[end] == 0x20 || utf8[end] == 0x09 { end += 1 }
        if end == utf8.count { return start..<end }
        if utf8[end] == 0x0A { return start..<(end + 1) }
        if utf8[end] == 0x0D, end + 1 < utf8.count, utf8[end + 1] == 0x0A { return start..<(end + 2) }
        return nil
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
