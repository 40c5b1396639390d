import ArgumentParser
import ConcordCore
import Foundation

/// Options shared by `build`, `serve` and `add` (CONTRACT.md).
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "Folder of articles (.txt, .md).")
    var source: String = "seeds"

    @Option(name: .long, help: "Folder the site is written to (replaced atomically).")
    var output: String = "public"

    @Option(name: .long, help: "Folder of Mustache templates and assets.")
    var templates: String = "templates"

    @Flag(name: .shortAndLong, help: "Print each stage's time and peak memory.")
    var verbose = false

    @Option(name: .long, help: "Shortest shared passage, in words.")
    var minPassageWords: Int = 12

    @Option(name: .long, help: "Text carried by more articles than this is boilerplate and not linked.")
    var boilerplateArticles: Int = 100

    var buildOptions: BuildOptions {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var passage = PassageFinder.Options()
        passage.minWords = minPassageWords
        passage.boilerplateArticles = boilerplateArticles
        return BuildOptions(
            source: URL(fileURLWithPath: source, relativeTo: cwd).standardizedFileURL,
            output: URL(fileURLWithPath: output, relativeTo: cwd).standardizedFileURL,
            templates: URL(fileURLWithPath: templates, relativeTo: cwd).standardizedFileURL,
            workingDirectory: cwd, passage: passage)
    }
}
