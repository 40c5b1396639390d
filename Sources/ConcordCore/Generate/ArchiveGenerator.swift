import Foundation

/// Generates realistic news archives with known truth, for quality tests and benchmarks.
///
/// Articles are Markdown with YAML front matter (Hugo reads the same files):
/// titles, dates across years, sources, paragraphs of varied length, quotes
/// with attributions. Passages are copied between articles with the edits
/// real reprints show (case, punctuation and quote style, hyphenation,
/// spelling variants, typos, words added, dropped or replaced), at random
/// places, some inside a paragraph, in clusters of 2 to dozens. The truth
/// records every copy's byte range.
public struct ArchiveGenerator: Sendable {
    public struct Options: Sendable {
        public var articles = 100
        public var seed: UInt64 = 1
        /// Average paragraphs of original text per article (about 6 KB at the default).
        public var paragraphs = 13
        /// Share of articles carrying at least one copied passage.
        public var sharedShare = 0.5
        /// Share of articles ending in the same boilerplate footer.
        public var boilerplateShare = 0.0
        /// Most paragraphs of quotes an article gets (each gets 0 to this many, evenly). At 2,
        /// about one quote an article; the seed articles quote 9 to 12 times each, which makes
        /// every pass over the archive's quotes ten times as long.
        public var quoteParagraphs = 2
        /// File names as news sites give them, `2019-07-14-the-mayor-said-000123.md` (the article's
        /// date, its title's first three words, its number: about 40 bytes), rather than `a000123.md`.
        /// The files' bytes are the same either way; only their names, and so their order, differ.
        public var datedNames = false
        public init() {}
    }

    /// One generated article: file name, contents, and the copies it carries.
    public struct GeneratedArticle: Sendable {
        public let fileName: String
        public let contents: String
        public let copies: [Copy]
        public let quotes: [TrueQuote]
    }

    /// A passage copy: the truth for passage detection.
    public struct Copy: Sendable, Codable, Equatable {
        public let passage: Int
        public let start: Int
        public let end: Int
    }

    /// One article's truth, as `generate --truth` writes it.
    public struct TruthEntry: Sendable, Codable {
        public let article: String
        public let copies: [Copy]
        public let quotes: [TrueQuote]
    }

    /// A quote as generated: its byte range and speaker.
    public struct TrueQuote: Sendable, Codable, Equatable {
        public let start: Int
        public let end: Int
        public let speaker: String
    }

    public let options: Options
    public init(options: Options) { self.options = options }

    public func generate() -> [GeneratedArticle] {
        var rng = SplitMix64(seed: options.seed)
        let n = options.articles
        // Passages and the articles that carry them.
        var plan = [[Int]](repeating: [], count: n)        // article → passages
        var passages: [String] = []
        var budget = Int(Double(n) * options.sharedShare)
        while budget > 1 {
            let size = min(budget, clusterSize(&rng), n)
            let p = passages.count
            passages.append(passageText(&rng))
            var members = Set<Int>()
            while members.count < size { members.insert(Int.random(in: 0..<n, using: &rng)) }
            for a in members.sorted() { plan[a].append(p) }
            budget -= size
        }
        return (0..<n).map { a in article(a, passages: plan[a].map { ($0, passages[$0]) }, rng: &rng) }
    }

    /// Most passages are copied once (a pair); a few dozens of times.
    private func clusterSize(_ rng: inout SplitMix64) -> Int {
        let x = Double.random(in: 0..<1, using: &rng)
        if x < 0.6 { return 2 }
        if x < 0.85 { return Int.random(in: 3...5, using: &rng) }
        if x < 0.97 { return Int.random(in: 6...12, using: &rng) }
        return Int.random(in: 13...40, using: &rng)
    }

    private func passageText(_ rng: inout SplitMix64) -> String {
        let sentences = Int.random(in: 2...5, using: &rng)
        return (0..<sentences).map { _ in sentence(&rng) }.joined(separator: " ")
    }

