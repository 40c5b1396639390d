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
        while let start = rest.range(of: open) {
            line += rest[..<start.lowerBound].filter { $0 == "\n" || $0 == "\r\n" }.count
            let after = rest[start.upperBound...]
            guard let end = after.range(of: close) else { break }
            let tag = after[..<end.lowerBound]
            result.append((tag, line))
            line += tag.filter { $0 == "\n" || $0 == "\r\n" }.count
            rest = after[end.upperBound...]
            // `=<% %>=`: the two new delimiters, apart by spaces.
            if tag.count > 2, tag.first == "=", tag.last == "=" {
                let parts = tag.dropFirst().dropLast().split(whereSeparator: { $0 == " " || $0 == "\t" })
                if parts.count == 2 { (open, close) = (String(parts[0]), String(parts[1])) }
            }
        }
        return result
    }
}
