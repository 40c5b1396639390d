/// Parses the dated plain-text format: `date YYYY-MM-DD` then the body.
///
/// Short lines at the top without sentence punctuation ("Spread This News",
/// "Channel24") are credit lines, kept apart from the body.
struct DatedTextParser {
    let path: String
    let id: String

    func parse(_ bytes: [UInt8]) throws(Diagnostic) -> Article {
        // The first line: white space, `date`, white space, the day; the rest starts the body.
        // A byte-order mark (as some Windows editors save UTF-8) may come first.
        let first = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let line = SourceText.trimmed(bytes, first..<SourceText.lineEnd(bytes, from: first))
        func isBlank(_ i: Int) -> Bool { bytes[i] == 0x20 || bytes[i] == 0x09 }
        guard bytes[line].starts(with: Array("date".utf8)), line.count > 4, isBlank(line.lowerBound + 4) else {
            throw Diagnostic(path: path, line: 1, message: Self.missingDate(firstWord: bytes[line].prefix(while: { $0 != 0x20 && $0 != 0x09 })))
        }
        var dateStart = line.lowerBound + 4
        while dateStart < line.upperBound, isBlank(dateStart) { dateStart += 1 }
        var dateEnd = dateStart
        while dateEnd < line.upperBound, !isBlank(dateEnd) { dateEnd += 1 }
        let dateText = String(decoding: bytes[dateStart..<dateEnd], as: UTF8.self)
        guard let date = ArticleDate(dateText) else {
            let shown = dateText.isEmpty ? "nothing" : "'\(dateText)'"
            throw Diagnostic(path: path, line: 1,
                             message: "invalid date \(shown): expected a real day as YYYY-MM-DD"
                                + Self.dateAdvice(String(decoding: bytes[dateStart..<line.upperBound], as: UTF8.self)))
        }
        let (credits, bodyStart) = CreditLines.split(bytes, from: dateEnd)
        let body = bodyStart..<SourceText.trimmed(bytes, bodyStart..<bytes.count).upperBound
        guard !body.isEmpty else {
            throw Diagnostic(path: path, line: 1, message: "no body: the article has a date but no text")
        }
        let title = TitleDeriver.title(fromBody: bytes[body])
        return Article(id: id, path: path, format: .datedText, title: title, date: date,
                       credits: credits, source: bytes, body: body)
    }

    /// The day that the start of the first line after `date` stands for, if it is written
    /// another way ("date March 4, 2025 The council voted…"): its first two to four words.
    static func dateAdvice(_ rest: String) -> String {
        let words = rest.split(whereSeparator: { $0 == " " || $0 == "\t" })
        for k in 1...min(4, max(1, words.count)) {
            let advice = DateHint.advice(words.prefix(k).joined(separator: " "), writing: "date ")
            if !advice.isEmpty { return advice }
        }
        return ""
    }

    /// What is wrong with a first line that does not start with `date`: a near miss
    /// (`Date:`, `date:`, the day alone, TOML's `+++`) is named with the line to write instead.
    static func missingDate(firstWord: ArraySlice<UInt8>) -> String {
        let usual = "missing date: the first line must start with 'date YYYY-MM-DD' (or the file must start with '---' front matter)"
        guard firstWord.count <= 12, let word = String(validating: firstWord, as: UTF8.self) else { return usual }
        if word.lowercased() == "date" || word.lowercased() == "date:" {
            return "missing date: the first line starts with '\(word)': write 'date YYYY-MM-DD', in lower case, without a colon"
        }
        if word == "+++" { return "missing date: '+++' starts TOML front matter, which Concord does not read: write the fields as YAML between '---' lines" }
        if ArticleDate(word) != nil { return "missing date: the first line starts with the day alone: write 'date \(word)'" }
        return usual
    }
}
