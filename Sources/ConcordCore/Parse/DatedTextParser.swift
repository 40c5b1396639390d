/// Parses the dated plain-text format: `date YYYY-MM-DD` then the body.
///
/// Short lines at the top without sentence punctuation ("Spread This News",
/// "Channel24") are credit lines, kept apart from the body.
struct DatedTextParser {
    let path: String
    let id: String

    func parse(_ bytes: [UInt8]) throws(Diagnostic) -> Article {
        let lines = SourceText.lineRanges(bytes)
        guard let first = lines.first else {
            throw Diagnostic(path: path, line: 1, message: "empty file: an article needs a date and a body")
        }
        let line = SourceText.trimmed(bytes, first)
        let text = String(decoding: bytes[line], as: UTF8.self)
        guard text.hasPrefix("date ") || text.hasPrefix("date\t") else {
            throw Diagnostic(path: path, line: 1,
                             message: "missing date: the first line must start with 'date YYYY-MM-DD' (or the file must start with '---' front matter)")
        }
        let afterKeyword = text.dropFirst(5).drop(while: { $0 == " " || $0 == "\t" })
        let dateText = afterKeyword.prefix(while: { !$0.isWhitespace })
        guard let date = ArticleDate(dateText) else {
            let shown = dateText.isEmpty ? "nothing" : "'\(dateText)'"
            throw Diagnostic(path: path, line: 1,
                             message: "invalid date \(shown): expected a real day as YYYY-MM-DD")
        }
        // The body starts right after the date on the first line.
        let dateEnd = line.lowerBound + ("date" + text.dropFirst(4).prefix(while: { $0 == " " || $0 == "\t" }) + dateText).utf8.count
        let (credits, bodyStart) = CreditLines.split(bytes, from: dateEnd)
        let body = bodyStart..<SourceText.trimmed(bytes, bodyStart..<bytes.count).upperBound
        guard !body.isEmpty else {
            throw Diagnostic(path: path, line: 1, message: "no body: the article has a date but no text")
        }
        let title = TitleDeriver.title(fromBody: bytes[body])
        return Article(id: id, path: path, format: .datedText, title: title, date: date,
                       credits: credits, source: bytes, body: body)
    }
}
