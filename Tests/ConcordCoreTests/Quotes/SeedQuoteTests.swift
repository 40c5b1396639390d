import Testing
@testable import ConcordCore

/// Every quote of the three seed articles, with its speaker and cue.
@Suite("Seed quotes")
struct SeedQuoteTests {
    /// (article prefix, first words of the quote, last words, speaker, kind, cue)
    static let expected: [(String, String, String, String, SpeakerKind, String?)] = [
        ("000", "like on the movie Get Out", "like on the movie Get Out", "Kanye West", .person, "tweeting"),
        ("000", "She knows that he’s sick,", "he’s sick,", "a source", .anonymous, "said"),
        ("000", "Everyone knows that.", "really upset right now.", "a source", .anonymous, "said"),
        ("000", "divorce had been in the process", "for several weeks", "a source", .anonymous, "tells"),
        ("000", "There has been enough communication", "the marriage is over.", "an insider", .anonymous, "adds"),
        ("000", "But now Kanye has, well,", "he is choosing to say,", "a source", .anonymous, "says"),
        ("000", "As many of you know, Kanye has bi-polar", "misconceptions about mental health.", "Kim Kardashian", .person, "wrote"),
        ("000", "Those that understand mental illness", "family and friends try.", "Kim Kardashian", .person, "added"),
        ("000", "brilliant but complicated person", "brilliant but complicated person", "Kim Kardashian", .person, "described"),
        ("000", "subject to criticism", "because he is a public figure", "Kim Kardashian", .person, "said"),
        ("000", "We as a society talk", "when they need it the most,", "Kim Kardashian", .person, "said"),
        ("000", "I kindly ask that the media", "and for your understanding.", "Kim Kardashian", .person, "said"),
        ("001", "As many of you know, Kanye has bipolar", "misconceptions about mental health.", "Kim Kardashian", .person, nil),
        ("001", "Those that understand mental illness", "family and friends try.", "Kim Kardashian", .person, nil),
        ("001", "I understand Kanye is subject", "highlighted by his bipolar disorder.", "Kim Kardashian", .person, nil),
        ("001", "Those who are close with Kanye", "align with his intensions.", "Kim Kardashian", .person, nil),
        ("001", "Living with bi-polar disorder", "big dreams have come true.", "Kim Kardashian", .person, nil),
        ("001", "We as a society talk", "we can get through this.", "Kim Kardashian", .person, nil),
        ("001", "Kim is going through a lot,", "strong for their children,", "a source", .anonymous, "says"),
        ("001", "Kim wants to help Kanye", "close to her tries to help.", "a source", .anonymous, "says"),
        ("001", "Kim is taking this time", "anything that’s going on,", "a source", .anonymous, "adds"),
        ("001", "Kim is surrounded by her family", "been strong for her.", "a source", .anonymous, "adds"),
        ("002", "As many of you know, Kanye has bi-polar disorder,", "bi-polar disorder,", "Kim Kardashian", .person, "wrote"),
        ("002", "Anyone who has this", "misconceptions about mental health.", "Kim Kardashian", .person, "wrote"),
        ("002", "Those that understand mental illness", "family and friends try.", "Kim Kardashian", .person, "continued"),
        ("002", "words do not align", "with his attentions.", "Kim Kardashian", .person, "claimed"),
        ("002", "I understand Kanye is subject", "strong opinions and emotions,", "Kim Kardashian", .person, "wrote"),
        ("002", "He is a brilliant but complicated person", "align with his intentions.", "Kim Kardashian", .person, "wrote"),
        ("002", "Living with bi-polar disorder", "big dreams have come true.", "Kim Kardashian", .person, "continued"),
        ("002", "We as a society talk", "when they need it the most,", "Kim Kardashian", .person, "wrote"),
        ("002", "I kindly ask that the media", "and for your understanding.", "Kim Kardashian", .person, "wrote"),
    ]

