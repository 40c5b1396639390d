/// Words that attribute quotations: reporting verbs, pronouns, titles, and the
/// nouns of anonymous sources, roles and organizations. All lower case.
enum ReportingLexicon {
    /// Each reporting verb's stem and its forms.
    private static let verbForms: [(stem: String, forms: [String])] = [
        ("say", ["says", "said", "saying"]), ("tell", ["tells", "told", "telling"]),
        ("write", ["writes", "wrote", "written", "writing"]), ("add", ["adds", "added", "adding"]),
        ("continue", ["continues", "continued", "continuing"]), ("explain", ["explains", "explained", "explaining"]),
        ("claim", ["claims", "claimed", "claiming"]), ("state", ["states", "stated", "stating"]),
        ("note", ["notes", "noted", "noting"]), ("insist", ["insists", "insisted", "insisting"]),
        ("tweet", ["tweets", "tweeted", "tweeting"]), ("post", ["posts", "posted", "posting"]),
        ("reveal", ["reveals", "revealed", "revealing"]), ("admit", ["admits", "admitted", "admitting"]),
        ("announce", ["announces", "announced", "announcing"]), ("declare", ["declares", "declared", "declaring"]),
        ("argue", ["argues", "argued", "arguing"]), ("recall", ["recalls", "recalled", "recalling"]),
        ("ask", ["asks", "asked", "asking"]), ("reply", ["replies", "replied", "replying"]),
        ("respond", ["responds", "responded", "responding"]), ("confirm", ["confirms", "confirmed", "confirming"]),
        ("warn", ["warns", "warned", "warning"]), ("describe", ["describes", "described", "describing"]),
        ("conclude", ["concludes", "concluded", "concluding"]), ("quip", ["quips", "quipped", "quipping"]),
        ("joke", ["jokes", "joked", "joking"]), ("share", ["shares", "shared", "sharing"]),
        ("caption", ["captions", "captioned", "captioning"]), ("pen", ["pens", "penned", "penning"]),
        ("gush", ["gushes", "gushed", "gushing"]), ("slam", ["slams", "slammed", "slamming"]),
        ("blast", ["blasts", "blasted", "blasting"]), ("report", ["reports", "reported", "reporting"]),
        ("comment", ["comments", "commented", "commenting"]), ("remark", ["remarks", "remarked", "remarking"]),
        ("mention", ["mentions", "mentioned", "mentioning"]), ("acknowledge", ["acknowledges", "acknowledged", "acknowledging"]),
        ("suggest", ["suggests", "suggested", "suggesting"]), ("emphasize", ["emphasizes", "emphasized", "emphasizing"]),
        ("stress", ["stresses", "stressed", "stressing"]), ("shout", ["shouts", "shouted", "shouting"]),
        ("whisper", ["whispers", "whispered", "whispering"]), ("cry", ["cries", "cried", "crying"]),
        ("exclaim", ["exclaims", "exclaimed", "exclaiming"]), ("murmur", ["murmurs", "murmured", "murmuring"]),
        ("predict", ["predicts", "predicted", "predicting"]), ("promise", ["promises", "promised", "promising"]),
        ("vow", ["vows", "vowed", "vowing"]), ("testify", ["testifies", "testified", "testifying"]),
        ("answer", ["answers", "answered", "answering"]), ("begin", ["begins", "began", "begun"]),
        ("end", ["ends", "ended"]), ("deny", ["denies", "denied", "denying"]),
        ("concede", ["concedes", "conceded", "conceding"]), ("observe", ["observes", "observed", "observing"]),
        ("assert", ["asserts", "asserted", "asserting"]), ("maintain", ["maintains", "maintained"]),
        ("counter", ["counters", "countered"]), ("tout", ["touts", "touted"]),
        ("call", ["calls", "called"]), ("urge", ["urges", "urged", "urging"]),
        ("plead", ["pleads", "pleaded", "pled"]), ("beg", ["begs", "begged"]),
        ("sob", ["sobs", "sobbed"]), ("laugh", ["laughs", "laughed"]), ("sigh", ["sighs", "sighed"]),
        ("reason", ["reasons", "reasoned"]), ("muse", ["muses", "mused"]), ("boast", ["boasts", "boasted"]),
        ("complain", ["complains", "complained"]), ("charge", ["charges", "charged"]),
        ("allege", ["alleges", "alleged"]), ("accuse", ["accuses", "accused"]),
        ("inform", ["informs", "informed"]), ("agree", ["agrees", "agreed"]), ("read", ["reads"]),
        ("find", ["finds", "found"]),
        ("disagree", ["disagrees", "disagreed", "disagreeing"]), ("recount", ["recounts", "recounted", "recounting"]),
        ("wonder", ["wonders", "wondered", "wondering"]), ("demand", ["demands", "demanded", "demanding"]),
        ("retort", ["retorts", "retorted", "retorting"]), ("snap", ["snaps", "snapped"]),
    ]

