import Foundation

/// The archive's quotes as rows of numbers, each string kept once in a small table (speakers,
/// cues, articles, passages): read as `Quote` values one at a time, made when asked for.
///
/// A million quotes as `[Quote]` (an archive of 100,000 articles quoting ten times each) were
/// 120 MB of fresh memory and a million values with five strings each, made at every build
/// and hashed by name again for the speakers: 40 bytes a quote here, and a quote's speaker is
/// a number the site model groups by without hashing its name.
public struct QuoteTable: Sendable {
    /// A speaker as quotes name them: canonical name and kind.
    public struct Speaker: Sendable, Hashable {
        public var name: String
        public var kind: SpeakerKind
    }

    /// A quote's row: its article (`articles`), byte range, speaker (into `speakers`, -1: none)
    /// and where the article names them, cue (into `cues`, -1: none), and its id's 48-bit hash
    /// (`Quote.id` is "q" and its 12 hex digits) in two halves. One array of rows: a writer on
    /// each core fills its own rows. Each quote's passage is apart (`passageNumbers`): linked
    /// after the rows are made (a column of its own set to -1 is 4 MB at a million quotes,
    /// where clearing a field of every row went through all 36).
    /// The article first: a record keeps the rest of a row as it lies (`QuoteList.rowWords`).
    enum Field: Int { case article, start, end, speaker, mentionStart, mentionEnd, cue, idLow, idHigh }
    static let width = Field.idHigh.rawValue + 1
    var rows: [Int32] = []
    /// Each quote's passage, as a number into `passageIDs` (-1: none).
    var passageNumbers: [Int32] = []
    /// Every quote's id, when some id is not of the form "q" and 12 hex digits (made by hand,
    /// in tests); nil otherwise.
    var explicitIDs: [String]? = nil

    /// The articles the rows number: their ids (one may be listed more than once), or a build's
    /// articles, in id order, numbered by their index (no string copied for each article).
    enum Articles: Sendable {
        case ids([String])
        case articles([Article])
    }
    var articles = Articles.ids([])
    var speakers: [Speaker] = []
    var cues: [String] = []
    private(set) var passageIDs: [String] = []

    public init() {}

    public init(_ quotes: some Collection<Quote>) {
        self = Self.filled(count: quotes.count, runs: [0..<quotes.count]) { _, table in for q in quotes { table.append(q) } }
    }

    /// How many quotes there are.
    public var count: Int { rows.count / Self.width }

    @inline(__always) func field(_ k: Int, _ f: Field) -> Int32 { rows[k &* Self.width &+ f.rawValue] }

    func start(_ k: Int) -> Int { Int(field(k, .start)) }
    func end(_ k: Int) -> Int { Int(field(k, .end)) }
    /// Quote `k`'s byte range in its article's source.
    func range(_ k: Int) -> Range<Int> { start(k)..<end(k) }
    /// Quote `k`'s speaker, as a number into `speakers` (-1: none).
    func speakerNumber(_ k: Int) -> Int32 { field(k, .speaker) }
    /// Quote `k`'s passage, as a number into `passageIDs` (-1: none).
    func passageNumber(_ k: Int) -> Int32 { passageNumbers[k] }

    /// Quote `k`'s article id.
    func articleID(_ k: Int) -> String {
        switch articles {
        case .ids(let ids): ids[Int(field(k, .article))]
        case .articles(let list): list[Int(field(k, .article))].id
        }
    }

    /// Quote `k`'s id.
    func id(_ k: Int) -> String { explicitIDs?[k] ?? Self.id(hash: idHash(k)) }

    private func idHash(_ k: Int) -> UInt64 {
        UInt64(UInt32(bitPattern: field(k, .idHigh))) << 32 | UInt64(UInt32(bitPattern: field(k, .idLow)))
    }

    /// Quote `k`'s cue, if any.
    func cue(_ k: Int) -> String? { field(k, .cue) >= 0 ? cues[Int(field(k, .cue))] : nil }

    /// Quote `k`'s passage id, if any.
    func passage(_ k: Int) -> String? { passageNumber(k) >= 0 ? passageIDs[Int(passageNumber(k))] : nil }