    @Test func everySeedQuoteWithItsSpeaker() throws {
        let articles = try Repo.seedArticles()
        let byID = Dictionary(uniqueKeysWithValues: articles.map { ($0.id, $0) })
        let quotes = QuoteFinder().find(in: articles)
        #expect(quotes.count == Self.expected.count)
        for (q, e) in zip(quotes, Self.expected) {
            let text = byID[q.article]!.text(q.range)
            #expect(q.article.hasPrefix(e.0))
            #expect(text.hasPrefix(e.1), "\(text)")
            #expect(text.hasSuffix(e.2), "\(text)")
            #expect(q.speaker?.name == e.3, "\(text)")
            #expect(q.speaker?.kind == e.4, "\(text)")
            #expect(q.cue == e.5, "\(text)")
        }
    }

    @Test func theHardCasesOfTheSeeds() throws {
        let articles = try Repo.seedArticles()
        let quotes = QuoteFinder().find(in: articles)
        let texts = quotes.map { q in articles.first { $0.id == q.article }!.text(q.range) }
        // Scare quotes and short terms are not quotes.
        for term in ["compassion", "furious", "lock", "understands", "compassion and empathy"] {
            #expect(!texts.contains(term), "\(term)")
        }
        // A quote over two paragraphs is one quote, its inner opening mark included.
        #expect(texts.contains { $0.hasPrefix("I understand Kanye") && $0.contains("emotions.\n\n“He is a brilliant") })
        // A missing closing mark ends the quote with its paragraph.
        #expect(texts.contains { $0.hasPrefix("Anyone who has this") && $0.hasSuffix("mental health.") && !$0.contains("She continued") })
        // Mentions point at the words naming the speaker.
        let a000 = articles[0]
        let source = quotes.first { $0.article == a000.id && a000.text($0.range).hasPrefix("She knows") }!
        #expect(a000.text(source.speaker!.mention) == "a source")
        let she = quotes.first { $0.article == a000.id && a000.text($0.range).hasPrefix("Those that understand") }!
        #expect(a000.text(she.speaker!.mention) == "She")
    }
}

@Suite("Quote scanner")
struct QuoteScannerTests {
    func spans(_ body: String) -> [String] {
        let bytes = Array(body.utf8)
        return QuoteScanner().scan(bytes, body: 0..<bytes.count).map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
    }

    /// The sentence before a quote is read at most `Attribution.sentenceReach` words back: each
    /// quote read back to its sentence's start, and a paragraph of unclosed marks and no full
    /// stop (60,000 of them, 1.3 MB) took 27 s. The quotes found are those of before.
    @Test func theSentenceBeforeAQuoteIsReadSoFarBack() throws {
        let narration = (0..<300).map { "w\($0)" }.joined(separator: " ")
        let a = try ArticleParser().parse(Array(("date 2021-01-01 Start. Kim " + narration + " “Last words here,” she said.").utf8), path: "a.txt")
        let spans = QuoteScanner().scan(a.source, body: a.body)
        let text = ArticleText(source: a.source, body: a.body, spans: spans, tokens: nil)
        let attribution = Attribution(text: text, spans: spans)
        let last = try #require(attribution.tokens(of: spans.count - 1))
        #expect(attribution.sentenceBefore(last.lowerBound).count == Attribution.sentenceReach)
        #expect(QuoteFinder().find(in: [a]).map(\.speaker?.name) == ["Kim"])
        // Unclosed marks, each closing the one before, in one sentence: terms, but the last.
        let marks = "Start. " + (0..<2000).map { "“word\($0) and more" }.joined(separator: " ")
        let b = try ArticleParser().parse(Array(("date 2021-01-01 " + marks).utf8), path: "b.txt")
        #expect(QuoteFinder().find(in: [b]).map { String(decoding: b.source[$0.start..<$0.end], as: UTF8.self) } == ["word1999 and more"])
    }