    /// Reporting verbs in every tense and form.
    static let verbs = WordSet(words: Set(verbForms.flatMap { [$0.stem] + $0.forms }))

    /// Reporting verbs in a finite form, present or past ("says", "added", "wrote", "pled",
    /// "found"): every form but the stem, the one in "-ing" and the past participles.
    private static let finiteVerbs = WordSet(words: Set(verbForms.flatMap { stem, forms in
        forms.filter { $0 != stem && !$0.hasSuffix("ing") && !pastParticiples.contains($0) }
    }))
    private static let pastParticiples: Set<String> = ["written", "begun"]

    /// Verbs that report speech only with their particle ("Lopez fired back:", "“…,” Hart hit
    /// back", "chimed in", "went on", "pointed out"): each form, and its particle.
    static let phrasalVerbs: WordTable<String> = [
        "fire": "back", "fires": "back", "fired": "back", "firing": "back",
        "hit": "back", "hits": "back", "hitting": "back", "shoot": "back", "shoots": "back", "shot": "back",
        "chime": "in", "chimes": "in", "chimed": "in", "weigh": "in", "weighs": "in", "weighed": "in",
        "go": "on", "goes": "on", "went": "on", "point": "out", "points": "out", "pointed": "out",
        "lash": "out", "lashes": "out", "lashed": "out",
    ]

    /// Verbs that count as cues only with a quote right after them, not as a quote's closing attribution.
    static let weakVerbs: WordSet = ["call", "calls", "called", "describe", "describes", "described", "begin", "begins",
                                     "began", "begun", "end", "ends", "ended", "share", "shares", "shared", "post",
                                     "posts", "posted", "sharing", "posting",
                                     "agree", "agrees", "agreed", "charge", "charges", "charged"]

    static let pronouns: WordTable<Gender> = ["she": .female, "he": .male, "they": .plural, "i": .unknown, "we": .plural]

    /// Words that may stand between a subject and its verb ("she later said", "Kim has said").
    static let adverbs: WordSet = ["also", "later", "then", "reportedly", "previously", "once", "recently", "has",
                                   "had", "have", "was", "is", "were", "would", "will", "had", "just", "simply",
                                   "further", "again", "earlier", "allegedly", "apparently", "publicly", "candidly",
                                   "quietly", "firmly", "famously", "only", "even", "never", "often", "still", "bluntly"]

    static let conjunctions: WordSet = ["and", "but", "then", "before", "after", "while", "as", "so"]

    static let determiners: WordSet = ["a", "an", "the", "another", "one", "two", "three", "several", "some", "many",
                                       "his", "her", "their", "its", "our", "this", "that", "these", "those", "other"]

    /// Determiners that bring in someone new ("a lawyer"), and those that make them someone's
    /// ("his lawyer"): both among `determiners`.
    static let indefiniteDeterminers: WordSet = ["a", "an", "another", "one"]
    static let possessiveDeterminers: WordSet = ["his", "her", "their", "its", "our"]
    /// Words after which a verb's form is a noun ("the report found", "a post said"); not numbers
    /// ("a mother of three said").
    static let nounMarkers: WordSet = ["the", "a", "an", "this", "that", "his", "her", "their", "its", "our"]

