/// What the words naming a speaker say about them, before names are made canonical.
struct SpeakerPhrase: Equatable {
    enum Reference: Equatable {
        /// A proper name ("Kim Kardashian", "Kim", "Mr. Smith").
        case name(String, Gender)
        /// A pronoun, resolved later to the nearest compatible speaker.
        case pronoun(Gender)
        /// A description of a named person ("the KKW Beauty founder"), resolved like a pronoun,
        /// or to the person last named with `noun` as their title ("the senator"). `ofAnother`:
        /// the description makes them someone else's ("his lawyer", "the mayor’s spokesman",
        /// "an aide to the senator"), so they are not the person last named, only one named
        /// with that title.
        case role(Gender, noun: String, ofAnother: Bool = false)
        /// An unnamed source ("a source", "another insider").
        case anonymous(String)
        case organization(String)
        /// Someone or something the text describes but does not name ("the company", "the
        /// lawsuit", "a man"): someone speaks, but the text does not say who; not the person who
        /// spoke last.
        case unnamed(String)
    }

    var reference: Reference
    /// Tokens of the mention.
    var tokens: ClosedRange<Int>
}

/// Reads a run of words as a speaker phrase.
struct SpeakerPhraseReader {
    let text: ArticleText

    /// The phrase made by `range`, or nil when the words name nobody.
    /// An appositive ("Kim, 39,", "the employer, Atlas Ltd,") is read clause by
    /// clause, a name winning over a description.
    func read(_ range: ClosedRange<Int>) -> SpeakerPhrase? {
        var chunks: [ClosedRange<Int>] = []
        var start = range.lowerBound
        for i in range where i == range.upperBound || !text.text.separator(after: i).isDisjoint(with: .clause) {
            chunks.append(start...i)
            start = i + 1
        }
        let readings = chunks.compactMap(readChunk)
        return readings.first(where: \.isNamed) ?? readings.first
    }

    private func readChunk(_ range: ClosedRange<Int>) -> SpeakerPhrase? {
        var lo = range.lowerBound, hi = range.upperBound
        // Drop leading conjunctions and trailing adverbs or auxiliaries.
        while lo <= hi, ReportingLexicon.conjunctions.contains(text.norm(lo)) { lo += 1 }
        while hi >= lo, ReportingLexicon.adverbs.contains(text.norm(hi)) && !text.isCapitalized(hi) { hi -= 1 }
        guard lo <= hi else { return nil }
        if lo == hi, let gender = ReportingLexicon.pronouns[text.norm(lo)] {
            return SpeakerPhrase(reference: .pronoun(gender), tokens: lo...hi)
        }
        // "police", "Experts", "the authorities": a group named by its common noun.
        if let kind = ReportingLexicon.collectives[text.norm(hi)],
           lo == hi || (hi == lo + 1 && ["the", "some", "many", "several"].contains(text.norm(lo))) {
            let noun = text.norm(hi)
            return SpeakerPhrase(reference: kind == .organization ? .organization(noun) : .anonymous(noun), tokens: lo...hi)
        }
        if ReportingLexicon.determiners.contains(text.norm(lo)) { return description(lo...hi) }
        // "Sarah Kent’s manager", "Labour’s leader": someone's, named by whose they are (the
        // quote went to the person the description follows on from, Sarah Kent).
        if lo < hi, let g = ReportingLexicon.roleNouns[text.norm(hi)],
           let p = (lo..<hi).first(where: { text.possessiveEnding($0) > 0 }), (lo...p).allSatisfy({ text.isCapitalized($0) }) {
            return SpeakerPhrase(reference: .role(g, noun: text.norm(hi), ofAnother: true), tokens: lo...hi)
        }
        if text.norm(lo).allSatisfy(\.isNumber) { return nil }
        return name(lo...hi)
    }

