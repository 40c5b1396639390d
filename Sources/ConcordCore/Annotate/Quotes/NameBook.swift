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
        /// The title or office word right before the name ("senator" of "Senator Maria Lopez"), which
        /// a description by that word ("the senator") stands for.
        var title: String? = nil
    }

    private(set) var mentions: [Mention] = []
    /// Multi-word person names, in order of first mention.
    private(set) var fullNames: [String] = []
    /// Each mention's canonical name (`canonical(_:)`), and that name's gender (`gender(of:)`).
    private(set) var canonicalNames: [String] = []
    private(set) var canonicalGenders: [Gender] = []
    /// Found once for the article, so that a quote's speaker is looked up rather than searched
    /// for: 30,000 quotes in one article each searched every mention, and every mention's name,
    /// which was quadratic. `genders`: the gender of the first mention, with a known gender,
    /// named by a name or by its canonical form. `lastOf[g][j]`: the last person mention at or
    /// before `j` whose canonical gender is `g`; -1: none.
    private var canonicalByName: [String: String] = [:]
    private var genders: [String: Gender] = [:]
    private var lastOf: [Gender: [Int32]] = [:]
    /// The person mentions with each title, in order.
    private var titled: [String: [Int32]] = [:]

    init(text: ArticleText) {
        let reader = SpeakerPhraseReader(text: text)
        var i = 0
        var seen = Set<String>()
        // The last words of the full names met so far ("Lopez" of "Maria Lopez").
        var surnames = Set<Substring>()
        while i < text.count {
            guard !text.isQuoted(i), text.isCapitalized(i) else { i += 1; continue }
            var end = i
            while end + 1 < text.count, !text.isQuoted(end + 1), text.isCapitalized(end + 1),
                  text.text.separator(after: end).isDisjoint(with: .anyBreak)
                    || (ReportingLexicon.titles[text.norm(end)] != nil || text.isInitial(end)) && !text.text.separator(after: end).contains(.paragraph) {
                end += 1
            }
            // Drop a sentence-opening common word or inflected reporting verb ("In Charleston" →
            // "Charleston", "Says Jones:" → "Jones", which was the full name of every later "Jones";
            // not a bare stem, which opens names: "Post Malone").
            var start = i
            while start < end, ReportingLexicon.notNames.contains(text.norm(start)) || ReportingLexicon.isInflectedVerb(text.norm(start)) {
                start += 1
            }
            // A lone capitalized word opening a sentence is a name only if it is a known first name,
            // or the last word of a full name met before ("Lopez, 48, told reporters" was no one, so
            // a "she" after it went to the woman named before her).
            if start == end, text.startsSentence(start), ReportingLexicon.gender(ofFirstName: text.norm(start)) == .unknown,
               !surnames.contains(Substring(text.bareWord(start))) {
                i = end + 1
                continue
            }
            if let phrase = reader.name(start...end, possessive: true) {
                switch phrase.reference {
                case .name(let n, var g):
                    // A role noun just before the name tells its gender: "daughter North West", "husband Kanye West".
                    if g == .unknown, phrase.tokens.lowerBound > 0,
                       let role = ReportingLexicon.roleNouns[text.norm(phrase.tokens.lowerBound - 1)], role != .unknown {
                        g = role
                    }
                    let before = phrase.tokens.lowerBound - 1
                    let title = before >= 0 && text.text.separator(after: before).isDisjoint(with: .anyBreak)
                        ? ReportingLexicon.titleNoun(text.norm(before)) : nil
                    let described = title == nil ? Self.appositiveTitle(of: phrase.tokens, in: text) : nil
                    mentions.append(Mention(tokens: phrase.tokens, name: n, gender: g, isOrganization: false, title: title ?? described))
                    if n.containsASCII(" "), seen.insert(n).inserted {
                        fullNames.append(n)
                        if let last = n.split(separator: " ").last { surnames.insert(last) }
                    }
                case .organization(let n):
                    mentions.append(Mention(tokens: phrase.tokens, name: n, gender: .plural, isOrganization: true))
                default: break
                }
            }
            i = end + 1
        }
        index()
    }

    /// The role an appositive gives a name, as a title ("Jane Doe, a spokeswoman for the council,",
    /// "The governor’s spokeswoman, Ann Price,"), which a description by that word ("the
    /// spokeswoman") then stands for; nil if none.
    static func appositiveTitle(of name: ClosedRange<Int>, in text: ArticleText) -> String? {
        let pause: Separator = .clause, ends: Separator = [.sentence, .paragraph, .quote]
        // Before: "spokeswoman, Ann Price".
        let before = name.lowerBound - 1
        if before >= 0, !text.isQuoted(before), text.text.separator(after: before).contains(pause),
           text.text.separator(after: before).isDisjoint(with: ends), text.possessiveEnding(before) == 0,
           let noun = ReportingLexicon.titleNoun(text.norm(before)) { return noun }
        // After: "Ann Price, the governor’s spokeswoman": a determiner or whose, then the noun, in one clause.
        let after = name.upperBound + 1
        guard after < text.count, !text.isQuoted(after), text.text.separator(after: name.upperBound).contains(pause),
              text.text.separator(after: name.upperBound).isDisjoint(with: ends),
              ["a", "an", "the"].contains(text.norm(after)) || text.possessiveEnding(after) > 0 else { return nil }
        var k = after
        while k < min(text.count, after + 5), !text.isQuoted(k) {
            if k > after, text.possessiveEnding(k) == 0, let noun = ReportingLexicon.titleNoun(text.norm(k)) { return noun }
            if !text.text.separator(after: k).isDisjoint(with: .anyBreak) { break }
            k += 1
        }
        return nil
    }

    private mutating func index() {
        for m in mentions where canonicalByName[m.name] == nil { canonicalByName[m.name] = fullName(for: m.name) ?? m.name }
        canonicalNames = mentions.map { canonicalByName[$0.name]! }
        for (m, c) in zip(mentions, canonicalNames) where m.gender != .unknown {
            if genders[m.name] == nil { genders[m.name] = m.gender }
            if genders[c] == nil { genders[c] = m.gender }
        }
        canonicalGenders = canonicalNames.map { gender(of: $0) }
        // One pass: for each gender, the last person mention of it at each mention.
        let all: [Gender] = [.female, .male, .plural, .unknown]
        var tables = all.map { _ in [Int32](repeating: -1, count: mentions.count) }
        var last = all.map { _ in Int32(-1) }
        for j in mentions.indices {
            if !mentions[j].isOrganization, let g = all.firstIndex(of: canonicalGenders[j]) { last[g] = Int32(j) }
            for g in all.indices { tables[g][j] = last[g] }
        }
        for (g, table) in zip(all, tables) { lastOf[g] = table }
        for (j, m) in mentions.enumerated() where !m.isOrganization { if let t = m.title { titled[t, default: []].append(Int32(j)) } }
    }

    /// The name a mention of `name` stands for: its full name in this article, if one.
    func canonical(_ name: String) -> String { canonicalByName[name] ?? fullName(for: name) ?? name }

    /// How many mentions end before token `i` (mentions come in order and do not overlap).
    /// The last person named before token `i` with `noun` as their title ("the senator" →
    /// "Senator Maria Lopez"): the description went to whoever was named last. A search of
    /// that title's mentions (`titled`), not of every mention, which was quadratic.
    func lastTitled(_ noun: String, before i: Int) -> Mention? {
        guard let list = titled[noun] else { return nil }
        let n = count(endingBefore: i)
        var lo = 0, hi = list.count
        while lo < hi { let mid = (lo + hi) / 2; if Int(list[mid]) < n { lo = mid + 1 } else { hi = mid } }
        return lo > 0 ? mentions[Int(list[lo - 1])] : nil
    }

    func count(endingBefore i: Int) -> Int {
        var lo = 0, hi = mentions.count
        while lo < hi { let mid = (lo + hi) / 2; if mentions[mid].tokens.upperBound < i { lo = mid + 1 } else { hi = mid } }
        return lo
    }

    /// The last person mention among the first `count` whose canonical gender is `gender`
    /// (`exactly`) or fits it; nil if none.
    func lastPerson(among count: Int, gender: Gender, exactly: Bool) -> Int? {
        guard count > 0 else { return nil }
        // A gender fits itself and unknown; unknown fits every gender.
        let fitting: [Gender] = exactly ? [gender] : gender == .unknown ? [.female, .male, .plural, .unknown] : [gender, .unknown]
        let j = fitting.map { lastOf[$0]![count - 1] }.max()!
        return j >= 0 ? Int(j) : nil
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
        return genders[name] ?? .unknown
    }
}
