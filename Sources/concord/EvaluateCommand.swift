import ArgumentParser
import ConcordCore
import Foundation

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Annotate a generated archive and score it against its truth (a benchmark of the annotator).",
        discussion: """
        Prints the time and peak memory of each annotation stage, the passage measures of PAN's text-alignment \
        task (character precision and recall, granularity, pair recall) and, for the generated quotes, span \
        recall and speaker accuracy. Use a release build for numbers:
          concord generate --articles 10000 --output /tmp/a10k --truth /tmp/a10k.json
          concord evaluate --source /tmp/a10k --truth /tmp/a10k.json
        """)

    @Option(help: "Folder of the generated archive.")
    var source: String

    @Option(help: "The truth file written by `generate --truth`.")
    var truth: String

    func run() throws {
        let clock = ContinuousClock()
        var t = clock.now
        let loaded = try ArchiveLoader(sourceFolder: URL(fileURLWithPath: source)).load()
        let parseTime = (clock.now - t).seconds
        t = clock.now
        let (annotations, sub) = Annotator().annotate(loaded.articles)
        let annotateTime = (clock.now - t).seconds
        let entries = try JSONDecoder().decode([ArchiveGenerator.TruthEntry].self,
                                               from: Data(contentsOf: URL(fileURLWithPath: truth)))
        let copies = Dictionary(uniqueKeysWithValues: entries.map { ($0.article, $0.copies) })
        let score = PassageScore.score(truth: copies, passages: annotations.passages)

        // Quotes: a generated quote is found when a detected quote overlaps it; its speaker is then compared.
        var found = 0, right = 0, total = 0
        let byArticle = Dictionary(grouping: annotations.quotes, by: \.article)
        for e in entries {
            for q in e.quotes {
                total += 1
                if let hit = byArticle[e.article]?.first(where: { $0.range.overlaps(q.start..<q.end) }) {
                    found += 1
                    if hit.speaker?.name == q.speaker { right += 1 }
                }
            }
        }
        let mb = Double(StageTiming.peakMemory()) / 1_048_576
        print("\(loaded.articles.count) articles, \(loaded.diagnostics.count) left out")
        print(String(format: "parse %.2f s; annotate %.2f s (tokenize %.2f s, passages %.2f s, quotes %.2f s); peak memory %.0f MB",
                     parseTime, annotateTime, sub.tokenize, sub.passages, sub.quotes, mb))
        print("passage stage: " + sub.passageProfile.summary)
        print("passages: \(annotations.passages.count) found; \(score)")
        print(String(format: "generated quotes: %d of %d found (%.3f), speaker right for %d (%.3f)",
                     found, total, Double(found) / Double(max(total, 1)), right, Double(right) / Double(max(found, 1))))
    }
}