    /// Nouns naming a source who is not named.
    static let anonymousNouns: WordSet = ["source", "sources", "insider", "insiders", "friend", "friends", "pal",
                                          "pals", "witness", "witnesses", "eyewitness", "eyewitnesses", "observer",
                                          "observers", "person", "people", "someone", "somebody", "onlooker",
                                          "onlookers", "confidant", "neighbour", "neighbor", "neighbours", "neighbors",
                                          "resident", "residents", "official", "officials", "aide", "aides",
                                          "staffer", "staffers", "employee", "employees", "fan", "fans", "critic",
                                          "critics", "expert", "experts", "analyst", "analysts", "relative", "relatives",
                                          "acquaintance", "member", "members", "user", "users", "commenter", "commenters"]

    /// Nouns for people described by role; they refer back to a named person.
    /// A title or office word before a name as the noun a description would use ("sen" →
    /// "senator"); nil if the word is no role noun.
    static func titleNoun(_ w: String) -> String? {
        let full = titleAbbreviations[w] ?? w
        return roleNouns[full] != nil || titles[full] != nil ? full : nil
    }

    /// Abbreviated titles, by the word they stand for (made once, not at each name).
    private static let titleAbbreviations = ["sen": "senator", "gov": "governor", "rep": "representative", "pres": "president",
                                             "gen": "general", "prof": "professor", "dr": "doctor"]

    /// A reporting verb in a finite form: what opens an inverted attribution ("Says Jones:",
    /// "Added Smith:"; a bare stem opens names: "State Department", "Post"), and what narration
    /// resumes with after a dash ("– and added that", `NarrationAfterDash`).
    static func isInflectedVerb(_ w: String) -> Bool { finiteVerbs.contains(w) }

    static let roleNouns: WordTable<Gender> = [
        "star": .unknown, "founder": .unknown, "rapper": .unknown, "singer": .unknown, "mogul": .unknown,
        "actress": .female, "actor": .male, "mother": .female, "mom": .female, "father": .male, "dad": .male,
        "wife": .female, "husband": .male, "president": .unknown, "minister": .unknown, "senator": .unknown,
        "governor": .unknown, "mayor": .unknown, "ceo": .unknown, "chief": .unknown, "director": .unknown,
        "designer": .unknown, "artist": .unknown, "musician": .unknown, "businesswoman": .female,
        "businessman": .male, "entrepreneur": .unknown, "candidate": .unknown, "personality": .unknown,
        "daughter": .female, "son": .male, "sister": .female, "brother": .male, "model": .unknown,
        "host": .unknown, "celebrity": .unknown, "politician": .unknown, "leader": .unknown, "coach": .unknown,
        "player": .unknown, "author": .unknown, "producer": .unknown, "chairman": .male, "chairwoman": .female,
        "spokesman": .male, "spokeswoman": .female, "spokesperson": .unknown, "representative": .unknown, "rep": .unknown,
        "lawyer": .unknown, "attorney": .unknown, "manager": .unknown, "publicist": .unknown, "judge": .unknown, "doctor": .unknown, "professor": .unknown,
        "queen": .female, "king": .male, "prince": .male, "princess": .female, "duchess": .female, "duke": .male,
    ]

    /// Groups named by a common noun: "police said", "Experts warned". Organizations keep their noun as name.
    static let collectives: WordTable<SpeakerKind> = [
        "police": .organization, "officials": .anonymous, "authorities": .organization, "prosecutors": .organization,
        "investigators": .anonymous, "experts": .anonymous, "scientists": .anonymous, "researchers": .anonymous,
        "doctors": .anonymous, "witnesses": .anonymous, "residents": .anonymous, "protesters": .anonymous,
        "organizers": .anonymous, "organisers": .anonymous, "critics": .anonymous, "analysts": .anonymous,
        "sources": .anonymous, "insiders": .anonymous, "fans": .anonymous, "campaigners": .anonymous,
        "lawmakers": .anonymous, "economists": .anonymous, "firefighters": .anonymous, "paramedics": .anonymous,
    ]