    @Test func apostrophesAreNotMarks() {
        #expect(spans("Kanye West‘s fans in the ’90s don’t agree with the Kardashians’ view.").isEmpty)
        #expect(spans("It's the band's '98 record.").isEmpty)
    }

    @Test func straightMarksResolveFromTheirNeighbours() {
        #expect(spans("He said \"yes, we can\" and left. \"No,\" she said.") == ["yes, we can", "No,"])
    }

    /// German „…“ and »…«: the second mark, which opens a quote in English, closes the quote
    /// its pair opened; French « … » and Swedish ”…” as before.
    @Test func germanAndDanishPairsClose() {
        #expect(spans("„Das ist wichtig“, sagte Angela Merkel. „Zweitens“ auch.") == ["Das ist wichtig", "Zweitens"])
        #expect(spans("»Det er vigtigt«, sagde hun. »Nej«") == ["Det er vigtigt", "Nej"])
        #expect(spans("« Nous ne céderons pas » et ”Vi vet inte” nu.") == ["Nous ne céderons pas", "Vi vet inte"])
        // An English “ inside an open “ still opens a new quote (the first one's close was lost).
        #expect(spans("“One never closed “Two,” she said.") == ["One never closed", "Two,"])
    }

    /// British papers quote with single marks; such an article had no quotes at all.
    @Test func singleMarksAreTheQuotesWhereMostQuotesOpenWithThem() {
        #expect(spans("‘We will not back down,’ she said. The Smiths’ shop, the government’s plan and the ’90s. ‘It’s right,’ said Rishi Sunak.")
                == ["We will not back down,", "It’s right,"])
        // A plural's apostrophe inside a quote, and a term closing after an s.
        #expect(spans("‘The Smiths’ shop is open,’ she said. He called them ‘the Beatles’ and left.") == ["The Smiths’ shop is open,", "the Beatles"])
        #expect(spans("'We will,' she said. 'Again,' he said.") == ["We will,", "Again,"])
        // Double marks nested inside; more quotes open with single marks.
        #expect(spans("‘He called it “rubbish” twice,’ she said. ‘Again,’ he said.") == ["He called it “rubbish” twice,", "Again,"])
        #expect(spans("‘One.\n\n‘Two.’ Then.") == ["One.\n\n‘Two."])
        // Double marks outside any single-marked quote are quotes too.
        #expect(spans("“Headline words here,” she said. ‘One,’ he said. ‘Two,’ he said.") == ["Headline words here,", "One,", "Two,"])
        #expect(spans("‘Open and never closed.\n\nNarration. ‘First never closed. ‘Second,’ she said.")
                == ["Open and never closed.", "First never closed.", "Second,"])
        let a = try! ArticleParser().parse(Array("date 2022-05-01 ‘It’s the right thing to do,’ said Rishi Sunak, the chancellor.".utf8), path: "a.txt")
        #expect(QuoteFinder().find(in: [a]).map { $0.speaker?.name } == ["Rishi Sunak"])
    }

    @Test func nestedSingleQuotesStayInside() {
        #expect(spans("“He told me, ‘Don’t come back,’ and left,” she said.") == ["He told me, ‘Don’t come back,’ and left,"])
    }

    @Test func multiParagraphAndMissingClose() {
        #expect(spans("“One.\n\n“Two.\n\n“Three.” Then narration.") == ["One.\n\n“Two.\n\n“Three."])
        #expect(spans("“Open and never closed.\n\nNarration follows.") == ["Open and never closed."])
        #expect(spans("“First never closed. “Second,” she said.") == ["First never closed.", "Second,"])
    }

    /// A quote whose closing mark is missing ends before a dash where the reporter's words
    /// resume (the seeds: “like on the movie Get Out – and added that he’s been trying to
    /// divorce…” was all Kanye West's tweet); a dash the speaker's own words go on after does not cut it.
    @Test func aQuoteMissingItsCloseEndsWhereNarrationResumesAfterADash() {
        #expect(spans("He tweeted that – “like on the movie Get Out – and added that he’s been trying to divorce her.")
                == ["like on the movie Get Out"])
        #expect(spans("“We will rebuild — she said, pointing at the river.") == ["We will rebuild"])
        #expect(spans("“We will rebuild - but later admitted the money was gone.") == ["We will rebuild"])
        #expect(spans("“We will rebuild – and then told reporters she was done.") == ["We will rebuild"])
        #expect(spans("“We will rebuild – adding that the money was there.") == ["We will rebuild"])
        // An irregular past as the lexicon lists it.
        #expect(spans("“We will rebuild – but later pled for patience.") == ["We will rebuild"])
        // The speaker's own words after a dash: a bare verb, a weak one, no verb, "-ing" without "that".
        for own in ["“We will go on – and say what we think.", "“I was there – and called my mother.",
                    "“I was there – and I saw it all.", "“I kept going – saying nothing to anyone.",
                    "“Half-time – and he said nothing."] {
            #expect(spans(own) == [String(own.dropFirst())], "\(own)")
        }
        // A closed quote is the speaker's whatever follows a dash inside it.
        #expect(spans("“We will rebuild – and added nothing else,” she said.") == ["We will rebuild – and added nothing else,"])
        // Only the last paragraph of a quote the next paragraph reopened is searched.
        #expect(spans("“One – and added two.\n\n“Three – she added, four.")
                == ["One – and added two.\n\n“Three"])
        // Single marks as an article's quotation marks: the same.
        #expect(spans("‘It’s over,’ she said. ‘We go on – she added, before leaving.") == ["It’s over,", "We go on"])
    }
}

