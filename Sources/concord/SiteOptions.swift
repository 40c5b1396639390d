import ArgumentParser
import ConcordCore
import Foundation

/// Options shared by `build`, `serve` and `add` (CONTRACT.md).
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "Folder of articles (.txt, .md).")
    var source: String = "seeds"

    @Option(name: .long, help: "Folder the site is written to (replaced atomically).")
    var output: String = "public"

    @Option(name: .long, help: "Folder of Mustache templates and assets (default: templates; when there is no such folder, the templates built into Concord).")
    var templates: String?

    @Flag(name: .shortAndLong, help: "Print each stage's time and peak memory.")
    var verbose = false

    @Option(name: .long, help: "Site settings (title, min_passage_words, boilerplate_articles); optional.")
    var config: String = "concord.yml"

    @Option(name: .long, help: "Shortest shared passage, in words (default 12, or the config's).")
    var minPassageWords: Int?

    @Option(name: .long, help: "Text carried by more articles than this is boilerplate and not linked (default 100, or the config's).")
    var boilerplateArticles: Int?

    @Flag(name: .long, help: "Ignore the build cache and rebuild everything.")
    var full = false

    func validate() throws {
        if let n = minPassageWords, n < 4 { throw ValidationError("--min-passage-words must be at least 4") }
        if let n = boilerplateArticles, n < 2 { throw ValidationError("--boilerplate-articles must be at least 2") }
    }

    var buildOptions: BuildOptions {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var options = BuildOptions(
            source: URL(fileURLWithPath: source, relativeTo: cwd).standardizedFileURL,
            output: URL(fileURLWithPath: output, relativeTo: cwd).standardizedFileURL,
            templates: URL(fileURLWithPath: templates ?? Self.defaultTemplates, relativeTo: cwd).standardizedFileURL,
            workingDirectory: cwd,
            config: URL(fileURLWithPath: config, relativeTo: cwd).standardizedFileURL)
        options.minPassageWords = minPassageWords
        options.boilerplateArticles = boilerplateArticles
        options.full = full
        options.builtInTemplatesWhenMissing = templates == nil
        return options
    }

    static let defaultTemplates = "templates"

    /// Says on stderr when the build takes the built-in templates: no `--templates`, and no
    /// `templates` folder here.
    func noteBuiltInTemplates() {
        guard buildOptions.usesBuiltInTemplates else { return }
        FileHandle.standardError.write(Data(("note: no '\(Self.defaultTemplates)' folder here: building with Concord's built-in templates "
                                             + "('concord init' writes them out to edit)\n").utf8))
    }
}
