import Mustache

/// A list page's template (the archive index, the passages and speakers lists)
/// cut at its one row section (`{{#articles}}…{{/articles}}`, …): a shell
/// (everything around the section) and a row (the section's body), so that
/// each row renders on its own, in any order, and a row rendered by an earlier
/// build can be reused as it is.
///
/// Only a template of that plain shape is cut: the section's name used exactly
/// twice (its open and close tags), no delimiter change, no template
/// inheritance. Anything else renders whole, as before. A row renders with
/// the row's values laid over the page's, which is what a Mustache section
/// looks up (the row first, then the enclosing context).
struct ListTemplate: Sendable {
    let shell: MustacheTemplate
    let row: MustacheTemplate
    /// Names the row's text (partials included) reads: when it reads a page-level
    /// value (such as `articleCount`), every row depends on it.
    let rowNames: Set<String>
    /// The row's text as a stencil source (`StencilSource`), when it is one and `library` was given.
    let rowStencil: StencilSource?

    /// Where the rendered rows go in the rendered shell: a line of its own.
    static let rowsMark = "\u{1}concord:rows\u{1}"

    /// - Parameters:
    ///   - section: the name of the section that repeats for each row.
    ///   - library: the templates' library, for rows filled from stencils; nil renders every row with swift-mustache.
    init?(text: String, section: String, partial: (String) -> String?, library: MustacheLibrary? = nil) {
        guard let cut = Self.cut(text, at: section), let names = Self.names(in: cut.body, partial: partial),
              !names.contains(".") else { return nil }
        // Pragmas (`{{% CONTENT_TYPE: HTML }}`) set up the whole template; the row needs them too.
        let pragmas = Self.tags(in: cut.prefix).filter { $0.hasPrefix("%") }.map { "{{" + $0 + "}}\n" }.joined()
        guard let shell = try? MustacheTemplate(string: cut.prefix + Self.rowsMark + "\n" + cut.suffix),
              let row = try? MustacheTemplate(string: pragmas + cut.body) else { return nil }
        self.shell = shell; self.row = row; self.rowNames = names
        rowStencil = library.flatMap { StencilSource(text: pragmas + cut.body, library: $0) }
    }

    /// The text before, inside and after the `section` section. A section tag alone
    /// on its line takes its line with it, as Mustache's standalone rule does.
    static func cut(_ text: String, at section: String) -> (prefix: String, body: String, suffix: String)? {
        let utf8 = Array(text.utf8)
        let all = scan(utf8)
        guard !all.contains(where: { $0.inner.hasPrefix("=") || $0.inner.hasPrefix("<") || $0.inner.hasPrefix("$") }) else { return nil }
        let named = all.filter { name(of: $0.inner) == section }
        guard named.count == 2, named[0].inner.hasPrefix("#"), named[1].inner.hasPrefix("/") else { return nil }
        let open = named[0].range, close = named[1].range
        let o = standalone(open, utf8), c = standalone(close, utf8)
        func s(_ r: Range<Int>) -> String { String(decoding: utf8[r], as: UTF8.self) }
        let (prefix, body, suffix) = (s(0..<o.lowerBound), s(o.upperBound..<c.lowerBound), s(c.upperBound..<utf8.count))
        // A tag sharing a line with a section tag is never standalone; cut apart, it could
        // become so and change the whitespace. Such templates render whole.
        func lines(_ s: String) -> [String] {
            s.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
                String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
            }
        }
        func couldStandAlone(_ line: String?) -> Bool {
            guard let t = line?.trimmingSpaces else { return false }
            let inner = tags(in: t)
            return t.hasPrefix("{{") && t.hasSuffix("}}") && inner.count == 1 && inner[0].first.map { "#^/!>=%$<".contains($0) } == true
        }
        if o == open, couldStandAlone(lines(body).first) { return nil }
        if c == close, couldStandAlone(lines(body).last) || couldStandAlone(lines(suffix).first) { return nil }
        return (prefix, body, suffix)
    }

    /// The tag's range widened to its whole line when nothing but spaces shares the line.
    private static func standalone(_ tag: Range<Int>, _ utf8: [UInt8]) -> Range<Int> {
        var start = tag.lowerBound
        while start > 0, utf8[start - 1] == 0x20 || utf8[start - 1] == 0x09 { start -= 1 }
        guard start == 0 || utf8[start - 1] == 0x0A else { return tag }
        var end = tag.upperBound
        while end < utf8.count, utf8[end] == 0x20 || utf8[end] == 0x09 { end += 1 }
        if end == utf8.count { return start..<end }
        if utf8[end] == 0x0A { return start..<(end + 1) }
        if utf8[end] == 0x0D, end + 1 < utf8.count, utf8[end + 1] == 0x0A { return start..<(end + 2) }
        return tag
    }

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

    /// Every name `text` and the partials it includes look up; nil when a partial is missing.
    static func names(in text: String, partial: (String) -> String?, seen: Set<String> = []) -> Set<String>? {
        var names = Set<String>()
        for tag in tags(in: text) {
            if tag.hasPrefix(">") {
                let p = String(tag.dropFirst()).trimmingSpaces
                if seen.contains(p) { continue }
                guard let inner = partial(p), let more = self.names(in: inner, partial: partial, seen: seen.union([p])) else { return nil }
                names.formUnion(more)
            } else if case let n = name(of: tag), !n.isEmpty {
                names.insert(n)
            }
        }
        return names
    }

    /// The rendered shell, split where the rows go.
    func shellParts(_ context: [String: Any], library: MustacheLibrary) -> (before: String, after: String) {
        let rendered = shell.render(context, library: library)
        guard let mark = rendered.range(of: Self.rowsMark + "\n") else { return (rendered, "") }
        return (String(rendered[..<mark.lowerBound]), String(rendered[mark.upperBound...]))
    }

    /// One row: the row's values laid over the page's. Filled from the row's stencil where it
    /// has one (`StencilSource.fill`), else rendered by swift-mustache.
    func renderRow(_ row: [String: Any], page: [String: Any], library: MustacheLibrary) -> String {
        guard let source = rowStencil else { return plainRow(row, page: page, library: library) }
        return source.fill([page, row]) { plainRow(row, page: page, library: library) }.text
    }

    /// One row rendered by swift-mustache.
    func plainRow(_ row: [String: Any], page: [String: Any], library: MustacheLibrary) -> String {
        var context = page
        for (k, v) in row { context[k] = v }
        return self.row.render(context, library: library)
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
