/// Parses Markdown with YAML front matter: `---`, YAML, `---` (or `...`), body.
///
/// The YAML is composed into nodes rather than decoded, so `date: 2020-07-22`
/// stays the text the user typed and errors carry the YAML's own line.
import Yams

struct FrontMatterParser {
    let path: String
    let id: String

    static func startsWithFrontMatter(_ bytes: [UInt8]) -> Bool {
        var b = bytes[...]
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { b = b.dropFirst(3) }
        guard b.starts(with: Array("---".utf8)) else { return false }
        let rest = b.dropFirst(3).prefix(while: { $0 != 0x0A })
        return SourceText.isBlank(rest)
    }

    func parse(_ bytes: [UInt8]) throws(Diagnostic) -> Article {
        // The YAML runs from the line after the opening `---` to a line `---` or `...`.
        let yamlStart = min(bytes.count, SourceText.lineEnd(bytes, from: 0) + 1)
        var lineStart = yamlStart
        var closing: Range<Int>? = nil
        while lineStart < bytes.count {
            let end = SourceText.lineEnd(bytes, from: lineStart)
            let text = bytes[SourceText.trimmed(bytes, lineStart..<end)]
            if text.elementsEqual("---".utf8) || text.elementsEqual("...".utf8) { closing = lineStart..<end; break }
            lineStart = end + 1
        }
        guard let closing else {
            throw Diagnostic(path: path, line: 1, message: "unterminated front matter: no closing '---' line")
        }
        let yaml = String(decoding: bytes[yamlStart..<closing.lowerBound], as: UTF8.self)
        let (fields, tags, others) = try mapping(yaml)
        func field(_ key: String) -> (text: String, line: Int)? { fields[key] }

        /// "no 'date'", and where a field is named so in other letter cases, that one and its line;
        /// for the date, a field other tools give it (`publishDate`, `published`), that one.
        func missing(_ key: String, _ what: String) -> Diagnostic {
            guard let other = others.keys.sorted().first(where: { $0.lowercased() == key }) else {
                if key == "date", let other = others.keys.sorted().first(where: { DateHint.otherDateFields.contains($0.lowercased()) }) {
                    return Diagnostic(path: path, line: others[other]!,
                                      message: "front matter has no 'date'\(what): Concord reads the day from 'date', not '\(other)'")
                }
                return Diagnostic(path: path, line: 1, message: "front matter has no '\(key)'\(what)")
            }
            return Diagnostic(path: path, line: others[other]!,
                              message: "front matter has no '\(key)'\(what): field names are lower case, not '\(other)'")
        }
        guard let title = field("title") else { throw missing("title", "") }
        guard !title.text.isEmpty else {
            // `title: #1 in the charts`: YAML reads what follows # as a comment.
            let typed = Self.line(title.line - 2, of: yaml).drop(while: { $0 != ":" }).dropFirst().trimmingCharacters(in: .whitespacesAndNewlines)
            throw Diagnostic(path: path, line: title.line, message: "'title' is empty"
                             + (typed.hasPrefix("#") ? ": YAML reads what follows # as a comment; put the title in quotes (title: \"\(typed)\")" : ""))
        }
        guard let dateField = field("date") else { throw missing("date", " (YYYY-MM-DD)") }
        // Accept a timestamp written after the day ("2020-07-22 10:00"), keep the day.
        let dayText = dateField.text.prefix(while: { !$0.isWhitespace && $0 != "T" })
        guard let date = ArticleDate(dayText) else {
            throw Diagnostic(path: path, line: dateField.line,
                             message: "invalid date '\(dateField.text)': expected a real day as YYYY-MM-DD"
                                + DateHint.advice(dateField.text, writing: "date: "))
        }
        let body = SourceText.trimmed(bytes, min(bytes.count, closing.upperBound + 1)..<bytes.count)
        return Article(
            id: id, path: path, format: .frontMatter,
            title: title.text, date: date,
            credits: field("source").map { [$0.text] } ?? [],
            author: field("author")?.text, url: field("url")?.text,
            tags: tags, source: bytes, body: body)
    }

    /// Reads the top-level mapping into text fields (with their file line), the tag list, and
    /// the line of each field Concord does not read (`Date:` is named in the error for no `date`).
    private func mapping(_ yaml: String) throws(Diagnostic)
        -> (fields: [String: (text: String, line: Int)], tags: [String], others: [String: Int]) {
        let map: YAMLMapping
        do throws(YAMLMapping.Failure) {
            map = try YAMLMapping(yaml, firstLine: 2)
        } catch {
            switch error {
            case .syntax(let line, let problem):
                // `title: Breaking: the mayor resigns`, the commonest slip: said how to write it.
                let hint = problem.hasPrefix("mapping values are not allowed") ? " (a value with ': ' in it goes in quotes: title: \"Breaking: …\")" : ""
                throw Diagnostic(path: path, line: line, message: "bad YAML in front matter: \(problem)" + hint)
            case .notMapping:
                throw Diagnostic(path: path, line: 2, message: "front matter must be a YAML mapping of fields (title, date, …)")
            }
        }
        var result: [String: (text: String, line: Int)] = [:]
        var tags: [String] = [], others: [String: Int] = [:]
        for entry in map.entries {
            // Fields Concord does not read (Hugo's `draft`, Jekyll's `categories`, a mapping of
            // `params`) are left alone, whatever their value: an export from another tool builds.
            guard Self.fields.contains(entry.key) else { others[entry.key] = entry.line; continue }
            switch entry.value {
            case .scalar(let scalar) where Self.isNull(scalar):
                // `author:`, `author: ~`: no author, as YAML means it (not a credit of "" or a byline "by ~").
                if entry.key == "title" || entry.key == "date" { result[entry.key] = ("", entry.line) }
            case .scalar(let scalar):
                // Without the spaces and line breaks around it: a folded or literal block
                // (`title: >`) ends in a line break, which a title carried into every page.
                let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
                if entry.key == "tags" { tags = scalar.string.split(separator: ",").map { $0.trimming(" ") }.filter { !$0.isEmpty } }
                // An optional field left empty (`source: ""`) is not given.
                else if !text.isEmpty || entry.key == "title" || entry.key == "date" { result[entry.key] = (text, entry.line) }
            case .sequence(let seq) where entry.key == "tags":
                tags = seq.compactMap { $0.scalar.flatMap { Self.isNull($0) ? nil : $0.string } }
            default:
                throw Diagnostic(path: path, line: entry.line, message: "front matter field '\(entry.key)' must be text"
                                 + (entry.key == "tags" ? " or a list of words" : ""))
            }
        }
        return (result, tags, others)
    }

    /// Line `n` (0-based) of `text`, "" past its end.
    static func line(_ n: Int, of text: String) -> Substring {
        guard n >= 0 else { return "" }
        return text.split(separator: "\n", maxSplits: n + 1, omittingEmptySubsequences: false).dropFirst(n).first ?? ""
    }

    /// The fields Concord reads; any other is ignored.
    static let fields: Set<String> = ["title", "date", "source", "author", "url", "tags"]

    /// Whether a value is YAML's null: nothing, or a plain `~` or `null` (a quoted "null" is text).
    static func isNull(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }
}
