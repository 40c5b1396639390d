/// Derives a headline from a body that has none (the dated plain-text format).
///
/// The rule, also in the README: take the first sentence of at least four
/// words (a short kicker such as "Breaking his silence." is skipped); strip
/// Markdown markup; if the sentence is longer than 16 words, cut it before the
/// last joining word ("as", "in", "after", …) between the 7th and 15th word.
/// An apostrophe typed as `‘` between letters is shown as `’`; a wire story's dateline
/// ("WASHINGTON (AP) — ") is left out.
public enum TitleDeriver {
    static let minWords = 4
    static let maxWords = 16
    static let cutWords: Set<String> = ["as", "in", "on", "at", "with", "for", "after", "while", "because",
                                        "which", "who", "that", "and", "but", "when", "where", "amid", "over", "from"]

    public static func title(fromBody body: ArraySlice<UInt8>) -> String {
        let paragraph = firstParagraph(String(decoding: body, as: UTF8.self))
        let plain = withoutDateline(normalizeApostrophes(stripMarkup(paragraph)))
        let sentences = split(sentences: plain)
        let chosen = sentences.first(where: { words($0).count >= minWords }) ?? sentences.first ?? plain
        return shorten(chosen)
    }

    static func firstParagraph(_ text: String) -> String {
        var lines: [Substring] = []
        // At any line break: Swift reads "\r\n" (Windows) as one `Character`, which a split at "\n" leaves whole.
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let t = line.trimming(" \t\r")
            if t.isEmpty { if lines.isEmpty { continue } else { break } }
            lines.append(t[...])
        }
        return lines.joined(separator: " ")
    }

    /// Leading block markers (headings, quotes, list bullets) off, then what a reader sees
    /// of the inline text (`MarkdownInline`), spaces collapsed.
    static func stripMarkup(_ text: String) -> String {
        var chars = Substring(text)
        while let c = chars.first, "#> ".contains(c) || ((c == "-" || c == "+") && chars.dropFirst().first == " ") {
            chars = chars.dropFirst()
        }
        let bytes = Array(chars.utf8)
        let visible = String(decoding: MarkdownInline.visible(bytes, 0..<bytes.count), as: UTF8.self)
        return visible.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    /// The text after a wire story's dateline ("WASHINGTON (AP) — ", "LONDON, Feb 1 (Reuters) - "):
    /// at most eight words before the first dash, the first in capitals, and a capital after
    /// it. The title was "WASHINGTON (AP) — The Supreme Court on Tuesday agreed…".
    static func withoutDateline(_ text: String) -> String {
        guard let dash = [" — ", " – ", " - "].compactMap({ text.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) else { return text }
        let head = text[..<dash.lowerBound].split(separator: " ")
        let rest = text[dash.upperBound...]
        guard let first = head.first, head.count <= 8, first.filter(\.isLetter).count >= 2,
              first.allSatisfy({ !$0.isLetter || $0.isUppercase }), rest.first?.isUppercase == true else { return text }
        return String(rest)
    }

    static func normalizeApostrophes(_ text: String) -> String {
        var chars = Array(text)
        for i in chars.indices where chars[i] == "‘" && i > 0 && i + 1 < chars.count
            && chars[i - 1].isLetter && chars[i + 1].isLetter {
            chars[i] = "’"
        }
        return String(chars)
    }

    static let abbreviations: Set<String> = ["mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "st", "jr", "sr",
                                             "prof", "lt", "col", "capt", "u.s", "u.k", "inc", "co", "corp", "vs", "no"]

    /// Splits at `.`, `!` or `?` followed by a space and a capital letter or quotation mark.
    static func split(sentences text: String) -> [String] {
        var result: [String] = []
        var current = ""
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            current.append(c)
            if ".!?".contains(c) {
                // Closing quotation marks stay with the sentence.
                while i + 1 < chars.count, "”’\")".contains(chars[i + 1]) { i += 1; current.append(chars[i]) }
                let nextIsBoundary = i + 2 < chars.count && chars[i + 1] == " "
                    && (chars[i + 2].isUppercase || "“\"‘".contains(chars[i + 2]) || chars[i + 2].isNumber)
                let last = current.split(separator: " ").last.map { String($0).trimming(".") } ?? ""
                // An initial ("Donald J. Trump") ends no sentence: the title was "… Donald J".
                let isInitial = last.count == 1 && last != "I" && last.first!.isUppercase
                if nextIsBoundary, !(c == "." && (abbreviations.contains(last.lowercased()) || isInitial)) {
                    result.append(current.trimming(" "))
                    current = ""
                }
            }
            i += 1
        }
        let rest = current.trimming(" ")
        if !rest.isEmpty { result.append(rest) }
        return result
    }

    static func words(_ s: String) -> [Substring] { s.split(separator: " ") }

    static func shorten(_ sentence: String) -> String {
        var ws = words(sentence)
        if ws.count > maxWords {
            let cut = ws.indices.reversed().first(where: { $0 >= 7 && $0 <= 14 && cutWords.contains(ws[$0].lowercased()) })
            ws = Array(ws[..<(cut ?? 12)])
            var s = ws.joined(separator: " ").trimming(",;:–—- ")
            if cut == nil { s += "…" }
            return s
        }
        var s = ws.joined(separator: " ")
        while let last = s.last, ".,;:".contains(last) { s.removeLast() }
        return s
    }
}

extension StringProtocol {
    /// The text without the given characters at either end.
    func trimming(_ set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
