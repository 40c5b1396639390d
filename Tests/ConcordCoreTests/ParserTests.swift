import Testing
@testable import ConcordCore

@Suite("Parser")
struct ParserTests {
    let parser = ArticleParser()

    func parse(_ text: String, path: String = "a.txt") throws(Diagnostic) -> Article {
        try parser.parse(Array(text.utf8), path: path)
    }

    func error(_ text: String, path: String = "a.txt") -> Diagnostic? {
        error(bytes: Array(text.utf8), path: path)
    }

    func error(bytes: [UInt8], path: String = "a.txt") -> Diagnostic? {
        do { _ = try parser.parse(bytes, path: path); return nil } catch { return error }
    }

    @Test func datedTextTakesDateAndRestOfFirstLine() throws {
        let a = try parse(" date 2021-03-04 The minister resigned on Friday after a long row.\n\nSecond paragraph here.")
        #expect(a.date.description == "2021-03-04")
        #expect(a.format == .datedText)
        #expect(a.bodyText.hasPrefix("The minister resigned"))
        #expect(a.title == "The minister resigned on Friday after a long row")
        #expect(a.credits.isEmpty)
        #expect(a.id == "a")
    }

    /// A UTF-8 byte-order mark (Notepad and other Windows editors save one) before the date,
    /// in either format; offsets still count from the file's first byte.
    @Test func aByteOrderMarkMayComeFirst() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let a = try parser.parse(bom + Array("date 2021-03-04 The minister resigned.\n".utf8), path: "a.txt")
        #expect(a.date.description == "2021-03-04" && a.bodyText == "The minister resigned.")
        #expect(a.body.lowerBound == 3 + "date 2021-03-04 ".utf8.count)
        let b = try parser.parse(bom + Array("---\ntitle: T\ndate: 2021-03-05\n---\nBody.\n".utf8), path: "b.md")
        #expect(b.date.description == "2021-03-05" && b.bodyText == "Body.")
    }

    @Test func creditLinesAreKeptApartFromTheBody() throws {
        let a = try parse("date 2020-07-26 Spread This News\n\n\n\nChannel24\n\nKim Kardashian took to Instagram on Wednesday.\n")
        #expect(a.credits == ["Spread This News", "Channel24"])
        #expect(a.bodyText == "Kim Kardashian took to Instagram on Wednesday.")
    }

    /// A headline in sentence case at the top is the title: it was taken for an outlet's
    /// name, and the title came from the first sentence after the byline. (Credits are
    /// taken from the top only, so a byline below the headline stays in the body.)
    @Test func aSentenceCaseHeadlineIsNoCredit() throws {
        let a = try parse("date 2025-03-06\nFarmers vow to fight Riverton barrier\n\nBy Sam Ortiz\n\nOpponents said the barrier would push floodwater downstream.")
        #expect(a.credits.isEmpty)
        #expect(a.title == "Farmers vow to fight Riverton barrier")
        for outlet in ["News of the World", "The Times of India", "Spread This News", "Le Monde", "Mayor Smith resigns"] {
            let b = try parse("date 2025-03-06\n\(outlet)\n\nOpponents said the barrier would push floodwater downstream.")
            #expect(b.credits == [outlet], "\(outlet)")
        }
    }

    @Test func aShortSentenceIsNotACredit() throws {
        let a = try parse("date 2020-07-26 Breaking his silence.\n\nKim spoke at last about the rally.")
        #expect(a.credits.isEmpty)
        #expect(a.bodyText.hasPrefix("Breaking his silence."))
    }

    @Test func titleSkipsKickerAndCutsLongSentences() throws {
        let a = try parse("date 2020-07-22 Breaking his silence. Kim Kardashian responded to the rally comments on Sunday.")
        #expect(a.title == "Kim Kardashian responded to the rally comments on Sunday")
        let b = try parse("date 2020-07-22 Kim Kardashian has broken her silence on Kanye West‘s mental health in an extremely thought out and insightful Instagram Story.")
        #expect(b.title == "Kim Kardashian has broken her silence on Kanye West’s mental health")
    }

    /// Bylines, time stamps and photo credits are credits, also several lines in one paragraph;
    /// a wire dateline is left out of the title. The title was "By JANE DOE and JOHN ROE
    /// Associated Press Updated 3:45 PM EST, April 2, 2024".
    @Test func bylinesStampsPhotoCreditsAndDatelines() throws {
        let a = try parse("date 2024-04-02\nBy JANE DOE and JOHN ROE\nAssociated Press\nUpdated 3:45 PM EST, April 2, 2024\n\nWASHINGTON (AP) — The Supreme Court on Tuesday agreed to hear a case.")
        #expect(a.credits == ["By JANE DOE and JOHN ROE", "Associated Press", "Updated 3:45 PM EST, April 2, 2024"])
        #expect(a.title == "The Supreme Court on Tuesday agreed to hear a case")
        let b = try parse("date 2024-04-03\n\nPhoto: Getty Images\n\nBy Sam Green, Political Correspondent\n\nPublished 10:02 BST\n\nMinisters have been warned of a crisis.")
        #expect(b.credits == ["Photo: Getty Images", "By Sam Green, Political Correspondent", "Published 10:02 BST"])
        #expect(b.title == "Ministers have been warned of a crisis")
        // Sentences that start like credits, and a capitalized word before a dash, are text.
        let c = try parse("date 2024-04-04\n\nBy the time we arrived, the fire was out.\n\nNASA - the space agency - said it would launch again soon.")
        #expect(c.credits.isEmpty)
        #expect(c.title == "By the time we arrived, the fire was out")
        // Headlines that start like stamps are the title.
        for headline in ["Updated census shows 5 million more residents", "Last 3 miners rescued from flooded pit",
                         "Last September 12 was the hottest day"] {
            let h = try parse("date 2024-04-04\n\n\(headline)\n\nThe body follows here in a sentence.")
            #expect(h.credits.isEmpty, "\(headline)")
            #expect(h.title == headline)
        }
        let stamp = try parse("date 2024-04-04\n\nLast modified 2024-04-02\n\nFirst published Apr 1\n\nThe body follows here in a sentence.")
        #expect(stamp.credits == ["Last modified 2024-04-02", "First published Apr 1"])
        let d = try parse("date 2024-04-04\n\nNASA - the space agency - said it would launch again soon.")
        #expect(d.title == "NASA - the space agency - said it would launch again soon")
    }

    /// An initial ends no sentence: the title was "Former President Donald J".
    @Test func titleRunsOnPastInitials() throws {
        let a = try parse("date 2024-03-01 Former President Donald J. Trump spoke on Friday. He left.")
        #expect(a.title == "Former President Donald J. Trump spoke on Friday")
        let b = try parse("date 2024-03-01 The vote was close, and I. Then it ended.")
        #expect(b.title == "The vote was close, and I")
    }

    @Test func frontMatter() throws {
        let a = try parse("""
        ---
        title: "Storm <b>hits</b> coast"
        date: 2023-01-09
        source: The Herald
        author: J. Doe
        url: https://example.com/storm
        tags: [weather, coast]
        ---

        The storm **hit** at dawn.
        """, path: "storm.md")
        #expect(a.format == .frontMatter)
        #expect(a.title == "Storm <b>hits</b> coast")
        #expect(a.date.description == "2023-01-09")
        #expect(a.credits == ["The Herald"])
        #expect(a.author == "J. Doe")
        #expect(a.url == "https://example.com/storm")
        #expect(a.tags == ["weather", "coast"])
        #expect(a.bodyText == "The storm **hit** at dawn.")
        #expect(a.id == "storm")
    }

    /// An export from Hugo or Jekyll carries fields Concord does not read, of any kind (a flag, a
    /// list, a mapping): they are ignored, where a list or mapping left the article out.
    @Test func fieldsConcordDoesNotReadAreIgnored() throws {
        let a = try parse("""
        ---
        title: Exported
        date: 2023-01-09
        draft: false
        categories: [news, politics]
        aliases:
          - /old/exported/
        params:
          author: { name: Jo }
        tags: [weather, { nested: list }]
        ---
        Body.
        """, path: "e.md")
        #expect(a.title == "Exported")
        #expect(a.date.description == "2023-01-09")
        #expect(a.credits == [] && a.author == nil && a.url == nil)
        #expect(a.tags == ["weather"])
    }

    /// A field given no value (`source:`, `author: ~`, `url: ""`) is not given: the page showed an
    /// empty credit and "by ~". A quoted "null" is text.
    @Test func emptyAndNullFieldsAreNotGiven() throws {
        let a = try parse("---\ntitle: T\ndate: 2020-01-06\nsource:\nauthor: ~\nurl: \"\"\ntags: null\n---\nBody.\n", path: "n.md")
        #expect(a.credits == [])
        #expect(a.author == nil)
        #expect(a.url == nil)
        #expect(a.tags == [])
        let b = try parse("---\ntitle: T\ndate: 2020-01-06\nauthor: \"null\"\nsource: NULL\ntags: a, , b\n---\nBody.\n", path: "n.md")
        #expect(b.author == "null")
        #expect(b.credits == [])
        #expect(b.tags == ["a", "b"])
    }

    /// A folded or literal block (`title: >`) ends in a line break, which the title carried
    /// into every page; fields lose the spaces and line breaks around them.
    @Test func blockScalarsLoseTheirLineBreaks() throws {
        let a = try parse("---\ntitle: >\n  Folded title\n  on two lines\ndate: 2020-01-06\nauthor: |\n  J. Doe\n---\nBody.\n", path: "f.md")
        #expect(a.title == "Folded title on two lines")
        #expect(a.author == "J. Doe")
    }

    @Test func bodyOffsetsPointIntoTheFile() throws {
        let text = "date 2020-01-02 Héllo “world” and more words here.\n"
        let a = try parse(text)
        #expect(String(decoding: Array(text.utf8)[a.body], as: UTF8.self) == "Héllo “world” and more words here.")
    }

    @Test("bad input is reported with its line", arguments: [
        ("no date here\n\nbody", 1, "missing date"),
        ("date 2020-02-30 Body text.", 1, "invalid date '2020-02-30'"),
        ("date 2020-13-01 Body text.", 1, "invalid date"),
        ("date yesterday Body text.", 1, "invalid date"),
        // A day written another way is named as it must be written; day and month either way round, both ways.
        ("date March 4, 2025 The council voted.", 1, "invalid date 'March': expected a real day as YYYY-MM-DD: write 'date 2025-03-04'"),
        ("date Tuesday, 4th March 2025 The council voted.", 1, ": write 'date 2025-03-04'"),
        ("date 2025/3/4 The council voted.", 1, ": write 'date 2025-03-04'"),
        ("date 04/03/2025 The council voted.", 1, "(is it 2025-03-04 or 2025-04-03? write 'date ' and the day as YYYY-MM-DD)"),
        ("date 25/12/2024 The council voted.", 1, ": write 'date 2024-12-25'"),
        ("---\ntitle: T\ndate: March 4, 2025\n---\nbody", 3, "invalid date 'March 4, 2025': expected a real day as YYYY-MM-DD: write 'date: 2025-03-04'"),
        ("---\ntitle: T\ndate: 2025-3-4\n---\nbody", 3, ": write 'date: 2025-03-04'"),
        ("---\ntitle: T\ndate: 2025-02-30\n---\nbody", 3, "expected a real day as YYYY-MM-DD"),
        ("---\ntitle: T\npublishDate: 2025-03-04\n---\nbody", 3, "front matter has no 'date' (YYYY-MM-DD): Concord reads the day from 'date', not 'publishDate'"),
        ("", 1, "empty file"),
        ("   \n\n  ", 1, "empty file"),
        ("date 2020-01-01", 1, "no body"),
        // Near misses of the date line are named, with the line to write.
        ("Date: 2020-01-01\nBody text.", 1, "the first line starts with 'Date:': write 'date YYYY-MM-DD', in lower case, without a colon"),
        ("date:2020-01-01 Body text.", 1, "missing date: the first line must start with 'date YYYY-MM-DD'"),
        ("DATE 2020-01-01 Body text.", 1, "starts with 'DATE': write 'date YYYY-MM-DD'"),
        ("2020-01-03\nBody text.", 1, "the first line starts with the day alone: write 'date 2020-01-03'"),
        ("+++\ntitle = \"T\"\ndate = 2020-01-01\n+++\nBody.", 1, "'+++' starts TOML front matter, which Concord does not read"),
        ("---\ntitle: x\ndate: 2020-01-01\n\nbody", 1, "unterminated front matter"),
        ("---\ntitle: [unclosed\ndate: 2020-01-01\n---\nbody", 3, "bad YAML"),
        ("---\ndate: 2020-01-01\n---\nbody", 1, "no 'title'"),
        ("---\ndate: 2020-01-01\ntitle: \"  \"\n---\nbody", 3, "'title' is empty"),
        ("---\ntitle: T\n---\nbody", 1, "no 'date'"),
        ("---\ntitle: T\ndate: 2020-02-31\n---\nbody", 3, "invalid date"),
        ("---\n- a\n- b\n---\nbody", 2, "mapping"),
        // A key given twice: the line that gives it again, on one line (Yams' text ran over five).
        ("---\ntitle: G\ndate: 2020-01-10\ndate: 2020-01-11\n---\nbody", 4, "bad YAML in front matter: 'date' is given twice (lines 3 and 4)"),
        // A field named in capitals: its line, and what is wrong with it.
        ("---\ntitle: H\nDate: 2020-01-12\n---\nbody", 3, "no 'date' (YYYY-MM-DD): field names are lower case, not 'Date'"),
        ("---\nTitle: H\ndate: 2020-01-12\n---\nbody", 2, "no 'title': field names are lower case, not 'Title'"),
        // The fields Concord reads must have the shape it reads; a null title is an empty one.
        ("---\ntitle: [a, b]\ndate: 2020-01-12\n---\nbody", 2, "front matter field 'title' must be text"),
        ("---\ntitle: T\ndate: 2020-01-12\nsource: {name: Herald}\n---\nbody", 4, "front matter field 'source' must be text"),
        ("---\ntitle: T\ndate: 2020-01-12\ntags: {a: 1}\n---\nbody", 4, "'tags' must be text or a list of words"),
        ("---\ntitle: ~\ndate: 2020-01-12\n---\nbody", 2, "'title' is empty"),
        // The two commonest slips in front matter, said how to write.
        ("---\ndate: 2020-01-12\ntitle: #1 in the charts\n---\nbody", 3,
         "'title' is empty: YAML reads what follows # as a comment; put the title in quotes (title: \"#1 in the charts\")"),
        ("---\ntitle: Breaking: the mayor resigns\ndate: 2020-01-12\n---\nbody", 2,
         "bad YAML in front matter: mapping values are not allowed in this context (a value with ': ' in it goes in quotes: title: \"Breaking: …\")"),
        ("---\ntitle: T\ndate:\n---\nbody", 3, "invalid date ''"),
    ])
    func badInput(text: String, line: Int, message: String) {
        let e = error(text)
        #expect(e != nil)
        #expect(e.map { !$0.description.contains("\n") } == true, "one line: \(String(describing: e))")
        #expect(e?.line == line, "\(String(describing: e))")
        #expect(e?.message.contains(message) == true, "\(String(describing: e))")
        #expect(e?.description.hasPrefix("a.txt:\(line): error: ") == true)
    }

    /// A file saved by Word as Windows-1252 (curly quotes as single bytes) is named as such.
    @Test func windows1252IsNamed() {
        let e = error(bytes: Array("date 2020-01-01 He said ".utf8) + [0x93] + Array("no".utf8) + [0x94] + Array(".\n".utf8))
        #expect(e?.message == "invalid UTF-8 at byte offset 24 (byte 0x93, “ in Windows-1252, as Word and older Windows editors save text): save the file as UTF-8")
        // A byte that starts a longer sequence cut short is not taken for one.
        let f = error(bytes: Array("date 2020-01-01 x ".utf8) + [0xE2, 0x80] + Array(" y".utf8))
        #expect(f?.message == "invalid UTF-8 at byte offset 18: save the file as UTF-8")
    }

    @Test func invalidUTF8NamesTheLine() {
        let e = error(bytes: Array("date 2020-01-01 ok\n\nline two \u{1}".utf8) + [0xC3, 0x28])
        #expect(e?.line == 3)
        #expect(e?.message.contains("invalid UTF-8") == true)
    }

    /// A file saved as UTF-16 (Windows' "Unicode") is named as such, not as binary.
    @Test func utf16IsNamed() {
        let text = "date 2020-01-01 Body text."
        for bom: [UInt8] in [[0xFF, 0xFE], [0xFE, 0xFF]] {
            let bytes = bom + Array(text.utf16).flatMap { bom[0] == 0xFF ? [UInt8($0 & 0xFF), UInt8($0 >> 8)] : [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
            #expect(error(bytes: bytes) == Diagnostic(path: "a.txt", line: 1, message: "the file is UTF-16: save it as UTF-8"))
        }
    }

    @Test func binaryFileIsRejected() {
        let e = error(bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00])
        #expect(e?.message.contains("binary") == true)
    }

    @Test func datesAreReal() {
        #expect(ArticleDate("2020-02-29") != nil)
        #expect(ArticleDate("2021-02-29") == nil)
        #expect(ArticleDate("1900-02-29") == nil)
        #expect(ArticleDate("2000-02-29") != nil)
        #expect(ArticleDate("2020-04-31") == nil)
        #expect(ArticleDate("2020-4-01") == nil)
        #expect(ArticleDate("2020-07-22")?.readable == "22 July 2020")
    }

    /// A day is kept as one packed number: its parts, order and text come back as given, at
    /// both ends of the years it allows.
    @Test func aDayKeepsItsPartsOrderAndText() throws {
        let texts = ["0000-01-01", "0999-12-31", "2019-12-31", "2020-01-01", "2020-01-02", "2020-02-01", "9999-12-31"]
        let days = try texts.map { try #require(ArticleDate($0)) }
        #expect(days.map(\.description) == texts)
        #expect(days == days.sorted() && Set(days).count == texts.count)
        let last = try #require(ArticleDate(year: 9999, month: 12, day: 31))
        #expect((last.year, last.month, last.day) == (9999, 12, 31) && last == days.last)
        #expect(ArticleDate(year: 2020, month: 3, day: 4).map { ($0.year, $0.month, $0.day) } ?? (0, 0, 0) == (2020, 3, 4))
        #expect(ArticleDate(year: 10_000, month: 1, day: 1) == nil)
    }

    @Test func seedsParseWithTitlesDatesAndCredits() throws {
        let seeds = try Repo.seedArticles()
        #expect(seeds.map(\.id) == ["000_0f71f093a850930d", "001_ea6d62d9a66d076f", "002_b5dc226a9299c504"])
        #expect(seeds.map(\.date.description) == ["2020-07-26", "2020-07-22", "2020-07-22"])
        #expect(seeds.map(\.credits) == [["Spread This News", "Channel24"], [], []])
        #expect(seeds.map(\.title) == [
            "Kim Kardashian took to Instagram on Wednesday to ask the public for “compassion”",
            "Kim Kardashian has broken her silence on Kanye West’s mental health",
            "Kim Kardashian responded to Kanye West’s Twitter rant and campaign rally comments",
        ])
        #expect(seeds[0].bodyText.hasPrefix("Kim Kardashian took to Instagram"))
    }
}

