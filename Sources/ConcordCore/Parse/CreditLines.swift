import Foundation

/// Finds credit lines (outlet names, "Spread This News", bylines, time stamps, photo credits)
/// at the top of a plain-text body.
///
/// A credit is a short line (at most six words) with no sentence punctuation and no
/// quotation marks that is no headline in sentence case (`isHeadline`); or a byline ("By JANE DOE and JOHN ROE", "By Sam Green, Political
/// Correspondent"), a time stamp ("Updated 3:45 PM EST, April 2, 2024") or a photo credit
/// ("Photo: Getty Images") of at most twelve words. A paragraph is credits when each of its
/// lines is one. At most five are taken, and only while real text follows them. (Bylines,
/// stamps and photo credits, and credits sharing a paragraph, were the body: the title was
/// "By JANE DOE and JOHN ROE Associated Press Updated 3:45 PM EST, April 2, 2024".)
enum CreditLines {
    static let maxWords = 6
    static let maxCredits = 5
    /// Words a byline, stamp or photo credit may have.
    static let maxLabelledWords = 12

    /// Returns the credits and the byte offset where the body proper starts.
    static func split(_ bytes: [UInt8], from start: Int) -> ([String], Int) {
        var credits: [String] = []
        var cursor = start
        while credits.count < maxCredits {
            guard let para = nextParagraph(bytes, from: cursor) else { break }
            let text = String(decoding: bytes[para.text], as: UTF8.self)
            let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !lines.isEmpty, credits.count + lines.count <= maxCredits, lines.allSatisfy(isCredit) else { break }
            // Something must follow: a lone short line is the body, not a credit.
            guard let next = nextParagraph(bytes, from: para.end), !next.text.isEmpty else { break }
            credits += lines
            cursor = para.end
        }
        let body = nextParagraph(bytes, from: cursor)?.text.lowerBound ?? cursor
        return (credits, body)
    }

    static func isCredit(_ text: String) -> Bool {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard !words.isEmpty, text.first.map({ $0.isLetter || $0.isNumber }) ?? false else { return false }
        if words.count <= maxWords {
            let forbidden: Set<Character> = [".", "!", "?", ":", ";", ",", "\"", "“", "”", "‘", "’", "*", "#", ">", "[", "`"]
            if !text.contains(where: { forbidden.contains($0) }) { return !isHeadline(words) }
        }
        guard words.count <= maxLabelledWords, !text.contains(where: { "\"“”‘!?;*#>[`".contains($0) }), text.last != "." || words.last!.count <= 4
        else { return false }
        return isByline(words) || isStamp(words) || isPhotoCredit(words)
    }

    /// A headline in sentence case ("Farmers vow to fight Riverton barrier"): three words or
    /// more, two of them after the first in lower case, other than the small words names
    /// have ("News of the World", "Spread This News" are outlets). It was a credit, and the
    /// title came from the sentence after it.
    static func isHeadline(_ words: [Substring]) -> Bool {
        words.count >= 3 && words.dropFirst().lazy.filter { w in w.first!.isLowercase && !nameWords.contains(String(w)) }.count >= 2
    }

    /// The small words names have in lower case ("News of the World", "Banco de España").
    private static let nameWords: Set<String> = ["and", "&", "of", "the", "for", "in", "on", "de", "du", "da", "del", "der", "van", "von", "la", "le"]

    /// "By Jane Doe", "By JANE DOE and JOHN ROE", "By Sam Green, Political Correspondent", "By the
    /// Editorial Board" (not "By the time …": every word but a few small ones capitalized).
    private static func isByline(_ words: [Substring]) -> Bool {
        guard words.count >= 2, words[0] == "By" || words[0] == "BY" else { return false }
        return words.dropFirst().allSatisfy { w in
            w.first!.isUppercase || ["and", "&", "in", "of", "for", "the"].contains(w.lowercased()) || w.first!.isNumber
        }
    }

    /// "Updated 3:45 PM EST, April 2, 2024", "Published 10:02 BST", "Last modified 2024-04-02": a
    /// label, then a time (`3:45`) or a date (a month's name and a number, or `2024-04-02`,
    /// `4/2/2024`). Not a headline that starts like one ("Updated census shows 5 million more").
    private static func isStamp(_ words: [Substring]) -> Bool {
        let labels: Set<String> = ["updated", "published", "posted", "modified"]
        let lower = words.map { $0.lowercased() }
        let labelled = labels.contains(lower[0]) || (["first", "last"].contains(lower[0]) && lower.count > 1 && labels.contains(lower[1]))
        guard words.count >= 2, labelled else { return false }
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        let hasMonth = lower.contains { w in months.contains { w.hasPrefix($0) } }
        return words.contains { w in
            let digits = w.filter(\.isNumber).count
            let time = w.contains(":") && digits >= 3
            let date = digits >= 3 && (w.contains("-") || w.contains("/"))
            return time || date || (hasMonth && digits > 0)
        }
    }

    /// "Photo: Getty Images", "Photograph by Jane Roe", "Image credit: Reuters".
    private static func isPhotoCredit(_ words: [Substring]) -> Bool {
        let labels: Set<String> = ["photo", "photo:", "photograph", "photograph:", "image", "image:", "picture", "picture:", "credit:", "photos:"]
        return words.count >= 2 && labels.contains(words[0].lowercased())
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