@Suite("Speakers across the archive")
struct ArchiveSpeakerTests {
    func article(_ id: String, _ body: String) throws -> Article {
        try ArticleParser().parse(Array(("date 2021-01-0\(id.count) " + body).utf8), path: id + ".txt")
    }

    @Test func shortNamesTakeTheFullNameTheArchiveKnows() throws {
        let articles = [
            try article("a", "Kim Kardashian spoke on Monday. “We are fine,” Kardashian said."),
            try article("bb", "“The children come first,” Kim said on Tuesday."),
            try article("ccc", "“Nothing has changed,” a source close to Kim said."),
        ]
        let quotes = QuoteFinder().find(in: articles)
        #expect(quotes.map { $0.speaker?.name } == ["Kim Kardashian", "Kim Kardashian", "a source"])
        #expect(quotes.map { $0.speaker?.kind } == [.person, .person, .anonymous])
        let model = SiteModel(articles: articles, annotations: Annotations(passages: [], quotes: quotes))
        #expect(model.speakers.map(\.name) == ["Kim Kardashian", "a source"])
        #expect(model.speakers.first?.quotes.count == 2)
    }

    /// "The senator" is the person last named with that title, not the nearest person (Governor
    /// Tom Hart); a surname opening a sentence ("Lopez, 48, told reporters") is a mention of the
    /// full name met before, so a "she" after it is hers, not the woman named before her.
    @Test func aTitleDescriptionAndASurnameOpeningASentence() throws {
        let a = try article("a", """
            Senator Maria Lopez and Governor Tom Hart met on Friday to discuss the flood response.

            “We failed these families,” the senator said.

            Hart disagreed. “The levees held where they were maintained,” he said.

            The governor’s spokeswoman, Ann Price, later clarified: “He meant the county’s pumps, not its people.”

            Lopez, 48, a former engineer, told reporters that the report would be public. “Every page of it,” she said.
            """)
        #expect(QuoteFinder().find(in: [a]).map { $0.speaker?.name } == ["Maria Lopez", "Tom Hart", "Ann Price", "Maria Lopez"])
    }

