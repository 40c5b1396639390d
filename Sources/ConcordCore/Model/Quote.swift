/// A quotation in an article: the quoted words (without their marks) and who said them.
public struct Quote: Sendable, Identifiable, Equatable {
    public let id: String
    public let article: String
    /// Byte range of the quoted words in the article's source file.
    public let start: Int
    public let end: Int
    public var speaker: SpeakerMention?
    /// The reporting verb or phrase ("said", "according to"), if any.
    public var cue: String?
    /// The shared passage this quote lies in, if any.
    public var passage: String?

    public init(id: String, article: String, start: Int, end: Int, speaker: SpeakerMention? = nil,
                cue: String? = nil, passage: String? = nil) {
        self.id = id; self.article = article; self.start = start; self.end = end
        self.speaker = speaker; self.cue = cue; self.passage = passage
    }

    public var range: Range<Int> { start..<end }
}

/// Who a quote is attributed to, and where the article names them for it.
public struct SpeakerMention: Sendable, Equatable {
    /// Canonical across the archive ("Kim Kardashian", not "Kim" or "she").
    public var name: String
    public var kind: SpeakerKind
    /// Byte range of the name, description or pronoun nearest the quote.
    public var mention: Range<Int>

    public init(name: String, kind: SpeakerKind, mention: Range<Int>) {
        self.name = name; self.kind = kind; self.mention = mention
    }
}

public enum SpeakerKind: String, Sendable, Codable, Equatable, CaseIterable {
    case person, organization, anonymous, unknown
}