    /// A proper name, possibly after a title; an organization when an organization word is in it.
    /// - Parameter possessive: whether a name ending in 's is read (as the name, without it):
    ///   a mention ("Kanye West’s fans" names Kanye West), never a speaker.
    func name(_ range: ClosedRange<Int>, possessive: Bool = false) -> SpeakerPhrase? {
        // "Labour’s leader added:": a name ending in 's is whose the speaker is, not the speaker
        // (that quote went to a person called Labour).
        guard possessive || text.possessiveEnding(range.upperBound) == 0 else { return nil }
        var lo = range.lowerBound
        var gender = Gender.unknown
        var words: [String] = []
        var lower: [String] = []  // `words` lower-cased, looked up in the lexicon
        words.reserveCapacity(range.count)
        lower.reserveCapacity(range.count)
        for i in range {
            guard text.isCapitalized(i) || (!words.isEmpty && Self.connectors.contains(text.norm(i)))
            else { return nil }
            // Titles and offices before the name: "Mr.", "Prime Minister", "Finance Minister".
            if words.isEmpty, i < range.upperBound {
                let w = text.norm(i)
                if ReportingLexicon.titles[w] != nil || ReportingLexicon.officeWords.contains(w) || ReportingLexicon.roleNouns[w] != nil,
                   !ReportingLexicon.organizationWords.contains(text.norm(range.upperBound)) {
                    if let g = ReportingLexicon.titles[w] ?? ReportingLexicon.roleNouns[w], g != .unknown { gender = g }
                    lo = i + 1; continue
                }
            }
            // An initial keeps its full stop ("Donald J. Trump").
            var word = text.bareWord(i)
            if text.isInitial(i), i < range.upperBound, text.source[Int(text.text.tokens[i].end)] == 0x2E { word += "." }
            words.append(word)
            lower.append(word.lowercased())
        }
        // An acronym alone ("LSEG", "OPEC") is an organization: it was a person a pronoun could stand for.
        let isAcronym = words.count == 1 && words[0].count >= 2 && words[0].allSatisfy { $0.isUppercase || $0.isNumber }
        // "Fire Chief Dana Whitfield", "Police Chief Dana Whitfield": drop everything up to the last
        // title or office word before the name, an organization's word among it too (such a name
        // was an organization, whom no "she" could stand for), unless one follows it.
        if words.count > 2, !isAcronym,
           let t = lower.dropLast(2).lastIndex(where: { ReportingLexicon.titles[$0] != nil || ReportingLexicon.officeWords.contains($0) }),
           !lower[(t + 1)...].contains(where: { ReportingLexicon.organizationWords.contains($0) }) {
            words.removeFirst(t + 1)
            lower.removeFirst(t + 1)
            lo = range.upperBound - words.count + 1
        }
        let isOrganization = isAcronym || lower.contains(where: { ReportingLexicon.organizationWords.contains($0) })
        guard !words.isEmpty, words.count <= 5 else { return nil }
        if isOrganization {
            return SpeakerPhrase(reference: .organization(words.joined(separator: " ")), tokens: range)
        }
        if words.count == 1, ReportingLexicon.notNames.contains(lower[0]) { return nil }
        if gender == .unknown { gender = ReportingLexicon.gender(ofFirstName: lower[0]) }
        return SpeakerPhrase(reference: .name(words.joined(separator: " "), gender), tokens: lo...range.upperBound)
    }

