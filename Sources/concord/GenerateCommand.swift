import ArgumentParser
import ConcordCore
import Foundation

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a generated news archive (Markdown with front matter) for tests and benchmarks.",
        discussion: "The same seed and size always give the same files. --truth writes which byte ranges are shared passages and quotes.")

    @Option(help: "Number of articles.")
    var articles: Int = 1000

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Option(help: "Folder to write the articles into (created; must be empty or missing).")
    var output: String

    @Option(help: "Write the truth (passage copies and quotes, as byte ranges) to this JSON file.")
    var truth: String?

    @Option(help: "Share of articles ending in the same boilerplate footer (0–1).")
    var boilerplate: Double = 0.05

    @Option(help: "Most paragraphs of quotes an article gets: each gets 0 to this many, about half as many on average (the seed articles quote 9 to 12 times each).")
    var quotes: Int = 2

    @Flag(help: "Name files as news sites do (2019-07-14-the-mayor-said-000123.md, about 40 bytes) rather than a000123.md.")
    var datedNames = false

    func validate() throws {
        guard articles > 0 else { throw ValidationError("--articles must be positive") }
        guard (0...1).contains(boilerplate) else { throw ValidationError("--boilerplate must be between 0 and 1") }
        guard (0...1000).contains(quotes) else { throw ValidationError("--quotes must be between 0 and 1000") }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: output)
        if let existing = try? FileManager.default.contentsOfDirectory(atPath: folder.path), !existing.isEmpty {
            throw ValidationError("'\(output)' is not empty; generate into a new folder")
        }
        var options = ArchiveGenerator.Options()
        options.articles = articles
        options.seed = seed
        options.boilerplateShare = boilerplate
        options.datedNames = datedNames
        options.quoteParagraphs = quotes
        let generated = ArchiveGenerator(options: options).generate()
        try ArchiveGenerator.write(generated, to: folder, truth: truth.map { URL(fileURLWithPath: $0) })
        let bytes = generated.reduce(0) { $0 + $1.contents.utf8.count }
        print("Wrote \(generated.count) articles (\(bytes / 1024) KB) to \(output)")
    }
}
