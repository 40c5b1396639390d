import Foundation

/// Words and names the archive generator builds articles from.
enum GeneratorVocabulary {
    static let nouns = """
    government minister council city village river bridge school hospital market police court family children \
    company workers union budget election campaign report study plan project road station airport harbour \
    museum festival team season match player coach club league fans stadium storm flood fire drought farm \
    farmers harvest prices energy water power grid network phone data privacy law judge jury trial witness \
    teacher students exam university research scientists doctors patients vaccine virus clinic nurse \
    church mayor governor president senator parliament committee inquiry evidence documents letter email \
    statement interview morning evening weekend summer winter spring autumn year month week decade history \
    community neighbours residents protest march rally crowd speech debate vote ballot result majority \
    economy inflation wages jobs factory plant mine port ship train bus traffic accident crash driver \
    film album song concert stage audience critic review book author novel gallery painting artist
    """.split(separator: " ").map(String.init)
    static let verbs = """
    announced confirmed rejected approved delayed opened closed visited reported questioned promised \
    warned described welcomed criticised praised reviewed expanded reduced increased suspended launched \
    cancelled defended challenged supported blocked finished started discussed considered demanded \
    introduced completed explained revealed prepared managed improved replaced protected examined
    """.split(separator: " ").map(String.init)
    static let adjectives = """
    new old local national regional public private small large early late difficult simple major minor \
    recent final official independent young senior former annual weekly daily quiet busy strong weak \
    popular controversial expensive cheap northern southern eastern western rural urban historic modern
    """.split(separator: " ").map(String.init)
    static let connectors = """
    after before during despite because although while since until as and but so
    """.split(separator: " ").map(String.init)
    static let firstNames = """
    Anna Ben Carla David Elena Frank Grace Henry Irene James Karen Leo Maria Nadia Oscar Paula Quentin \
    Rosa Samuel Tara Victor Wendy Yusuf Zoe Amir Bianca Colin Diana Ethan Fiona
    """.split(separator: " ").map(String.init)
    static let lastNames = """
    Adams Baker Chen Diaz Evans Fischer Garcia Hughes Ivanov Jensen Khan Lopez Morgan Novak Okafor \
    Patel Quinn Rossi Singh Tanaka Usman Varga Walsh Xu Young Zimmer
    """.split(separator: " ").map(String.init)
    static let sources = ["The Daily Ledger", "Northern Star", "City Herald", "Wire Report", "Evening Post",
                          "Coast Times", "Valley News", "Metro Daily", "The Observer Weekly", "Channel Nine"]
    /// A few thousand made-up content words (deterministic), so that ordinary
    /// five-word runs are about as rare as in real news and only copied text
    /// is shared; picked with a skewed (Zipf-like) frequency.
    static let madeUp: [String] = {
        let onsets = ["b", "br", "c", "ch", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "l", "m", "n", "p", "pl",
                      "pr", "r", "s", "sh", "sl", "st", "t", "th", "tr", "v", "w"]
        let vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "io"]
        let codas = ["n", "r", "l", "st", "nd", "m", "ck", "t", "s", "rk", "ng", ""]
        var words: [String] = []
        for o in onsets { for v in vowels { for c in codas { words.append(o + v + c) } } }
        var rng = SplitMix64(seed: 99)
        var two: [String] = []
        for _ in 0..<3000 { two.append(words.randomElement(using: &rng)! + words.randomElement(using: &rng)!) }
        words += two
        words.shuffle(using: &rng)
        return words
    }()

    static func zipfWord(_ list: [String], _ rng: inout SplitMix64) -> String {
        let u = Double.random(in: 0..<1, using: &rng)
        return list[min(list.count - 1, Int(pow(u, 2.2) * Double(list.count)))]
    }

    static let boilerplate = "Thank you for reading. Subscribe to our newsletter to get the day's most important stories delivered to your inbox every morning."
}