    /// "a source", "another insider", "the KKW Beauty founder", "a spokesperson for Tesla".
    func description(_ range: ClosedRange<Int>) -> SpeakerPhrase? {
        // The head noun is the last word before a preposition ("source close to", "spokesperson for").
        var headEnd = range.upperBound
        if let p = range.dropFirst().first(where: { Self.headStops.contains(text.norm($0)) }) { headEnd = p - 1 }
        guard headEnd >= range.lowerBound else { return nil }
        let head = text.norm(headEnd)
        // "a Labour spokesperson", "a White House spokeswoman": the organization before the noun.
        if ReportingLexicon.spokesNouns.contains(head), headEnd > range.lowerBound + 1,
           ((range.lowerBound + 1)..<headEnd).allSatisfy({ text.isCapitalized($0) }) {
            let org = ((range.lowerBound + 1)..<headEnd).map { text.bareWord($0) }.joined(separator: " ")
            return SpeakerPhrase(reference: .organization(org), tokens: range.lowerBound...headEnd)
        }
        if ReportingLexicon.spokesNouns.contains(head), headEnd + 1 < range.upperBound {
            var orgStart = headEnd + 2
            if orgStart < range.upperBound, text.norm(orgStart) == "the" { orgStart += 1 }
            if orgStart <= range.upperBound, text.isCapitalized(orgStart) {
                var end = orgStart
                while end + 1 <= range.upperBound, text.isCapitalized(end + 1) { end += 1 }
                let org = (orgStart...end).map { text.bareWord($0) }.joined(separator: " ")
                return SpeakerPhrase(reference: .organization(org), tokens: range)
            }
        }
        if ReportingLexicon.anonymousNouns.contains(head) {
            return SpeakerPhrase(reference: .anonymous(Self.indefinite(head)), tokens: range.lowerBound...headEnd)
        }
        // "a 45-year-old man said", "one woman told reporters": someone not named; "the man": one named before.
        if let gender = ReportingLexicon.peopleNouns[head] ?? (head.hasSuffix("yearold") ? .unknown : nil) {
            if ReportingLexicon.indefiniteDeterminers.contains(text.norm(range.lowerBound)) {
                return SpeakerPhrase(reference: .unnamed(head), tokens: range.lowerBound...headEnd)
            }
            return SpeakerPhrase(reference: .role(gender, noun: head), tokens: range.lowerBound...headEnd)
        }
        if let gender = ReportingLexicon.roleNouns[head] {
            let determiner = text.norm(range.lowerBound)
            // "a lawyer for Kardashian", "a spokeswoman": a description with "a" brings in someone
            // not named, as "a source" does (that quote went to Kardashian, or to whoever spoke last).
            if ReportingLexicon.indefiniteDeterminers.contains(determiner) {
                return SpeakerPhrase(reference: .anonymous(Self.indefinite(head)), tokens: range.lowerBound...headEnd)
            }
            // "his lawyer", "the governor’s spokesman", "the spokeswoman for the mayor": someone's.
            let ofAnother = ReportingLexicon.possessiveDeterminers.contains(determiner)
                || (range.lowerBound + 1..<headEnd).contains(where: { text.possessiveEnding($0) > 0 })
                || (headEnd < range.upperBound && ["for", "to"].contains(text.norm(headEnd + 1)))
            return SpeakerPhrase(reference: .role(gender, noun: head, ofAnother: ofAnother), tokens: range.lowerBound...headEnd)
        }
        // "the BBC", "the White House", "the Ministry of Health": a capitalized name after "the".
        // "the lawsuit said", "a statement from the family said", "the company said": words, but
        // the text names no one whose they are.
        if ReportingLexicon.documentNouns.contains(head)
            || (headEnd == range.upperBound && ReportingLexicon.organizationWords.contains(head) && !text.isCapitalized(headEnd)) {
            return SpeakerPhrase(reference: .unnamed(head), tokens: range.lowerBound...headEnd)
        }
        guard range.count > 1, text.norm(range.lowerBound) == "the", text.isCapitalized(range.lowerBound + 1) else { return nil }
        let rest = (range.lowerBound + 1)...range.upperBound
        guard rest.allSatisfy({ text.isCapitalized($0) || Self.connectors.contains(text.norm($0)) }),
              text.isCapitalized(range.upperBound) else { return nil }
        let name = rest.map { text.bareWord($0) }.joined(separator: " ")
        return SpeakerPhrase(reference: .organization(name), tokens: rest)
    }

    /// Words after the head noun of a description ("source close to", "spokesperson for").
    static let headStops: WordSet = ["for", "of", "close", "familiar", "with", "at", "from", "in", "who", "on", "to", "near"]

    /// Lower-case words inside names ("Ministry of Health", "Ludwig van Beethoven").
    static let connectors: WordSet = ["de", "van", "von", "der", "al", "bin", "la", "le", "da", "of", "and", "for", "du", "del"]

    /// "source" → "a source", "insider" → "an insider", "sources" → "sources".
    static func indefinite(_ noun: String) -> String {
        if noun.hasSuffix("s") && !["witness", "eyewitness"].contains(noun) && noun != "sources" && noun.count > 3 {
            return noun
        }
        if noun == "sources" { return "sources" }
        return ("aeiou".contains(noun.first!) ? "an " : "a ") + noun
    }
}

extension SpeakerPhrase {
    /// Names a person or organization (rather than a pronoun or description).
    var isNamed: Bool {
        switch reference {
        case .name, .organization: return true
        default: return false
        }
    }
}
