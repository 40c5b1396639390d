/// Finds credit lines (outlet names, "Spread This News") at the top of a plain-text body.
///
/// A credit is a paragraph of one short line (at most six words) with no
/// sentence punctuation and no quotation marks. At most three are taken, and
/// only while real text follows them.
enum CreditLines {
    static let maxWords = 6
    static let maxCredits = 3

    /// Returns the credits and the byte offset where the body proper starts.
    static func split(_ bytes: [UInt8], from start: Int) -> ([String], Int) {
        var credits: [String] = []
        var cursor = start
        while credits.count < maxCredits {
            guard let para = nextParagraph(bytes, from: cursor) else { break }
            let text = String(decoding: bytes[para.text], as: UTF8.self)
            guard para.lineCount == 1, isCredit(text) else { break }
            // Something must follow: a lone short line is the body, not a credit.
            guard let next = nextParagraph(bytes, from: para.end), !next.text.isEmpty else { break }
            credits.append(text)
            cursor = para.end
        }
        let body = nextParagraph(bytes, from: cursor)?.text.lowerBound ?? cursor
        return (credits, body)
    }

    static func isCredit(_ text: String) -> Bool {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard !words.isEmpty, words.count <= maxWords else { return false }
        let forbidden: Set<Character> = [".", "!", "?", ":", ";", ",", "\"", "“", "”", "‘", "’", "*", "#", ">", "[", "`"]
        if text.contains(where: { forbidden.contains($0) }) { return false }
        return text.first.map { $0.isLetter || $0.isNumber } ?? false
    }

    /// The next paragraph after `offset`: its trimmed text range, line count, and end (after its last line).
    static func nextParagraph(_ bytes: [UInt8], from offset: Int) -> (text: Range<Int>, lineCount: Int, end: Int)? {
        var i = offset
        // Skip blank lines and leading white space.
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D || bytes[i] == 0x0A { i += 1 }
        guard i < bytes.count else { return nil }
        let start = i
        var lines = 1
        var end = bytes.count
        while i < bytes.count {
            if bytes[i] == 0x0A {
                // A blank next line ends the paragraph.
                var j = i + 1
                while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0D { j += 1 }
                if j >= bytes.count || bytes[j] == 0x0A { end = i; break }
                lines += 1
            }
            i += 1
        }
        let text = SourceText.trimmed(bytes, start..<end)
        return (text, lines, end)
    }
}