    /// A name with and without a middle initial is one speaker, in the form more quotes use; two
    /// forms with different initials that lead to the same name stay apart.
    @Test func aMiddleInitialDoesNotMakeASecondSpeaker() throws {
        let articles = [
            try article("a", "“We will win,” Donald J. Trump said."),
            try article("b", "“We will win big,” Donald Trump said. “Again,” Donald Trump said."),
            try article("c", "“Read my lips,” George H. W. Bush said. “Mission accomplished,” George W. Bush said. “Hello,” George Bush said."),
        ]
        let quotes = QuoteFinder().find(in: articles)
        #expect(quotes.map { $0.speaker?.name } == ["Donald Trump", "Donald Trump", "Donald Trump", "George H. W. Bush", "George W. Bush", "George Bush"])
        let one = QuoteFinder().find(in: [try article("a", "“We will win,” Donald J. Trump said. “Yes,” Donald J. Trump said."),
                                         try article("b", "“We will win big,” Donald Trump said.")])
        #expect(one.map { $0.speaker?.name } == ["Donald J. Trump", "Donald J. Trump", "Donald J. Trump"])
    }

    /// "According to" a study or an audit: the quote has that cue and no speaker, not the
    /// previous quote's speaker (whom it went to); "according to police" is still police.
    @Test func accordingToSomethingThatDoesNotSpeakIsNoSpeaker() throws {
        let a = try article("a", """
            “We will not back down,” said Jane Smith, the mayor.

            According to the study, “the numbers are wrong.”

            “The figures were checked twice,” according to the audit.

            According to police, “the road is closed.”
            """)
        let quotes = QuoteFinder().find(in: [a])
        #expect(quotes.map { $0.speaker?.name } == ["Jane Smith", nil, nil, "police"])
        #expect(quotes.map(\.cue) == ["said", "according to", "according to", "according to"])
    }

    /// A place is no person ("outside Downing Street" was who "she" was), and a possessive name is
    /// whose the speaker is, not the speaker ("Labour’s leader" was a person called Labour).
    @Test func placesAndPossessivesAreNoPeople() throws {
        let a = try article("a", """
            The prime minister said the plan would go ahead. “We will not back down on this,” she told reporters outside Downing Street.

            Labour’s leader called it “a disgrace” and added: “Families will pay the price for this failure.”

            “We have nothing to add,” said Downing Street.

            “It is the right thing to do,” Kanye West told Jordan Peele’s podcast.
            """)
        let quotes = QuoteFinder().find(in: [a])
        #expect(quotes.map { $0.speaker?.name } == [nil, nil, "Downing Street", "Kanye West"])
        #expect(quotes[2].speaker?.kind == .organization)
    }

    /// Offices before a name ("Senate Majority Leader Chuck Schumer" was the name), an organization
    /// before a spokesperson ("A Labour spokesperson" went to the previous speaker), and a full
    /// stop after the closing mark, which ends the sentence (‘…’. He told the BBC took "told").
    @Test func officesSpokespeopleAndAFullStopAfterTheMark() throws {
        let a = try article("a", """
            “This is a great day,” Senate Majority Leader Chuck Schumer said. “So it is,” said Justice Elena Kagan.

            Robert Jenrick said the plan was ‘a triumph of hope over experience’. He told the BBC: ‘The bill is not going to work.’

            A Labour spokesperson said: ‘The government is in chaos.’
            """)
        let quotes = QuoteFinder().find(in: [a])
        #expect(quotes.map { $0.speaker?.name } == ["Chuck Schumer", "Elena Kagan", "Robert Jenrick", "Robert Jenrick", "Labour"])
        #expect(quotes.map(\.cue) == ["said", "said", "said", "told", "said"])
        #expect(quotes[4].speaker?.kind == .organization)
    }

