/// Where a reporter's own words take over inside a quote whose closing mark is missing.
///
/// Such a quote runs to the end of its paragraph (`QuoteScanner`), which can sweep the
/// reporter's next clause into the speaker's words: in the seeds, Kanye West's tweet
/// “like on the movie Get Out – and added that he’s been trying to divorce…”. The quote is
/// cut before a dash set apart by spaces (– — or -) when what follows it reads as narration
/// about the speaker:
///
/// - "and" or "but", then a reporting verb in the past or present ("and added", "but said"),
/// - "he", "she" or "they", then such a verb ("she wrote"),
/// - a reporting verb in "-ing", then "that" ("adding that"),
///
/// an adverb allowed before the verb ("and later said"). A verb's bare form ("– and say what
/// you think") or a weak one ("– and called"), which speakers use of themselves as often,
/// does not cut. Only the quote's last paragraph is searched: a quote that the next
/// paragraph reopened is the speaker's up to there.
enum NarrationAfterDash {
    /// The index (in `chars`) of the dash the narration resumes after, within `content..<end`; nil if none.
    static func find(in chars: ScalarText, from content: Int, to end: Int) -> Int? {
        // One pass: a paragraph break forgets the dash found before it.
        var found: Int? = nil
        var k = content
        while k < end {
            if chars[k] == "\n", let next = chars.paragraphStart(after: k), next < end { found = nil; k = next; continue }
            if found == nil, isDash(chars, k, end: end), startsNarration(chars, after: k + 1, end: end) { found = k }
            k += 1
        }
        return found
    }

    /// An en or em dash, or a hyphen, with white space on both sides.
    private static func isDash(_ chars: ScalarText, _ k: Int, end: Int) -> Bool {
        let c = chars[k].value
        guard c == 0x2013 || c == 0x2014 || c == 0x2D else { return false }
        return k > 0 && chars.isSpace(k - 1) && k + 1 < end && chars.isSpace(k + 1)
    }

    private static func startsNarration(_ chars: ScalarText, after k: Int, end: Int) -> Bool {
        var at = k
        func next() -> String? {
            guard let (word, after) = self.word(in: chars, at: at, end: end) else { return nil }
            at = after
            return word
        }
        guard let first = next() else { return false }
        if first.hasSuffix("ing") {
            return isStrongVerb(first) && next() == "that"
        }
        guard first == "and" || first == "but" || first == "he" || first == "she" || first == "they" else { return false }
        guard var verb = next() else { return false }
        if ReportingLexicon.adverbs.contains(verb) { guard let after = next() else { return false }; verb = after }
        return isStrongVerb(verb) && ReportingLexicon.isInflectedVerb(verb)     // "added", "says"; not "add", "adding"
    }

    /// A reporting verb that is not among the weak ones.
    private static func isStrongVerb(_ word: String) -> Bool {
        ReportingLexicon.verbs.contains(word) && !ReportingLexicon.weakVerbs.contains(word)
    }

    /// The word of ASCII letters at or after `k` (white space skipped), lower-cased, and the index after it.
    private static func word(in chars: ScalarText, at k: Int, end: Int) -> (String, Int)? {
        var i = k
        while i < end, chars.isSpace(i) { i += 1 }
        var word = ""
        while i < end, chars[i].isASCII, chars[i].properties.isAlphabetic {
            word.unicodeScalars.append(Unicode.Scalar(UInt8(chars[i].value) | 0x20))      // A–Z to a–z
            i += 1
        }
        return word.isEmpty ? nil : (word, i)
    }
}