    /// People described by what they are, not by a role that names one person ("a man", "one
    /// woman", "a teenager who lives nearby"): with "a" or "one", someone not named (their quotes
    /// went to the person quoted before); with "the", whom the text named before ("the man").
    static let peopleNouns: WordTable<Gender> = [
        "man": .male, "woman": .female, "boy": .male, "girl": .female, "teenager": .unknown, "teen": .unknown,
        "child": .unknown, "kid": .unknown, "student": .unknown, "pupil": .unknown, "worker": .unknown, "driver": .unknown,
        "passenger": .unknown, "shopper": .unknown, "voter": .unknown, "customer": .unknown, "patient": .unknown,
        "nurse": .unknown, "teacher": .unknown, "parent": .unknown, "victim": .unknown, "survivor": .unknown,
        "climber": .unknown, "farmer": .unknown, "owner": .unknown, "tourist": .unknown, "visitor": .unknown,
        "local": .unknown, "mourner": .unknown, "protester": .unknown, "protestor": .unknown, "bystander": .unknown,
        "traveller": .unknown, "traveler": .unknown, "commuter": .unknown, "fisherman": .male, "soldier": .unknown,
        "officer": .unknown, "firefighter": .unknown, "paramedic": .unknown, "volunteer": .unknown, "runner": .unknown,
        "homeowner": .unknown, "tenant": .unknown, "landlord": .unknown, "diner": .unknown, "guest": .unknown,
    ]

    /// Things that carry words but speak for no one: "the lawsuit said", "a statement from the
    /// family said", "the letter read" (such quotes went to the person quoted before).
    static let documentNouns: WordSet = ["report", "reports", "study", "studies", "statement", "statements", "letter",
                                         "letters", "lawsuit", "suit", "complaint", "filing", "filings", "indictment",
                                         "memo", "email", "e-mail", "message", "note", "notice", "sign", "placard",
                                         "banner", "document", "documents", "ruling", "verdict", "judgment", "judgement",
                                         "survey", "poll", "audit", "review", "analysis", "paper", "article", "editorial",
                                         "petition", "affidavit", "transcript", "caption", "headline", "release",
                                         "announcement", "post", "tweet", "policy", "manual", "guidance", "website",
                                         "label", "warning", "citation", "summons", "bill", "law", "order", "motion"]

    /// Spokespeople speak for an organization when one is named ("a spokesperson for Tesla").
    static let spokesNouns: WordSet = ["spokesman", "spokeswoman", "spokesperson", "representative", "rep"]

    /// Words that make a capitalized name an organization.
    static let organizationWords: WordSet = ["police", "ministry", "department", "inc", "corp", "corporation", "company",
                                             "university", "council", "party", "committee", "agency", "association",
                                             "office", "house", "government", "court", "bureau", "commission", "union",
                                             "institute", "foundation", "group", "bank", "news", "times", "post",
                                             "network", "service", "board", "federation", "club", "league", "ltd",
                                             "llc", "co", "organization", "organisation", "authority", "army", "navy",
                                             "fbi", "cia", "nasa", "who", "un", "eu", "nhs", "bbc", "cnn", "reuters",
                                             "spokesperson", "people", "magazine", "tmz", "weekly", "tonight",
                                             // Places, which speak only as their occupants do ("said Downing Street"),
                                             // and are no person a pronoun could stand for ("she told reporters outside
                                             // Downing Street" gave the quote to a person called Downing Street).
                                             "street", "road", "avenue", "boulevard", "square", "airport", "station",
                                             "hospital", "cathedral", "palace", "stadium", "hotel", "centre", "center",
                                             "county"]

    /// Titles before a name.
    static let titles: WordTable<Gender> = ["mr": .male, "mrs": .female, "ms": .female, "miss": .female, "dr": .unknown,
                                            "sen": .unknown, "senator": .unknown, "rep": .unknown, "gov": .unknown,
                                            "governor": .unknown, "president": .unknown, "prof": .unknown,
                                            "professor": .unknown, "judge": .unknown, "sir": .male, "dame": .female,
                                            "lord": .male, "lady": .female, "mayor": .unknown, "minister": .unknown,
                                            "gen": .unknown, "general": .unknown, "capt": .unknown, "captain": .unknown,
                                            "officer": .unknown, "detective": .unknown, "chief": .unknown, "justice": .unknown,
                                            "pope": .male, "queen": .female, "king": .male, "prince": .male, "princess": .female]