    /// The name may be followed by a place (`dijo Pedro Sánchez en Madrid`: the name had to end
    /// the clause, so "Madrid" was the person or, as here, the narration's topic was); a place
    /// after a preposition is no name; an acronym is no person ("according to LSEG data" made
    /// LSEG the person the narration was about).
    @Test func aNameBeforeAPlaceAndAnAcronymThatIsNoOne() throws {
        let a = try article("a", """
            “We need to see more evidence,” Governor Andrew Bailey said. The pound rose, according to LSEG data.

            «Esto es muy importante», dijo Pedro Sánchez en Madrid.

            “Wir schaffen das,” in Berlin am Montag.
            """)
        let quotes = QuoteFinder().find(in: [a])
        #expect(quotes.map { $0.speaker?.name } == ["Andrew Bailey", "Pedro Sánchez", "Pedro Sánchez"])   // the last not Berlin
        let b = try article("b", "The pound rose, according to LSEG data.\n\n“Rates will stay where they are,” the bank's report read.")
        #expect(QuoteFinder().find(in: [b]).map { $0.speaker?.name } == [nil])
    }

    /// Initials end no sentence ("Donald J. Trump" was "Donald", so a later "Mr. Trump" stayed
    /// "Trump"; "John F. Kennedy Jr." was "John F"), and a reporting verb opening a sentence is
    /// no part of a name ("Says Jones:" gave the speaker "Says Jones").
    @Test func initialsAndAVerbOpeningTheSentence() throws {
        let a = try article("a", """
            Former President Donald J. Trump spoke on Friday. “I think we will win big,” Mr. Trump said.

            “I never saw it coming,” said John F. Kennedy Jr. at the event in the U.S. Senate.

            Says Jones: “Nor did I.”

            """)
        #expect(QuoteFinder().find(in: [a]).map { $0.speaker?.name } == ["Donald J. Trump", "John F. Kennedy Jr", "Jones"])
        // Only inflected forms open inverted attributions; bare stems open names ("State", "Post").
        // The finite forms come from the lexicon's table of forms: irregular pasts with them, a stem
        // ending in "s" ("stress"), a form in "-ing" and a past participle without.
        #expect(["says", "said", "added", "told", "wrote", "pled", "found", "began", "stresses", "cries"]
                .allSatisfy(ReportingLexicon.isInflectedVerb))
        #expect(!["state", "post", "note", "end", "stress", "saying", "written", "begun", "read", "the"]
                .contains(where: ReportingLexicon.isInflectedVerb))
    }

    /// A name right after the quote, in a short clause whose verb the lexicon does not know
    /// (another language's), is the speaker; those quotes went to the previous quote's speaker.
    /// A clause with no name, or a long one, still leaves the quote to the rules before.
    @Test func aNameAfterAQuoteWithAnUnknownVerbIsTheSpeaker() throws {
        let a = try article("a", """
            “We will not back down,” said Jane Smith, the mayor.

            “Ceci est important,” a déclaré Emmanuel Macron.

            “Это важно,” сказал Владимир Путин.

            “Her second point,” as the minutes of the long meeting record it.

            „Das ist wichtig“, sagte Angela Merkel.
            """)
        let quotes = QuoteFinder().find(in: [a])
        #expect(quotes.map { $0.speaker?.name } == ["Jane Smith", "Emmanuel Macron", "Владимир Путин", "Владимир Путин", "Angela Merkel"])
        #expect(quotes.map(\.cue) == ["said", nil, nil, nil, nil])
    }

    /// An organization the text does not name ("the company said" went to the person quoted
    /// before), a participle after a comma (`Smith told The New York Times, adding: “…”` went to
    /// the newspaper), and "they" after a woman spoke (it went to her, or to whoever spoke last).
    @Test func unnamedOrganizationsParticiplesAndThey() throws {
        let a = try article("a", """
            “We did not expect this at all,” Jane Smith said in a statement to CNN.

            In a statement, the company said: “We will hire two hundred people next year.”

            “Nobody saw this coming,” Smith told The New York Times, adding: “Least of all me.”

            Tom Brown and Jane Smith issued a joint statement. “We are united on this,” they said.

            “The fans deserve better,” the club said. Quinn Avery, a fan, said: “I want my money back.” “It was a bad season,” they added.

            Maria Lopez arrived late. She, a mother of three, said: “I came as fast as I could.”
            """)
        let quotes = QuoteFinder().find(in: [a])
        // (The last "they" is Quinn Avery, whose gender the text does not give.)
        #expect(quotes.map { $0.speaker?.name } == ["Jane Smith", nil, "Jane Smith", "Jane Smith", nil, nil, "Quinn Avery", "Quinn Avery", "Maria Lopez"])
        #expect(quotes.map(\.cue) == ["said", "said", "told", "adding", "said", "said", "said", "added", "said"])
    }

    /// A document speaks for no one: "the lawsuit said", "a statement from the family said", "the
    /// letter read", "the report found" went to the person quoted before, with that quote's cue;
    /// "The study, published in Nature, said" to a person called Nature.
    @Test func documentsSpeakForNoOne() throws {
        let a = try article("a", """
            Governor Tom Hart spoke on Monday. “We will appeal,” Hart said.

            “The defendant acted with malice and intent,” the lawsuit said.

            “We are heartbroken and ask for privacy,” a statement from the family said.

            “No further action will be taken at this time,” the letter read.

            “Emissions rose by 4 percent last year,” the report found.

            Hart spoke again. “The numbers are clear,” he said. The study, published in Nature, said “the effect is small but real and lasting.”
            """)
        let quotes = QuoteFinder().find(in: [a])
        #expect(quotes.map { $0.speaker?.name } == ["Tom Hart", nil, nil, nil, nil, "Tom Hart", nil])
        #expect(quotes.map(\.cue) == ["said", "said", "said", "read", "found", "said", "said"])
    }

    /// Someone described but not named is no one named ("a 45-year-old man said", "one woman told
    /// reporters", "said a teenager who lives nearby" went to the mayor quoted before them); "the
    /// man" is the man named before.
    @Test func unnamedPeopleAreNoOneNamed() throws {
        let a = try article("a", """
            Mayor Jane Smith visited the site. “We will rebuild,” Smith said.

            “I lost everything in one night,” a 45-year-old man said.

            “Nobody came to help us,” one woman told reporters.

            “We were scared,” said a teenager who lives nearby.

            John Reed, 45, was arrested on Friday. The man told the court: “I am innocent of all charges.”
            """)
        let quotes = QuoteFinder().find(in: [a])
        #expect(quotes.map { $0.speaker?.name } == ["Jane Smith", nil, nil, nil, "John Reed"])
        #expect(quotes.map(\.cue) == ["said", "said", "told", "said", "told"])
    }

    /// Verbs the lexicon lacked ("Hart disagreed:" gave the quote to the senator quoted before)
    /// and phrasal ones ("fired back", "hit back"), with their particle in the cue.
    @Test func moreReportingVerbs() throws {
        let a = try article("a", """
            Senator Maria Lopez and Governor Tom Hart met on Monday.

            “We will win this fight,” said Lopez. Hart disagreed: “They will lose badly.”

            Lopez fired back: “The governor is simply wrong about this.”

            “This is not over by any means,” Hart recounted later.

            Lopez wondered aloud: “Why would anyone believe that?”

            Hart hit back on Twitter, writing: “She has no plan at all.”

            “Let them try,” Lopez demanded. “It was, as ever, a long day,” Hart went on.
            """)
        let quotes = QuoteFinder().find(in: [a])
        #expect(quotes.map { $0.speaker?.name } == ["Maria Lopez", "Tom Hart", "Maria Lopez", "Tom Hart", "Maria Lopez", "Tom Hart", "Maria Lopez", "Tom Hart"])
        #expect(quotes.map(\.cue) == ["said", "disagreed", "fired back", "recounted", "wondered", "writing", "demanded", "went on"])
    }
}
