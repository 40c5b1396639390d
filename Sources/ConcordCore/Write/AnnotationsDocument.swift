import Foundation

/// `annotations.json`, version 1, as CONTRACT.md defines it.
///
/// Keys are sorted and output is pretty-printed, so equal input gives equal bytes.
public struct AnnotationsDocument: Encodable {
    public let version = 1
    public let articles: [ArticleEntry]
    public let passages: [PassageEntry]
    public let quotes: [QuoteEntry]

    public struct ArticleEntry: Encodable {
        let id, path, title, date, url: String
    }

    public struct PassageEntry: Encodable {
        let id: String
        let witnesses: [WitnessEntry]
    }

    public struct WitnessEntry: Encodable {
        let article: String
        let start, end: Int
        let text: String
    }

    public struct QuoteEntry: Encodable {
        let id, article: String
        let start, end: Int
        let text: String
        let speaker: SpeakerEntry?
        let cue: String?
        let passage: String?

        enum CodingKeys: String, CodingKey { case id, article, start, end, text, speaker, cue, passage }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id); try c.encode(article, forKey: .article)
            try c.encode(start, forKey: .start); try c.encode(end, forKey: .end)
            try c.encode(text, forKey: .text)
            try c.encode(speaker, forKey: .speaker)     // explicit null when unknown
            try c.encode(cue, forKey: .cue)
            try c.encode(passage, forKey: .passage)
        }
    }

    public struct SpeakerEntry: Encodable {
        let name: String
        let kind: SpeakerKind
        let mention: Span
    }

    public struct Span: Encodable { let start, end: Int }

    public init(model: SiteModel) {
        let byID = Dictionary(uniqueKeysWithValues: model.articles.map { ($0.id, $0) })
        articles = model.articles.sorted { $0.id < $1.id }.map {
            ArticleEntry(id: $0.id, path: $0.path, title: $0.title, date: $0.date.description,
                         url: "articles/\(HTML.pathSegment($0.id))/")
        }
        passages = model.annotations.passages.map { p in
            PassageEntry(id: p.id, witnesses: p.witnesses.map { w in
                WitnessEntry(article: w.article, start: w.start, end: w.end, text: byID[w.article]?.text(w.range) ?? "")
            })
        }
        quotes = model.annotations.quotes.map { q in
            QuoteEntry(id: q.id, article: q.article, start: q.start, end: q.end,
                       text: byID[q.article]?.text(q.range) ?? "",
                       speaker: q.speaker.map { SpeakerEntry(name: $0.name, kind: $0.kind,
                                                             mention: Span(start: $0.mention.lowerBound, end: $0.mention.upperBound)) },
                       cue: q.cue, passage: q.passage)
        }
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }
}
