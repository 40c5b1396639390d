import ArgumentParser
import ConcordCore
import Foundation

struct AddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Copy new articles into the source folder, then rebuild what they change.",
        discussion: """
        A folder adds the article files under it. Each file is checked like a build checks it; \
        a bad file is reported as path:line: error: … and not copied. Files get a safe name, made unique with -2, -3, … unless --replace is given. \
        Files an article links to beside it (images, PDFs) are copied with it, to the same place relative to it. \
        Exit status as for build; 1 also when a file given was not added.
        """)

    @OptionGroup var site: SiteOptions

    @Flag(help: "Replace an existing article with the same name instead of adding a copy.")
    var replace = false

    @Argument(help: "Article files (.txt or .md), or folders of them.")
    var files: [String]

    func run() async throws {
        site.noteBuiltInTemplates()
        let log = ConsoleLog(verbose: site.verbose, source: site.source)
        var options = site.buildOptions
        let outcome: ArticleImporter.Outcome
        // The build cache is read while the import lists the source folder (reading only the
        // folders changed since the last build, the others' files taken from the listing it kept).
        let builder = SiteBuilder(options: options)
        let cache = builder.readCacheAhead()
        // The source folder watched from before it is listed: if this import's files are the only
        // change to it, the listing the build takes is kept for the next one (`keepListing`).
        let session = AddSession(builder)
        do {
            outcome = try session.importFiles(files.map { URL(fileURLWithPath: $0) }, replace: replace)
        } catch {
            log.failure(error)
            throw ExitCode(2)
        }
        for d in outcome.diagnostics { log.diagnostic(d) }
        for (given, written) in outcome.added { log.info("Added \(given) as \(site.source)/\(written)") }
        for (given, written) in outcome.linkedFiles { log.info("Copied \(given), which an article links to, as \(site.source)/\(written)") }
        for w in outcome.warnings { log.diagnostic(w) }
        for (folder, count) in outcome.passedOver {
            log.info("Passed over \(count) file\(count == 1 ? "" : "s") in \(folder) that \(count == 1 ? "is not an article" : "are not articles") (.txt, .md)")
        }
        for (given, there) in outcome.alreadyThere {
            log.info("Not added: \(given) is in the archive already, as \(site.source)/\(there) (the same bytes)")
        }
        options.useArticles(listedBy: outcome)
        // Nothing added: the build has nothing to do, and waits for no reading.
        if outcome.added.isEmpty { cache?.stop() }
        options.useCache(readAhead: cache)
        let status = await Builder.runAndReport(options, log: log)
        if session.keepListing(after: outcome), log.verbose {
            log.info("The source folder's listing kept for the next build: nothing but the files added changed it.")
        }
        // Nothing is left to do but exit; the watch is closed by the helper, after the process.
        MemoryAfterExit.leaveToHelper(keeping: session.filesSlowToClose)
        if status != 0 { throw ExitCode(status) }
        if !outcome.diagnostics.isEmpty { throw ExitCode(1) }
    }
}
