import Yams

/// Parses Markdown with YAML front matter: `---`, YAML, `---` (or `...`), body.
///
/// The YAML is composed into nodes rather than decoded, so `date: 2020-07-22`
/// stays the text the user typed and errors carry the YAML's own line.
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
        let lines = SourceText.lineRanges(bytes)
        guard let close = lines.indices.dropFirst().first(where: { i in
            let t = String(decoding: bytes[SourceText.trimmed(bytes, lines[i])], as: UTF8.self)
            return t == "---" || t == "..."
        }) else {
            throw Diagnostic(path: path, line: 1, message: "unterminated front matter: no closing '---' line")
        }
        let yamlRange = (lines.count > 1 ? lines[1].lowerBound : bytes.count)..<lines[close].lowerBound
        let yaml = String(decoding: bytes[yamlRange], as: UTF8.self)
        let (fields, tags) = try mapping(yaml)
        func field(_ key: String) -> (text: String, line: Int)? { fields[key] }

        guard let title = field("title"), !title.text.trimming(" \t").isEmpty else {
            throw Diagnostic(path: path, line: 1, message: "front matter has no 'title'")
        }
        guard let dateField = field("date") else {
            throw Diagnostic(path: path, line: 1, message: "front matter has no 'date' (YYYY-MM-DD)")
        }
        // Accept a timestamp written after the day ("2020-07-22 10:00"), keep the day.
        let dayText = dateField.text.prefix(while: { !$0.isWhitespace && $0 != "T" })
        guard let date = ArticleDate(dayText) else {
            throw Diagnostic(path: path, line: dateField.line,
                             message: "invalid date '\(dateField.text)': expected a real day as YYYY-MM-DD")
        }
        let bodyStart = close + 1 < lines.count ? lines[close + 1].lowerBound : bytes.count
        let body = SourceText.trimmed(bytes, bodyStart..<bytes.count)
        return Article(
            id: id, path: path, format: .frontMatter,
            title: title.text.trimming(" \t"), date: date,
            credits: field("source").map { [$0.text] } ?? [],
            author: field("author")?.text, url: field("url")?.text,
            tags: tags, source: bytes, body: body)
    }

    /// Reads the top-level mapping into text fields (with their file line) and the tag list.
    private func mapping(_ yaml: String) throws(Diagnostic) -> (fields: [String: (text: String, line: Int)], tags: [String]) {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw Diagnostic(path: path, line: FrontMatterParser.line(of: error) + 1, message: "bad YAML in front matter: \(FrontMatterParser.problem(of: error))")
        } catch {
            throw Diagnostic(path: path, line: 2, message: "bad YAML in front matter: \(error)")
        }
        guard let map = node?.mapping else {
            throw Diagnostic(path: path, line: 2, message: "front matter must be a YAML mapping of fields (title, date, …)")
        }
        var result: [String: (text: String, line: Int)] = [:]
        var tags: [String] = []
        for (key, value) in map {
            guard let name = key.string else { continue }
            let line = (value.mark?.line ?? 0) + 1
            switch value {
            case .scalar(let scalar):
                result[name] = (scalar.string, line)
                if name == "tags" { tags = scalar.string.split(separator: ",").map { $0.trimming(" ") } }
            case .sequence(let seq) where name == "tags":
                tags = seq.compactMap { $0.string }
            default:
                throw Diagnostic(path: path, line: line, message: "front matter field '\(name)' must be text")
            }
        }
        return (result, tags)
    }

    static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return 1
        }
    }

    static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return "\(error)"
        }
    }
}
