/// Splits text into words with their byte ranges, normalized for comparison.
///
/// A word is a run of letters and digits; an apostrophe or hyphen between two
/// of them stays inside the word and is dropped from its normal form, so
/// "bi-polar" and "bipolar", "don’t" and "dont" compare equal. Each token also
/// records what separates it from the previous one (paragraph break, sentence
/// end, clause punctuation, quotation mark), which the aligners use to cut
/// passages at sentence boundaries.
public struct WordTokenizer: Sendable {
    public init() {}

    public func tokenize(_ bytes: [UInt8], in range: Range<Int>) -> TokenizedText {
        var b = Builder(capacity: range.count / 5)
        var i = range.lowerBound
        var newlines = 0
        while i < range.upperBound {
            let c = bytes[i]
            if c < 0x80 {
                // ASCII fast path.
                let lower = c | 0x20
                if (c >= 0x30 && c <= 0x39) || (lower >= 0x61 && lower <= 0x7A) {
                    if b.wordStart < 0 { b.wordStart = i; newlines = 0 }
                    b.append(c >= 0x41 && c <= 0x5A ? lower : c)
                    i += 1
                    continue
                }
            }
            let (scalar, width) = c < 0x80 ? (Unicode.Scalar(c), 1) : WordTokenizer.decode(bytes, at: i)
            let v = scalar.value
            // General punctuation (curly quotes, dashes, ellipsis, no-break space) is never a letter.
            if v >= 0x80 && !((v >= 0x2000 && v <= 0x206F) || v == 0xA0) && WordTokenizer.isWordScalar(scalar) {
                if b.wordStart < 0 { b.wordStart = i; newlines = 0 }
                for u in String(scalar).lowercased().utf8 { b.append(u) }
                i += width
                continue
            }
            if b.wordStart >= 0, WordTokenizer.isJoiner(v), i + width < range.upperBound {
                let next = bytes[i + width]
                let continues = next < 0x80
                    ? (next >= 0x30 && next <= 0x39) || ((next | 0x20) >= 0x61 && (next | 0x20) <= 0x7A)
                    : WordTokenizer.isWordScalar(WordTokenizer.decode(bytes, at: i + width).0)
                if continues { i += width; continue }     // inner apostrophe or hyphen: keep the word going
            }
            b.flush(end: i)
            // A Markdown link's destination (`[a link](https://x.org "Title")`) is no text of the
            // article: its pieces were words ("https", "x", "org") that only the copy with the
            // link had, and they cut shared passages short.
            if v == 0x5D, let end = MarkdownInline.linkDestinationEnd(bytes, at: i + 1, limit: range.upperBound) {
                i = end
                continue
            }
            switch v {
            case 0x0A:
                newlines += 1
                if newlines >= 2 { b.separator.insert(.paragraph) }
            case 0x20, 0x09, 0x0D: break
            case 0x2E, 0x21, 0x3F, 0x2026: b.separator.insert(.sentence); newlines = 0  // . ! ? …
            case 0x2C, 0x3B, 0x3A, 0x2013, 0x2014, 0x28, 0x29: b.separator.insert(.clause); newlines = 0
            case 0x22, 0x27, 0x201C, 0x201D, 0x201E, 0x2018, 0x2019, 0xAB, 0xBB: b.separator.insert(.quote); newlines = 0
            default: newlines = 0
            }
            i += width
        }
        b.flush(end: i)
        return TokenizedText(tokens: b.tokens, normBytes: b.normBytes, normEnds: b.normEnds, trailing: b.separator)
    }

    /// Accumulates tokens; a struct rather than captured locals so the loop stays in registers.
    private struct Builder {
        var tokens: [Token] = []
        var normBytes: [UInt8] = []
        var normEnds: [UInt32] = []
        var hash = StableHash()
        var wordStart = -1
        var separator: Separator = .paragraph

        init(capacity: Int) {
            tokens.reserveCapacity(capacity); normEnds.reserveCapacity(capacity); normBytes.reserveCapacity(capacity * 6)
        }

        @inline(__always) mutating func append(_ byte: UInt8) { normBytes.append(byte); hash.combine(byte: byte) }

        @inline(__always) mutating func flush(end: Int) {
            guard wordStart >= 0 else { return }
            tokens.append(Token(start: Int32(wordStart), end: Int32(end), key: hash.value, before: separator))
            normEnds.append(UInt32(normBytes.count))
            separator = []
            wordStart = -1
            hash = StableHash()
        }
    }

    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic || s.properties.numericType != nil
    }

    @inline(__always) static func isJoiner(_ v: UInt32) -> Bool {
        v == 0x27 || v == 0x2019 || v == 0x2018 || v == 0x2D || v == 0x2010 || v == 0x2011
    }


    /// Decodes the scalar at `i` of valid UTF-8 bytes.
    @inline(__always)
    static func decode(_ b: [UInt8], at i: Int) -> (Unicode.Scalar, Int) {
        let c = b[i]
        if c < 0x80 { return (Unicode.Scalar(c), 1) }
        var value: UInt32, width: Int
        if c & 0xE0 == 0xC0 { value = UInt32(c & 0x1F); width = 2 }
        else if c & 0xF0 == 0xE0 { value = UInt32(c & 0x0F); width = 3 }
        else { value = UInt32(c & 0x07); width = 4 }
        for k in 1..<width where i + k < b.count { value = value << 6 | UInt32(b[i + k] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", width)
    }
}

/// What separates a token from the one before it.
public struct Separator: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let paragraph = Separator(rawValue: 1)
    public static let sentence = Separator(rawValue: 2)
    public static let clause = Separator(rawValue: 4)
    public static let quote = Separator(rawValue: 8)
    /// Any break where an interleaved clause may begin or end.
    public static let anyBreak: Separator = [.paragraph, .sentence, .clause, .quote]
}

/// One word: its bytes in the source and the hash of its normal form.
///
/// Packed into 16 bytes (an archive of 100,000 articles has 100 million of them).
public struct Token: Sendable, Hashable {
    public var key: UInt64
    public var start: Int32
    private var length: UInt16
    public var before: Separator

    public init(start: Int32, end: Int32, key: UInt64, before: Separator) {
        self.key = key; self.start = start; self.before = before
        length = UInt16(clamping: end - start)
    }

    /// Byte offset just past the word.
    public var end: Int32 { start + Int32(length) }
}

/// An article's words, their normal forms, and the separator after the last one.
///
/// Normal forms are kept as one byte buffer with an end offset per word
/// (not a String per word): a third of the memory on large archives.
public struct TokenizedText: Sendable {
    public var tokens: [Token]
    public var normBytes: [UInt8]
    public var normEnds: [UInt32]
    public var trailing: Separator

    public var count: Int { tokens.count }

    /// The normal form of word `i` as bytes.
    @inline(__always) public func normSlice(_ i: Int) -> ArraySlice<UInt8> {
        normBytes[(i == 0 ? 0 : Int(normEnds[i - 1]))..<Int(normEnds[i])]
    }

    /// The normal form of word `i` ("bipolar" for "Bi-polar").
    public func norm(_ i: Int) -> String { String(decoding: normSlice(i), as: UTF8.self) }

    /// Every normal form, in order.
    public var norms: [String] { tokens.indices.map(norm) }

    /// The separator after token `i` (before token `i + 1`).
    public func separator(after i: Int) -> Separator {
        i + 1 < tokens.count ? tokens[i + 1].before : trailing
    }
}
