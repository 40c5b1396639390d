/// The tags of a Mustache template, as Mustache reads them, for the checks made before
/// anything renders (`PartialCycles`, `TemplateNames`).
enum MustacheTags {
    /// Each tag's text (between its delimiters) and the line it starts on. The delimiters are
    /// `{{ }}` until a tag sets others (`{{=<% %>=}}`), as Mustache reads them: a template that
    /// changes them and then includes itself (`<%> meta %>`) is found like any other.
    static func of(_ text: String) -> [(tag: Substring, line: Int)] {
        var result: [(Substring, Int)] = []
        var line = 1
        var rest = Substring(text)
        var (open, close) = ("{{", "}}")
        while let start = find(open, in: rest) {
            line += lineBreaks(in: rest[..<start.lowerBound])
            let after = rest[start.upperBound...]
            guard let end = find(close, in: after) else { break }
            let tag = after[..<end.lowerBound]
            result.append((tag, line))
            line += lineBreaks(in: tag)
            rest = after[end.upperBound...]
            // `=<% %>=`: the two new delimiters, apart by spaces.
            if tag.count > 2, tag.first == "=", tag.last == "=" {
                let parts = tag.dropFirst().dropLast().split(whereSeparator: { $0 == " " || $0 == "\t" })
                if parts.count == 2 { (open, close) = (String(parts[0]), String(parts[1])) }
            }
        }
        return result
    }

    /// Where `delimiter` first lies in `text`, read as Mustache reads a template, by `Character`:
    /// an ASCII delimiter is found by its bytes, where both its ends fall between characters (a
    /// `{` that an accent follows is another character); any other by `firstRange(of:)`.
    /// (Foundation's `range(of:)` took 11 ms for the eight built-in templates' checks, at every build.)
    static func find(_ delimiter: String, in text: Substring) -> Range<String.Index>? {
        guard !delimiter.isEmpty, delimiter.isAllASCII else { return text.firstRange(of: delimiter) }
        let target = Array(delimiter.utf8)
        var from = text.startIndex
        while let r = text.utf8Range(of: target, from: from) {
            if let lo = String.Index(r.lowerBound, within: text), let hi = String.Index(r.upperBound, within: text) { return lo..<hi }
            from = text.utf8.index(after: r.lowerBound)
        }
        return nil
    }

    /// `text` without the spaces around it, as Foundation's `trimmingCharacters(in: .whitespaces)`
    /// takes them off (tabs and Unicode's spaces, scalar by scalar), which was slow enough to
    /// count in every build's checks of the templates.
    static func trimmed(_ text: Substring) -> Substring {
        let scalars = text.unicodeScalars
        // Its set: tabs, Unicode's spaces (Zs), and the zero-width space.
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == "\t" || s == "\u{200B}" || s.properties.generalCategory == .spaceSeparator }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else {
            return text[text.endIndex...]
        }
        return Substring(scalars[first...last])
    }

    /// The line breaks in `text`: "\n" and "\r\n" alike, each one line feed.
    static func lineBreaks(in text: Substring) -> Int {
        text.utf8.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
    }
}