    private func sentence(_ rng: inout SplitMix64) -> String {
        let V = GeneratorVocabulary.self
        // Content words: mostly from the made-up vocabulary, some real news nouns.
        func noun(_ rng: inout SplitMix64) -> String {
            Int.random(in: 0..<5, using: &rng) < 2 ? V.nouns.randomElement(using: &rng)! : V.zipfWord(V.madeUp, &rng)
        }
        var words: [String] = []
        let length = Int.random(in: 9...24, using: &rng)
        while words.count < length {
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: words += ["the", V.adjectives.randomElement(using: &rng)!, noun(&rng)]
            case 1: words += [V.verbs.randomElement(using: &rng)!, "the", noun(&rng)]
            case 2: words += [V.connectors.randomElement(using: &rng)!, noun(&rng), V.zipfWord(V.madeUp, &rng)]
            case 3: words += ["of", noun(&rng), V.verbs.randomElement(using: &rng)!]
            case 4: words += [V.firstNames.randomElement(using: &rng)!, V.lastNames.randomElement(using: &rng)!]
            default: words += ["in", V.adjectives.randomElement(using: &rng)!, noun(&rng)]
            }
        }
        var s = words.joined(separator: " ")
        if Int.random(in: 0..<4, using: &rng) == 0, let i = s.firstIndex(of: " "), let j = s[s.index(after: i)...].firstIndex(of: " ") {
            s.insert(",", at: j)
        }
        return s.prefix(1).uppercased() + s.dropFirst() + "."
    }

    private func quoteParagraph(_ rng: inout SplitMix64) -> (String, Range<Int>, String) {
        let V = GeneratorVocabulary.self
        let speaker = V.firstNames.randomElement(using: &rng)! + " " + V.lastNames.randomElement(using: &rng)!
        var said = sentence(&rng)
        said.removeLast()
        let prefix = "“"
        let text = prefix + said + ",” " + speaker + " " + ["said", "told reporters", "added", "explained"].randomElement(using: &rng)! + "."
        let start = prefix.utf8.count
        return (text, start..<(start + said.utf8.count + 1), speaker)
    }

    /// Applies reprint edits to a passage copy.
    private func edit(_ text: String, _ rng: inout SplitMix64) -> String {
        var words = text.split(separator: " ").map(String.init)
        var out: [String] = []
        let V = GeneratorVocabulary.self
        for w in words {
            let x = Double.random(in: 0..<1, using: &rng)
            if x < 0.015 { continue }                                                  // dropped
            if x < 0.03 { out.append(V.adjectives.randomElement(using: &rng)!); continue }  // replaced
            var w = w
            if x < 0.05, w.count > 5 {                                                 // typo
                var c = Array(w); let i = Int.random(in: 1..<(c.count - 2), using: &rng); c.swapAt(i, i + 1); w = String(c)
            } else if x < 0.06, w.count > 6 {                                          // hyphenation
                let i = w.index(w.startIndex, offsetBy: w.count / 2); w.insert("-", at: i)
            } else if x < 0.07, w.hasSuffix("ised") {                                  // spelling variant
                w = String(w.dropLast(4)) + "ized"
            }
            out.append(w)
            if Double.random(in: 0..<1, using: &rng) < 0.015 { out.append(V.adjectives.randomElement(using: &rng)!) }  // added
        }
        words = out
        var s = words.joined(separator: " ")
        if Double.random(in: 0..<1, using: &rng) < 0.2 { s = s.replacingOccurrences(of: ",", with: "") }
        return s
    }

    private func article(_ a: Int, passages: [(Int, String)], rng: inout SplitMix64) -> GeneratedArticle {
        let V = GeneratorVocabulary.self
        let year = 2015 + Int.random(in: 0...9, using: &rng)
        let month = Int.random(in: 1...12, using: &rng)
        let day = Int.random(in: 1...28, using: &rng)
        func pad(_ x: Int) -> String { x < 10 ? "0\(x)" : "\(x)" }
        let title = sentence(&rng).split(separator: " ").prefix(Int.random(in: 5...10, using: &rng)).joined(separator: " ")
        var header = "---\ntitle: \"\(title.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: ".", with: ""))\"\n"
        header += "date: \(year)-\(pad(month))-\(pad(day))\nsource: \(V.sources.randomElement(using: &rng)!)\n---\n\n"
        var paragraphs: [String] = (0..<max(2, options.paragraphs + Int.random(in: -3...3, using: &rng))).map { _ in
            (0..<Int.random(in: 2...6, using: &rng)).map { _ in sentence(&rng) }.joined(separator: " ")
        }
        // Quotes: a paragraph or two.
        var quoteSlots: [(Int, Range<Int>, String)] = []
        for _ in 0..<Int.random(in: 0...options.quoteParagraphs, using: &rng) {
            let (text, range, speaker) = quoteParagraph(&rng)
            let at = Int.random(in: 0...paragraphs.count, using: &rng)
            paragraphs.insert(text, at: at)
            quoteSlots = quoteSlots.map { $0.0 >= at ? ($0.0 + 1, $0.1, $0.2) : $0 }
            quoteSlots.append((at, range, speaker))
        }
        // Copies: a paragraph of their own, or inside a paragraph between sentences.
        var inserts: [(paragraph: Int, offsetInParagraph: Int?, passage: Int, text: String)] = []
        for (p, text) in passages {
            let copy = edit(text, &rng)
            let at = Int.random(in: 0..<paragraphs.count, using: &rng)
            if Bool.random(using: &rng) {
                paragraphs.insert(copy, at: at)
                quoteSlots = quoteSlots.map { $0.0 >= at ? ($0.0 + 1, $0.1, $0.2) : $0 }
                inserts = inserts.map { $0.paragraph >= at ? ($0.paragraph + 1, $0.offsetInParagraph, $0.passage, $0.text) : $0 }
                inserts.append((at, nil, p, copy))
            } else if !quoteSlots.contains(where: { $0.0 == at }) && !inserts.contains(where: { $0.paragraph == at }) {
                // After the paragraph's first sentence.
                let para = paragraphs[at]
                let cut = para.range(of: ". ")?.upperBound ?? para.endIndex
                let before = String(para[..<cut]), after = String(para[cut...])
                let joined = before + (before.hasSuffix(" ") ? "" : " ") + copy + (after.isEmpty ? "" : " " + after)
                paragraphs[at] = joined
                inserts.append((at, before.utf8.count + (before.hasSuffix(" ") ? 0 : 1), p, copy))
            } else {
                paragraphs.insert(copy, at: at)
                quoteSlots = quoteSlots.map { $0.0 >= at ? ($0.0 + 1, $0.1, $0.2) : $0 }
                inserts = inserts.map { $0.paragraph >= at ? ($0.paragraph + 1, $0.offsetInParagraph, $0.passage, $0.text) : $0 }
                inserts.append((at, nil, p, copy))
            }
        }
        if options.boilerplateShare > 0, Double.random(in: 0..<1, using: &rng) < options.boilerplateShare {
            paragraphs.append(V.boilerplate)
        }
        // Assemble and record byte ranges.
        var body = ""
        var paragraphStarts: [Int] = []
        for (i, p) in paragraphs.enumerated() {
            if i > 0 { body += "\n\n" }
            paragraphStarts.append(header.utf8.count + body.utf8.count)
            body += p
        }
        body += "\n"
        var copies = inserts.map { ins in
            let start = paragraphStarts[ins.paragraph] + (ins.offsetInParagraph ?? 0)
            return Copy(passage: ins.passage, start: start, end: start + ins.text.utf8.count)
        }
        copies.sort { $0.start < $1.start }
        let quotes = quoteSlots.map { TrueQuote(start: paragraphStarts[$0.0] + $0.1.lowerBound, end: paragraphStarts[$0.0] + $0.1.upperBound, speaker: $0.2) }
            .sorted { $0.start < $1.start }
        let number = String(repeating: "0", count: max(0, 6 - String(a).count)) + String(a)
        var name = "a" + number + ".md"
        if options.datedNames {
            let words = title.lowercased().split(separator: " ").prefix(3).map { $0.filter { $0.isASCII && $0.isLetter } }
            name = "\(year)-\(pad(month))-\(pad(day))-" + words.filter { !$0.isEmpty }.joined(separator: "-") + "-\(number).md"
        }
        return GeneratedArticle(fileName: name, contents: header + body, copies: copies, quotes: quotes)
    }

    /// Writes the articles into `folder` and, if given, the truth as JSON.
    public static func write(_ articles: [GeneratedArticle], to folder: URL, truth: URL? = nil) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for a in articles {
            try Data(a.contents.utf8).write(to: folder.appendingPathComponent(a.fileName))
        }
        if let truth {
            let entries = articles.map { TruthEntry(article: ArticleParser.id(forPath: $0.fileName), copies: $0.copies, quotes: $0.quotes) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try encoder.encode(entries).write(to: truth)
        }
    }
}
