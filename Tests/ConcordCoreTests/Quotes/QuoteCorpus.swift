/// A labelled set of news-style paragraphs: each case lists every quote (its
/// exact words, without marks) and who said it (canonical name, or nil when
/// nothing in the text says). Written from the patterns of issue 3, one or
/// two patterns a case, so a miss points at its cause.
struct QuoteCase: Sendable, CustomStringConvertible {
    let body: String
    let quotes: [(text: String, speaker: String?)]
    var description: String { String(body.prefix(60)) }

    init(_ body: String, _ quotes: [(String, String?)]) {
        self.body = body
        self.quotes = quotes.map { (text: $0.0, speaker: $0.1) }
    }
}

enum QuoteCorpus {
    static let cases: [QuoteCase] = [
        // “…,” X said — every tense, names, titles, appositives.
        QuoteCase("“We will rebuild the bridge by spring,” Mayor Ann Hall said on Tuesday.",
                  [("We will rebuild the bridge by spring,", "Ann Hall")]),
        QuoteCase("“The numbers are simply not there,” John Ortiz says.",
                  [("The numbers are simply not there,", "John Ortiz")]),
        QuoteCase("“I have never been so proud of this team,” coach Pete Lane told reporters after the game.",
                  [("I have never been so proud of this team,", "Pete Lane")]),
        QuoteCase("“It was the hardest year of my life,” Kim, 39, said in the interview.",
                  [("It was the hardest year of my life,", "Kim")]),
        QuoteCase("“This ruling protects every tenant in the city,” Dr. Maria Lopez explained.",
                  [("This ruling protects every tenant in the city,", "Maria Lopez")]),
        QuoteCase("“We are reviewing the footage,” Sen. Tom Reed added.",
                  [("We are reviewing the footage,", "Tom Reed")]),
        QuoteCase("“Nobody told us the water was unsafe,” Mr. Singh insisted.",
                  [("Nobody told us the water was unsafe,", "Singh")]),
        QuoteCase("“The board made its decision weeks ago,” claimed David Park, a former director.",
                  [("The board made its decision weeks ago,", "David Park")]),
        // “…,” said X
        QuoteCase("“There is no plan B,” said Laura Chen, the campaign manager.",
                  [("There is no plan B,", "Laura Chen")]),
        QuoteCase("“Prices will keep rising through the winter,” said a spokesperson for Tesla.",
                  [("Prices will keep rising through the winter,", "Tesla")]),
        QuoteCase("“They were gone before we arrived,” said one witness.",
                  [("They were gone before we arrived,", "a witness")]),
        // X said: “…”
        QuoteCase("Rachel Green said: “I will not be running again next year.”",
                  [("I will not be running again next year.", "Rachel Green")]),
        QuoteCase("Kim Kardashian wrote on her Instagram Story: “Thank you all for the kind messages today.”",
                  [("Thank you all for the kind messages today.", "Kim Kardashian")]),
        QuoteCase("In a statement, the Ministry of Health said: “The outbreak is now under control in all regions.”",
                  [("The outbreak is now under control in all regions.", "Ministry of Health")]),
        QuoteCase("Police said: “Two men were arrested at the scene and remain in custody tonight.”",
                  [("Two men were arrested at the scene and remain in custody tonight.", "police")]),
        // According to X
        QuoteCase("According to a source, “the couple have been living apart since March.”",
                  [("the couple have been living apart since March.", "a source")]),
        QuoteCase("According to Mark Evans, “the vote was never going to pass in this form.”",
                  [("the vote was never going to pass in this form.", "Mark Evans")]),
        QuoteCase("“The site will close by the end of the year,” according to the company’s chief executive, Sarah Holt.",
                  [("The site will close by the end of the year,", "Sarah Holt")]),
        // She continued, “…”
        QuoteCase("Jennifer Lee spoke for ten minutes.\n\nShe continued, “We owe the families an answer, and we will give them one.”",
                  [("We owe the families an answer, and we will give them one.", "Jennifer Lee")]),
        QuoteCase("Michael Brown arrived late to the hearing. He told the panel, “I was not aware of any of these payments.”",
                  [("I was not aware of any of these payments.", "Michael Brown")]),
        // — X
        QuoteCase("“Be the change you wish to see in the world.” — Mahatma Gandhi",
                  [("Be the change you wish to see in the world.", "Mahatma Gandhi")]),
        // anonymous sources
        QuoteCase("“She knows that he’s sick,” a source said. “Everyone knows that.”",
                  [("She knows that he’s sick,", "a source"), ("Everyone knows that.", "a source")]),
        QuoteCase("Another insider adds: “There has been enough communication to establish that the marriage is over.”",
                  [("There has been enough communication to establish that the marriage is over.", "an insider")]),
        QuoteCase("A source close to the couple told People: “They are trying to work it out privately.”",
                  [("They are trying to work it out privately.", "a source")]),
        QuoteCase("“Kim is going through a lot, but she’s staying strong for their children,” the source says.",
                  [("Kim is going through a lot, but she’s staying strong for their children,", "a source")]),
        QuoteCase("“Nobody in the building knew what to do,” one resident said.",
                  [("Nobody in the building knew what to do,", "a resident")]),
        // interrupted by attribution: two quotes, one speaker
        QuoteCase("“We as a society talk about giving grace,” she said. “I kindly ask that the media give us compassion.”",
                  [("We as a society talk about giving grace,", nil), ("I kindly ask that the media give us compassion.", nil)]),
        QuoteCase("Anna Novak was blunt. “We did everything right,” she said, “and it still was not enough.”",
                  [("We did everything right,", "Anna Novak"), ("and it still was not enough.", "Anna Novak")]),
        QuoteCase("“I don’t regret a thing,” the actor said, “not one thing from those years.”",
                  [("I don’t regret a thing,", nil), ("not one thing from those years.", nil)]),
        // pronouns resolve to the right person
        QuoteCase("Kim Kardashian and Kanye West arrived separately. “I am here for the kids,” she said.",
                  [("I am here for the kids,", "Kim Kardashian")]),
        QuoteCase("Kim Kardashian and Kanye West arrived separately. “I am here for the campaign,” he said.",
                  [("I am here for the campaign,", "Kanye West")]),
        QuoteCase("Theresa Walsh met her husband, Paul Walsh, at the door. “Go home,” she told him.",
                  [("Go home,", "Theresa Walsh")]),
        QuoteCase("Officers spoke to Daniel Cruz on Friday. “I saw nothing that night,” he told them.",
                  [("I saw nothing that night,", "Daniel Cruz")]),
        // canonical names within an article
        QuoteCase("Kim Kardashian took to Instagram on Wednesday.\n\n“Kanye is a brilliant but complicated person,” Kardashian wrote.\n\n“We need compassion,” Kim added.",
                  [("Kanye is a brilliant but complicated person,", "Kim Kardashian"), ("We need compassion,", "Kim Kardashian")]),
        QuoteCase("Prime Minister Olaf Berg faced questions. “We are not changing course,” Berg said.",
                  [("We are not changing course,", "Olaf Berg")]),
        // no cue: the next paragraph of the same statement continues the speaker
        QuoteCase("Kim Kardashian posted a long statement on Wednesday.\n\n“As many of you know, Kanye has bipolar disorder.”\n\n“Those that understand mental illness know that the family is powerless.”",
                  [("As many of you know, Kanye has bipolar disorder.", "Kim Kardashian"),
                   ("Those that understand mental illness know that the family is powerless.", "Kim Kardashian")]),
        QuoteCase("“The season starts in April,” said Tom Wills.\n\n“We have signed four new players and the squad is the strongest it has been.”",
                  [("The season starts in April,", "Tom Wills"),
                   ("We have signed four new players and the squad is the strongest it has been.", "Tom Wills")]),
        // a quote over several paragraphs: each reopens, only the last closes
        QuoteCase("Ruth Adams wrote: “I understand the anger people feel about the closures.\n\n“But the budget was cut by a third, and something had to give.\n\n“We will reopen both libraries as soon as we can.”",
                  [("I understand the anger people feel about the closures.\n\n“But the budget was cut by a third, and something had to give.\n\n“We will reopen both libraries as soon as we can.", "Ruth Adams")]),
        // a closing mark missing: the quote ends with its paragraph
        QuoteCase("“As many of you know, Kanye has bi-polar disorder,” Kim wrote on her Instagram Story. “Anyone who has this knows how complicated it is.\n\nShe continued, “Those that understand know the family is powerless.”",
                  [("As many of you know, Kanye has bi-polar disorder,", "Kim"),
                   ("Anyone who has this knows how complicated it is.", "Kim"),
                   ("Those that understand know the family is powerless.", "Kim")]),
        QuoteCase("The mayor, Linda Moss, said the town had “done everything it could to keep the plant open and save the jobs\n\nThe plant closes in May.",
                  [("done everything it could to keep the plant open and save the jobs", "Linda Moss")]),
        // straight quotes
        QuoteCase("\"We are closing the road for safety reasons,\" said Chief Alan Reyes.",
                  [("We are closing the road for safety reasons,", "Alan Reyes")]),
        QuoteCase("Helen Park said: \"The results speak for themselves.\" She did not take questions.",
                  [("The results speak for themselves.", "Helen Park")]),
        QuoteCase("\"It's over,\" James Cole said. \"We lost, and that's on me.\"",
                  [("It's over,", "James Cole"), ("We lost, and that's on me.", "James Cole")]),
        // nested single quotes stay inside the quote
        QuoteCase("“He told me, ‘Don’t come back here again,’ and then he left,” Maria Diaz said.",
                  [("He told me, ‘Don’t come back here again,’ and then he left,", "Maria Diaz")]),
        QuoteCase("\"My father always said 'work hard and be kind' and I still live by it,\" said Grace Kim.",
                  [("My father always said 'work hard and be kind' and I still live by it,", "Grace Kim")]),
        // apostrophes are not quotes
        QuoteCase("The Kardashians’ show ran for years. Kanye West‘s fans, who grew up in the ’90s, don’t agree. “It was a great era,” West said.",
                  [("It was a great era,", "Kanye West")]),
        QuoteCase("It’s the band’s third album since ’98 and the members’ favourite. Nobody’s complaining.",
                  []),
        // short quoted terms are not quotes
        QuoteCase("Kim took to Instagram to ask the public for “compassion” as she addressed the rally.", []),
        QuoteCase("Kim was reportedly “furious” about the things Kanye said.", []),
        QuoteCase("He claimed that she tried to “lock” him up with a doctor.", []),
        QuoteCase("The family asks for “compassion and empathy” right now.", []),
        QuoteCase("Critics called the plan a “dead end” and moved on.", []),
        // short quotes that are statements
        QuoteCase("“No,” said Peter Hart.", [("No,", "Peter Hart")]),
        QuoteCase("Asked if she would resign, Karen Bell said: “Never.”", [("Never.", "Karen Bell")]),
        // partial quotes inside a sentence, long enough to be statements
        QuoteCase("In her Instagram Story, Kim claimed that Kanye’s “words do not align with his intentions.”",
                  [("words do not align with his intentions.", "Kim")]),
        QuoteCase("Kim Kardashian described Kanye as a “brilliant but complicated person” in her post.",
                  [("brilliant but complicated person", "Kim Kardashian")]),
        QuoteCase("As for the rumours, a source tells People a “divorce had been in the process for several weeks”.",
                  [("divorce had been in the process for several weeks", "a source")]),
        // organizations
        QuoteCase("“We regret the inconvenience to our customers,” the company said in a statement.",
                  [("We regret the inconvenience to our customers,", nil)]),
        QuoteCase("The White House said: “The president has full confidence in the secretary.”",
                  [("The president has full confidence in the secretary.", "White House")]),
        QuoteCase("“The investigation is ongoing,” Reuters reported, citing two officials.",
                  [("The investigation is ongoing,", "Reuters")]),
        // several speakers in one article
        QuoteCase("“The deal is done,” said Mark Lowe. Jessica Tan disagreed. “Nothing has been signed,” she said.",
                  [("The deal is done,", "Mark Lowe"), ("Nothing has been signed,", "Jessica Tan")]),
        QuoteCase("“We want a fair wage,” said union leader Bob Kerr.\n\n“The offer is fair,” the employer, Atlas Ltd, said in reply.",
                  [("We want a fair wage,", "Bob Kerr"), ("The offer is fair,", "Atlas Ltd")]),
        // nobody says who spoke
        QuoteCase("A sign on the door read: “Closed until further notice due to flooding.”",
                  [("Closed until further notice due to flooding.", nil)]),
        QuoteCase("“Stay safe out there and look after each other.”", [("Stay safe out there and look after each other.", nil)]),
        // later tenses and forms
        QuoteCase("“I’ll be back next season,” Serena Cole has said repeatedly.",
                  [("I’ll be back next season,", "Serena Cole")]),
        QuoteCase("“Those numbers are wrong,” Finance Minister Rishi Shah insisted on Monday.",
                  [("Those numbers are wrong,", "Rishi Shah")]),
        QuoteCase("“It will take years to recover,” warned Professor Alice Grant.",
                  [("It will take years to recover,", "Alice Grant")]),
        QuoteCase("She ended her response: “Thank you for your understanding and your patience.” Kim Kardashian then logged off.",
                  [("Thank you for your understanding and your patience.", "Kim Kardashian")]),
        QuoteCase("“The storm is moving east,” tweeted the National Weather Service.",
                  [("The storm is moving east,", "National Weather Service")]),
        QuoteCase("Emma Stone was asked about the film. “I loved every minute of making it,” the actress replied.",
                  [("I loved every minute of making it,", "Emma Stone")]),
    ]
}