@Suite("Archive loader")
struct ArchiveLoaderTests {
    /// A file over 2 GB (sparse: it takes no disk) is left out with the parser's diagnostic and
    /// the rest loads. The loader asks `FastFiles.read` for at most the parser's limit, which
    /// answers from `fstat` alone (checked below): reading 2.2 GB took 7 s and as much memory.
    @Test func aFileOverTwoGigabytesIsLeftOutUnread() throws {
        let archive = try TempArchive(files: ["good.txt": "date 2020-01-01 A perfectly good article with words."])
        defer { archive.cleanup() }
        let huge = archive.source.appendingPathComponent("huge.txt")
        try Data("date 2020-01-01 Big.".utf8).write(to: huge)
        let size = ArticleParser.maxBytes + 1
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: UInt64(size)); try handle.close()
        let result = try ArchiveLoader(sourceFolder: archive.source).load()
        #expect(result.articles.map(\.id) == ["good"])
        #expect(result.diagnostics == [Diagnostic(path: "huge.txt", line: 1,
                                                  message: "file of \(size) bytes: articles of more than \(size - 1) bytes are not read")])
        // Answers as Bools: a failure message describing 2 GB of bytes read would never end.
        let tooLarge = FastFiles.read(huge.path, limit: 20).isTooLarge(size)
        let unreadable = FastFiles.read(archive.source.appendingPathComponent("missing.txt").path, limit: 20).isUnreadable
        #expect(tooLarge && unreadable)
    }

    @Test func badFilesAreLeftOutAndTheRestLoads() throws {
        let archive = try TempArchive(files: [
            "good.txt": "date 2020-01-01 A perfectly good article with words.",
            "bad.txt": "no date",
            "dup.md": "---\ntitle: One\ndate: 2020-01-02\n---\nText.",
            "notes.json": "{}",
        ])
        defer { archive.cleanup() }
        try archive.write("dup.txt", "date 2020-01-03 Same id as dup.md.")
        let result = try ArchiveLoader(sourceFolder: archive.source).load()
        #expect(result.articles.map(\.id) == ["dup", "good"])
        #expect(result.diagnostics.map(\.description).sorted() == [
            "bad.txt:1: error: missing date: the first line must start with 'date YYYY-MM-DD' (or the file must start with '---' front matter)",
            "dup.txt:1: error: duplicate id 'dup': 'dup.md' has the same file name; rename one of them",
        ])
    }

    /// A link named like an article that leads nowhere, or round in a loop, is reported with
    /// the reason, never passed over in silence.
    @Test func aLinkThatLeadsNowhereIsReported() throws {
        let archive = try TempArchive(files: ["good.txt": "date 2020-01-01 A perfectly good article with words."])
        defer { archive.cleanup() }
        #expect(symlink("nowhere.txt", archive.source.appendingPathComponent("gone.txt").path) == 0)
        #expect(symlink("round.md", archive.source.appendingPathComponent("round.md").path) == 0)
        let result = try ArchiveLoader(sourceFolder: archive.source).load()
        #expect(result.articles.map(\.id) == ["good"])
        #expect(result.diagnostics == [
            Diagnostic(path: "gone.txt", line: 1, message: "cannot read file: it is a symbolic link to 'nowhere.txt', which does not exist"),
            Diagnostic(path: "round.md", line: 1, message: "cannot read file: too many levels of symbolic links")])
        // A name that is not UTF-8 is listed with its bad bytes replaced: no file has that name.
        let name = Array((archive.source.path + "/caf").utf8) + [0xE9] + Array(".txt".utf8) + [0]   // Latin-1 é
        let fd = name.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) } }
        #expect(fd >= 0); close(fd)
        let named = try ArchiveLoader(sourceFolder: archive.source).load().diagnostics.filter { $0.path.hasPrefix("caf") }
        #expect(named.map(\.message) == ["cannot read file: its name is not UTF-8; rename the file"])
    }

    /// Two files named with the same letters in two Unicode forms are one id; the one kept is
    /// the same whatever order the folder lists them in, and the message says why they clash.
    @Test func namesInTwoUnicodeFormsAreOneIDKeptInByteOrder() throws {
        let nfc = "caf\u{E9}.md", nfd = "cafe\u{301}.md"
        #expect(nfc == nfd && !nfc.utf8.elementsEqual(nfd.utf8))
        // Compared as bytes: as `String`s, either order is equal.
        for given in [[nfc, "a.md", nfd, "z.md"], [nfd, "z.md", nfc, "a.md"]] {
            #expect(ArchiveLoader.sorted(given).map { Array($0.utf8) } == ["a.md", nfd, nfc, "z.md"].map { Array($0.utf8) })
        }
        // (Not one dictionary literal: its keys would be equal.)
        let archive = try TempArchive(files: [nfc: "---\ntitle: Composed\ndate: 2020-01-02\n---\nText."])
        defer { archive.cleanup() }
        try archive.write(nfd, "---\ntitle: Decomposed\ndate: 2020-01-02\n---\nText.")
        let result = try ArchiveLoader(sourceFolder: archive.source).load()
        #expect(result.articles.map(\.title) == ["Decomposed"])
        #expect(result.diagnostics.map(\.message) == [
            "duplicate id 'caf\u{E9}': 'cafe\u{301}.md' has the same file name, its letters written in another Unicode form (NFC or NFD); rename one of them"])
    }

    /// A missing source folder says how to name another; a file given as one says it is no folder.
    @Test func missingSourceFolderIsAFailure() throws {
        let missing = #expect(throws: BuildFailure.self) {
            try ArchiveLoader(sourceFolder: URL(fileURLWithPath: "/nonexistent/concord")).load()
        }
        #expect(missing?.message == "source folder '/nonexistent/concord' does not exist (--source names the folder of articles)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("concord-not-a-folder-\(UUID().uuidString).txt")
        try Data("date 2024-01-01 text".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let notFolder = #expect(throws: BuildFailure.self) { try ArchiveLoader(sourceFolder: file).load() }
        #expect(notFolder?.message == "source folder '\(file.path)' cannot be read: it is not a folder")
    }
}

