/// The word a misspelling most likely meant, for the "did you mean …?" of messages about
/// settings (`SiteConfig`) and template names (`TemplateNames`).
enum Spelling {
    /// The word of `words` at most two edits from `word` (letters compared without case,
    /// `WordAligner.editDistance`), the nearest first, then the first in `words`' order; nil if none is.
    static func closest<Words: Sequence<String>>(to word: String, among words: Words) -> String? {
        let typed = Array(word.lowercased().utf8)[...]
        var best: (distance: Int, word: String)? = nil
        for w in words {
            let d = WordAligner.editDistance(typed, Array(w.lowercased().utf8)[...], limit: 2)
            if d <= 2, best.map({ d < $0.distance }) ?? true { best = (d, w) }
        }
        return best?.word
    }
}
