import ArgumentParser
import ConcordCore
import ConcordServer
import Foundation

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site, serve it, rebuild on changes and reload open pages.",
        discussion: "Watches the source and templates folders. A failed rebuild keeps the last good site and shows the error in the page. Ctrl-C stops.")

    @OptionGroup var site: SiteOptions

    @Option(help: "Port to listen on (0 picks a free one).")
    var port: Int = 8000

    @Option(help: "Address to listen on. Anything but loopback exposes the preview to your network.")
    var host: String = "127.0.0.1"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        site.noteBuiltInTemplates()
        var options = PreviewServer.Options(build: site.buildOptions)
        options.host = host
        options.port = port
        options.verbose = site.verbose
        options.sourceLabel = site.source
        // Unbuffered, so lines show at once also when the output goes to a file or pipe.
        let server = PreviewServer(options: options) { line, isError in
            (isError ? FileHandle.standardError : FileHandle.standardOutput).write(Data((line + "\n").utf8))
        }
        let output = site.output
        do {
            try await server.run { url in
                FileHandle.standardOutput.write(Data("Serving \(output) at \(url)  (Ctrl-C to stop)\n".utf8))
            }
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}