import Foundation

@Suite("Messages")
struct MessageTests {
    /// A file over the size limit is left out with a diagnostic (offsets into an article are
    /// 32-bit: at 2 GB the tokenizer would stop the build); one at the limit is read.
    @Test func aFileOverTheSizeLimitIsLeftOut() throws {
        let text = Array("date 2020-01-01 Title\n\nBody.\n".utf8)
        let small = ArticleParser(maxBytes: text.count - 1)
        do { _ = try small.parse(text, path: "big.txt"); Issue.record("parsed a file over the limit") } catch {
            #expect(error.path == "big.txt" && error.line == 1)
            #expect(error.message.hasPrefix("file of \(text.count) bytes: articles of more than \(text.count - 1) bytes"))
        }
        #expect(try ArticleParser(maxBytes: text.count).parse(text, path: "big.txt").id == "big")
        #expect(ArticleParser.maxBytes == Int(Int32.max) && ArticleParser().maxBytes == ArticleParser.maxBytes)
    }

    @Test func diagnosticsNameTheFileAsTheUserDoes() {
        let d = Diagnostic(path: "bad.txt", line: 3, message: "invalid date")
        #expect(d.located(in: "seeds").description == "seeds/bad.txt:3: error: invalid date")
        #expect(d.located(in: "seeds/").description == "seeds/bad.txt:3: error: invalid date")
        #expect(d.located(in: "").description == "bad.txt:3: error: invalid date")
        #expect(Diagnostic(path: "/tmp/new.md", line: 1, message: "m").located(in: "seeds").description == "/tmp/new.md:1: error: m")
    }

