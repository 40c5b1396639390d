import Foundation
@testable import ConcordCore

/// Span and speaker scores of the quote finder against a labelled corpus.
struct QuoteScore: CustomStringConvertible {
    var expected = 0, found = 0, exact = 0, overlapping = 0
    var speakerRight = 0, speakerJudged = 0
    var misses: [String] = []

    var exactF1: Double { f1(exact) }
    var overlapF1: Double { f1(overlapping) }
    var speakerAccuracy: Double { speakerJudged == 0 ? 1 : Double(speakerRight) / Double(speakerJudged) }

    private func f1(_ hits: Int) -> Double {
        guard expected > 0, found > 0 else { return expected == found ? 1 : 0 }
        let p = Double(hits) / Double(found), r = Double(hits) / Double(expected)
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }

    var description: String {
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        return "quotes expected \(expected), found \(found); span F1 exact \(f(exactF1)) overlap \(f(overlapF1)); "
            + "speaker accuracy \(speakerRight)/\(speakerJudged)"
    }

    /// Scores each case as its own one-article archive.
    static func score(_ cases: [QuoteCase]) throws -> QuoteScore {
        var s = QuoteScore()
        for (n, c) in cases.enumerated() {
            let source = "date 2020-01-01 " + c.body
            let article = try ArticleParser().parse(Array(source.utf8), path: "case\(n).txt")
            let found = QuoteFinder().find(in: [article])
            s.expected += c.quotes.count
            s.found += found.count
            var used = Set<Int>()
            for e in c.quotes {
                let bytes = Array(source.utf8)
                guard let start = find(Array(e.text.utf8), in: bytes) else {
                    s.misses.append("case \(n): label not in text: \(e.text)"); continue
                }
                let range = start..<(start + e.text.utf8.count)
                if let k = found.indices.first(where: { !used.contains($0) && found[$0].range == range }) {
                    used.insert(k); s.exact += 1; s.overlapping += 1
                    s.judge(found[k], e.speaker, case: n)
                } else if let k = found.indices.first(where: { !used.contains($0) && found[$0].range.overlaps(range) }) {
                    used.insert(k); s.overlapping += 1
                    s.misses.append("case \(n): span \(article.text(found[k].range)) ≠ \(e.text)")
                    s.judge(found[k], e.speaker, case: n)
                } else {
                    s.misses.append("case \(n): missed \(e.text)")
                }
            }
            for k in found.indices where !used.contains(k) {
                s.misses.append("case \(n): extra \(article.text(found[k].range))")
            }
        }
        return s
    }

    private mutating func judge(_ q: Quote, _ expected: String?, case n: Int) {
        speakerJudged += 1
        if q.speaker?.name == expected { speakerRight += 1 }
        else { misses.append("case \(n): speaker \(q.speaker?.name ?? "nil") ≠ \(expected ?? "nil")") }
    }

    private static func find(_ needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard needle.count <= hay.count else { return nil }
        return (0...(hay.count - needle.count)).first { hay[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
