/// The people an article names, in order, for canonical names and pronouns.
///
/// Every capitalized run in the narration that reads as a name is a mention.
/// A short form ("Kim", "Kardashian") is canonical under the full name that
/// has it as first or last word, in this article first, then in the archive.
struct NameBook {
    struct Mention {
        let tokens: ClosedRange<Int>
        let name: String
        let gender: Gender
        let isOrganization: Bool
    }

    private(set) var mentions: [Mention] = []
    /// Multi-word person names, in order of first mention.
    private(set) var fullNames: [String] = []

    init(text: ArticleText) {
        let reader = SpeakerPhraseReader(text: text)
        var i = 0
        var seen = Set<String>()
        while i < text.count {
            guard !text.isQuoted(i), text.isCapitalized(i) else { i += 1; continue }
            var end = i
            while end + 1 < text.count, !text.isQuoted(end + 1), text.isCapitalized(end + 1),
                  text.text.separator(after: end).isDisjoint(with: .anyBreak)
                    || ReportingLexicon.titles[text.norm(end)] != nil && !text.text.separator(after: end).contains(.paragraph) {
                end += 1
            }
            // Drop a sentence-opening common word ("In Charleston" → "Charleston").
            var start = i
            while start < end, ReportingLexicon.notNames.contains(text.norm(start)) { start += 1 }
            // A lone capitalized word opening a sentence is a name only if it is a known first name.
            if start == end, text.startsSentence(start), ReportingLexicon.gender(ofFirstName: text.norm(start)) == .unknown {
                i = end + 1
                continue
            }
            if let phrase = reader.name(start...end) {
                switch phrase.reference {
                case .name(let n, var g):
                    // A role noun just before the name tells its gender: "daughter North West", "husband Kanye West".
                    if g == .unknown, phrase.tokens.lowerBound > 0,
                       let role = ReportingLexicon.roleNouns[text.norm(phrase.tokens.lowerBound - 1)], role != .unknown {
                        g = role
                    }
                    mentions.append(Mention(tokens: phrase.tokens, name: n, gender: g, isOrganization: false))
                    if n.containsASCII(" "), seen.insert(n).inserted { fullNames.append(n) }
                case .organization(let n):
                    mentions.append(Mention(tokens: phrase.tokens, name: n, gender: .plural, isOrganization: true))
                default: break
                }
            }
            i = end + 1
        }
    }

    /// The full name in this article that `short` abbreviates, if one.
    func fullName(for short: String) -> String? {
        guard !short.containsASCII(" ") else { return short }
        return fullNames.first { n in
            let parts = n.split(separator: " ")
            return parts.first.map(String.init) == short || parts.last.map(String.init) == short
        }
    }

    /// The gender of a person, from any mention of the name or its parts.
    func gender(of name: String) -> Gender {
        let first = name.split(separator: " ").first.map { $0.lowercased() } ?? ""
        let g = ReportingLexicon.gender(ofFirstName: first)
        if g != .unknown { return g }
        return mentions.first { ($0.name == name || fullName(for: $0.name) == name) && $0.gender != .unknown }?.gender ?? .unknown
    }
}