    @Test func failuresAreNotPrefixedTwice() {
        #expect(BuildFailure("templates/index.mustache:2: error: broken").description == "templates/index.mustache:2: error: broken")
        #expect(BuildFailure("port 8000 is busy").description == "error: port 8000 is busy")
    }

    /// Article files by extension, in any case, as `lowercased()` reads it, also where the
    /// extension is not ASCII (the Kelvin sign lowercases to "k").
    @Test func articleFilesByExtension() {
        for path in ["a.md", "a.MD", "x/b.Markdown", "c.txt", "d.TxT", "e.f.md", "dir.md/g.txt", "\u{00FC}ber.md", "x.mar\u{212A}down"] {
            #expect(ArticleParser.isArticlePath(path), "\(path)")
        }
        for path in ["a.mdx", "a.m", "a", "md", "dir.md/g", "a.md.bak", "a.txt~", "a.mD\u{301}", ".", "a.", "a.m\u{0130}"] {
            #expect(!ArticleParser.isArticlePath(path), "\(path)")
        }
    }
}

extension Result<[UInt8], FastFiles.ReadFailure> {
    func isTooLarge(_ n: Int) -> Bool { if case .failure(.tooLarge(let m)) = self { m == n } else { false } }
    var isUnreadable: Bool { if case .failure(.unreadable) = self { true } else { false } }
}