    /// Words of office that may precede a name with its title ("Finance Minister Rishi Shah").
    static let officeWords: WordSet = ["prime", "finance", "foreign", "health", "interior", "defence", "defense",
                                       "home", "deputy", "vice", "executive", "secretary", "state", "attorney",
                                       "general", "chancellor", "speaker", "premier", "first", "lady", "coach",
                                       "councillor", "councilman", "councilwoman", "commissioner", "inspector",
                                       "superintendent", "sheriff", "ambassador", "bishop", "archbishop", "rabbi",
                                       "imam", "father", "reverend", "rev", "sergeant", "sgt", "lieutenant", "lt",
                                       "colonel", "col", "major", "admiral", "corporal", "private", "agent",
                                       "leader", "majority", "minority", "whip", "chair", "chairman", "chairwoman"]

    /// Abbreviations whose period does not end a sentence.
    static let abbreviations: WordSet = ["mr", "mrs", "ms", "dr", "sen", "rep", "gov", "prof", "gen", "capt", "lt",
                                         "col", "sgt", "st", "jr", "sr", "inc", "corp", "co", "ltd", "vs", "no", "mt"]

    /// Capitalized words that are not names (sentence openers, days, months, platforms).
    static let notNames: WordSet = ["the", "a", "an", "in", "on", "at", "as", "but", "and", "or", "if", "when", "while",
                                    "after", "before", "since", "for", "of", "to", "with", "this", "that", "these",
                                    "those", "it", "its", "there", "here", "what", "who", "why", "how", "so", "yet",
                                    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                                    "january", "february", "march", "april", "may", "june", "july", "august",
                                    "september", "october", "november", "december", "instagram", "twitter",
                                    "facebook", "tiktok", "youtube", "story", "stories", "according", "meanwhile",
                                    "however", "still", "now", "then", "last", "next", "earlier", "later", "today",
                                    "yesterday", "tomorrow", "one", "two", "all", "both", "many", "some", "every",
                                    "she", "he", "they", "we", "i", "you", "his", "her", "their", "our", "my", "your",
                                    "breaking", "update", "read", "more", "also", "just", "even", "another", "other",
                                    "mother", "father", "black", "white", "keeping", "up", "with", "by", "from"]

    /// First names whose gender lets pronouns resolve ("she" → Kim Kardashian, not Kanye West).
    static let femaleNames: WordSet = ["kim", "kris", "kourtney", "khloe", "khloé", "kylie", "kendall", "mary", "anna",
                                       "sarah", "elizabeth", "jennifer", "jessica", "emily", "emma", "olivia", "sophia",
                                       "hillary", "michelle", "nancy", "kamala", "angela", "theresa", "margaret",
                                       "jane", "susan", "karen", "linda", "barbara", "patricia", "lisa", "laura",
                                       "rachel", "rebecca", "taylor", "beyonce", "beyoncé", "rihanna", "oprah",
                                       "ariana", "selena", "kate", "meghan", "diana", "catherine", "anne", "julia",
                                       "maria", "marie", "sophie", "lucy", "alice", "grace", "helen", "claire",
                                       "amy", "amanda", "nicole", "ashley", "megan", "hannah", "victoria", "ivanka",
                                       "melania", "greta", "ursula", "jacinda", "liz", "kathy", "carol", "ruth",
                                       "caitlyn", "britney", "miley", "dua"]
    static let maleNames: WordSet = ["kanye", "john", "james", "michael", "david", "robert", "joe", "donald", "barack",
                                     "george", "bill", "william", "richard", "thomas", "charles", "daniel", "matthew",
                                     "mark", "paul", "peter", "jordan", "pete", "meek", "drake", "justin", "tom",
                                     "chris", "brian", "kevin", "jason", "jeff", "elon", "boris", "emmanuel", "vladimir",
                                     "xi", "narendra", "rishi", "keir", "olaf", "andrew", "harry", "jack", "ben",
                                     "sam", "scott", "travis", "saint", "psalm", "jay", "steve", "tim", "mike",
                                     "bernie", "ted", "mitch", "chuck", "kevin", "rob", "bruce", "frank", "henry",
                                     "edward", "anthony", "tony", "martin", "stephen", "nick", "alex", "adam", "luke"]

    static func gender(ofFirstName name: String) -> Gender {
        if femaleNames.contains(name) { return .female }
        if maleNames.contains(name) { return .male }
        return .unknown
    }
}

/// Grammatical gender of a mention, for pronoun resolution.
enum Gender: Equatable, Sendable {
    case female, male, plural, unknown

    func compatible(with other: Gender) -> Bool {
        self == .unknown || other == .unknown || self == other
    }
}
