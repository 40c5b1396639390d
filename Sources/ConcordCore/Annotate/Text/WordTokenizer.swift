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
        var tokens: [Token] = []
        tokens.reserveCapacity(range.count / 5)
        var norms: [String] = []
        norms.reserveCapacity(range.count / 5)
        var pendingSeparator: Separator = .paragraph
        var i = range.lowerBound
        var wordStart = -1
        // The normal form is built as bytes (ASCII lowered in place) and hashed as it grows.
        var norm: [UInt8] = []
        norm.reserveCapacity(32)
        var hash = StableHash()
        var newlines = 0

        @inline(__always) func flush(_ end: Int) {
            guard wordStart >= 0 else { return }
            tokens.append(Token(start: Int32(wordStart), end: Int32(end), key: hash.value, before: pendingSeparator))
            norms.append(String(decoding: norm, as: UTF8.self))
            pendingSeparator = []
            wordStart = -1
            norm.removeAll(keepingCapacity: true)
            hash = StableHash()
        }

        while i < range.upperBound {
            let b = bytes[i]
            if b < 0x80 {
                // ASCII fast path.
                let lower = b | 0x20
                if (b >= 0x30 && b <= 0x39) || (lower >= 0x61 && lower <= 0x7A) {
                    if wordStart < 0 { wordStart = i; newlines = 0 }
                    let c = b >= 0x41 && b <= 0x5A ? lower : b
                    norm.append(c); hash.combine(byte: c)
                    i += 1
                    continue
                }
            }
            let (scalar, width) = WordTokenizer.decode(bytes, at: i)
            let v = scalar.value
            if v >= 0x80 && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil) {
                if wordStart < 0 { wordStart = i; newlines = 0 }
                for c in String(scalar).lowercased().utf8 { norm.append(c); hash.combine(byte: c) }
                i += width
                continue
            }
            if wordStart >= 0, WordTokenizer.joiners.contains(v), i + width < range.upperBound {
                let (next, _) = WordTokenizer.decode(bytes, at: i + width)
                if next.properties.isAlphabetic || next.properties.numericType != nil {
                    i += width          // inner apostrophe or hyphen: keep the word going
                    continue
                }
            }
            flush(i)
            switch v {
            case 0x0A:
                newlines += 1
                if newlines >= 2 { pendingSeparator.insert(.paragraph) }
            case 0x20, 0x09, 0x0D: break
            case 0x2E, 0x21, 0x3F, 0x2026: pendingSeparator.insert(.sentence); newlines = 0  // . ! ? …
            case 0x2C, 0x3B, 0x3A, 0x2013, 0x2014, 0x28, 0x29: pendingSeparator.insert(.clause); newlines = 0
            case 0x22, 0x27, 0x201C, 0x201D, 0x2018, 0x2019, 0xAB, 0xBB: pendingSeparator.insert(.quote); newlines = 0
            default: newlines = 0
            }
            i += width
        }
        flush(i)
        return TokenizedText(tokens: tokens, norms: norms, trailing: pendingSeparator)
    }

    /// Apostrophes and hyphens that join two word characters.
    static let joiners: Set<UInt32> = [0x27, 0x2019, 0x2018, 0x2D, 0x2010, 0x2011]

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
public struct Token: Sendable, Hashable {
    public var start: Int32
    public var end: Int32
    public var key: UInt64
    public var before: Separator
}

/// An article's words, their normal forms, and the separator after the last one.
public struct TokenizedText: Sendable {
    public var tokens: [Token]
    public var norms: [String]
    public var trailing: Separator

    public var count: Int { tokens.count }

    /// The separator after token `i` (before token `i + 1`).
    public func separator(after i: Int) -> Separator {
        i + 1 < tokens.count ? tokens[i + 1].before : trailing
    }
}
