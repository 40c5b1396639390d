import ArgumentParser
import ConcordCore
import Foundation

struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Parse, annotate and render the whole archive.",
        discussion: """
        Exit status: 0 when every article was built; 1 when the site was written \
        but some articles were left out (each reported as path:line: error: …); \
        2 when nothing could be written (the last good site stays in place).
        """)

    @OptionGroup var site: SiteOptions

    func run() async throws {
        site.noteBuiltInTemplates()
        let log = ConsoleLog(verbose: site.verbose, source: site.source)
        let status = await Builder.runAndReport(site.buildOptions, log: log)
        MemoryAfterExit.leaveToHelper()
        if status != 0 { throw ExitCode(status) }
    }
}