    /// Quote `k`'s speaker, if any.
    func speaker(_ k: Int) -> SpeakerMention? {
        let n = speakerNumber(k)
        guard n >= 0 else { return nil }
        return SpeakerMention(name: speakers[Int(n)].name, kind: speakers[Int(n)].kind,
                              mention: Int(field(k, .mentionStart))..<Int(field(k, .mentionEnd)))
    }

    /// How many quotes name each speaker (by number in `speakers`).
    func quoteCounts() -> [Int] {
        var counts = [Int](repeating: 0, count: speakers.count)
        rows.withUnsafeBufferPointer { rows in
            for k in stride(from: Field.speaker.rawValue, to: rows.count, by: Self.width) where rows[k] >= 0 { counts[Int(rows[k])] += 1 }
        }
        return counts
    }

    /// Links the quotes to passages: `numbers` gives the passage of each quote in one, as a
    /// number into `ids`; the rest are in none.
    mutating func link(passages ids: [String], _ numbers: some Sequence<(quote: Int, passage: Int32)>) {
        if !passageIDs.isEmpty || passageNumbers.count != count { passageNumbers = [Int32](repeating: -1, count: count) }
        passageIDs = ids
        passageNumbers.withUnsafeMutableBufferPointer { column in
            for (q, p) in numbers { column[q] = p }
        }
    }

    /// The id with this hash: "q" and its 12 hex digits.
    static func id(hash: UInt64) -> String {
        String(unsafeUninitializedCapacity: 13) { out in
            out[0] = UInt8(ascii: "q")
            for i in 0..<12 {
                let d = UInt8((hash >> (UInt64(11 - i) * 4)) & 0xF)
                out[1 + i] = d < 10 ? UInt8(ascii: "0") + d : UInt8(ascii: "a") + d - 10
            }
            return 13
        }
    }

    /// The hash of an id of the form "q" and 12 lowercase hex digits, or nil. Read eight digits
    /// at a time (`hex8`): digit by digit, this was most of the time of decoding a quote.
    static func idHash(_ bytes: UnsafeRawBufferPointer) -> UInt64? {
        guard bytes.count == 13, bytes[0] == UInt8(ascii: "q"),
              let high = hex8(bytes.loadUnaligned(fromByteOffset: 1, as: UInt64.self)),
              let low = hex8(bytes.loadUnaligned(fromByteOffset: 5, as: UInt64.self)) else { return nil }
        return high << 16 | low & 0xFFFF
    }

    /// The number eight lowercase hex digits spell (the first digit in the lowest byte), or nil.
    @inline(__always)
    private static func hex8(_ word: UInt64) -> UInt64? {
        let x = UInt64(littleEndian: word)
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        guard x & high == 0 else { return nil }
        // The high bit of each byte at least `c` (no borrow: each byte is under 0x80 with its high bit set).
        func atLeast(_ c: UInt64) -> UInt64 { ((x | high) &- c &* ones) & high }
        let digit = atLeast(0x30) & ~atLeast(0x3A), letter = atLeast(0x61) & ~atLeast(0x67)
        guard digit | letter == high else { return nil }
        // Each byte's value ("a" to "f": 1 to 6, and 9 more), the first digit then in the highest byte.
        var v = ((x & 0x0F0F_0F0F_0F0F_0F0F) &+ (x >> 6 & ones) &* 9).byteSwapped
        v = (v | v >> 4) & 0x00FF_00FF_00FF_00FF
        v = (v | v >> 8) & 0x0000_FFFF_0000_FFFF
        return (v | v >> 16) & 0xFFFF_FFFF
    }

    static func idHash(_ id: String) -> UInt64? {
        var id = id
        return id.withUTF8 { idHash(UnsafeRawBufferPointer($0)) }
    }
}

/// Read as `Quote` values, each made when asked for. Not mutable by position: a table is made
/// whole (`init(_:)`, `filled`), and only the passages are set after (`link`).
extension QuoteTable: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(k: Int) -> Quote {
        Quote(id: id(k), article: articleID(k), start: start(k), end: end(k), speaker: speaker(k), cue: cue(k), passage: passage(k))
    }
}

extension QuoteTable: Equatable {
    /// Equal when they hold the same quotes in the same order, however their strings are numbered.
    public static func == (a: QuoteTable, b: QuoteTable) -> Bool { a.count == b.count && a.elementsEqual(b) }
}

extension QuoteTable: ExpressibleByArrayLiteral {
    public init(arrayLiteral quotes: Quote...) { self.init(quotes) }
}
