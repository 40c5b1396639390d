import ConcordCore
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// `concord serve`: builds the site, serves the output folder, rebuilds on
/// changes to the sources or templates, and tells open pages to reload.
public final class PreviewServer: Sendable {
    public struct Options: Sendable {
        public var build: BuildOptions
        public var host = "127.0.0.1"
        public var port = 8000
        public var verbose = false
        public var debounce: Duration = .milliseconds(80)
        /// The source folder as the user named it, for paths in messages.
        public var sourceLabel = ""
        public init(build: BuildOptions) { self.build = build }
    }

    public let options: Options
    public let hub = ReloadHub()
    /// The build cache as the last rebuild left it, kept for the next one (see `BuildMemory`).
    public let memory = BuildMemory()
    private let console: @Sendable (String, Bool) -> Void
    /// What the builds freed goes back to the system once the server is idle.
    private let idleTrim = IdleTrim()

    /// - Parameter console: prints a line; the flag says it is an error (stderr).
    public init(options: Options, console: @escaping @Sendable (String, Bool) -> Void) {
        self.options = options
        self.console = console
    }

    /// Runs until SIGINT or SIGTERM. `onReady` gets the URL once the port is bound.
    public func run(onReady: @escaping @Sendable (URL) -> Void = { _ in }) async throws {
        if !Self.isLoopback(options.host) {
            console("warning: serving on \(options.host), which other machines can reach; the preview server is meant for 127.0.0.1", true)
        }
        // Watched from before the first build: a change made while it runs (seconds, for a large
        // archive's first build) is reported, and rebuilt once it is done (the loop runs after it);
        // the first rebuild patches the first build's listing rather than listing the sources again
        // (270 ms at 100,000 articles). Watched only after it, such a change went unseen until the next.
        let loop = RebuildLoop(debounce: options.debounce) { [self] in
            await self.rebuildAfterChange()
        }
        self.loop.withLock { $0 = loop }
        #if canImport(Glibc)
        let memory = self.memory
        // A templates folder not there yet (the built-in templates serve meanwhile) is watched for
        // through the folder above it: once made (`concord init`), it is watched whole.
        let templatesMissing = !FileManager.default.fileExists(atPath: options.build.templates.path)
        let watcher = try DirectoryWatcher(paths: [options.build.source, options.build.templates],
                                           files: (options.build.config.map { [$0] } ?? []) + (templatesMissing ? [options.build.templates] : []),
                                           noting: { memory.changed($0) }, onLost: { memory.lostChanges() }) { path in
            loop.changed(path)
        }
        // Every change is reported from here on: the next builds patch the sources' listing.
        memory.watching(flush: { [weak watcher] in watcher?.drainNow() })
        defer { watcher.stop() }
        #endif
        await build(reason: nil)
        let loopTask = Task { await loop.run() }
        defer { loop.stop(); loopTask.cancel() }

        var logger = Logger(label: "concord.serve")
        logger.logLevel = .error
        let responder = SiteResponder(site: StaticSite(root: options.build.output), hub: hub)
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "concord"),
            onServerRunning: { [options] channel in
                let port = channel.localAddress?.port ?? options.port
                let host = options.host.contains(":") ? "[\(options.host)]" : options.host
                onReady(URL(string: "http://\(host):\(port)/")!)
            },
            logger: logger)
        let group = ServiceGroup(configuration: .init(
            services: [app, hub], gracefulShutdownSignals: [.sigint, .sigterm], logger: logger))
        self.group.withLock { $0 = group }
        do {
            try await group.run()
        } catch {
            let text = "\(error)"
            if text.contains("Address already in use") || text.contains("EADDRINUSE") {
                throw ServeFailure("port \(options.port) on \(options.host) is busy; stop the other server or use --port 0 for a free port")
            }
            throw ServeFailure("cannot serve on \(options.host):\(options.port): \(text)")
        }
    }

    private let loop = Locked<RebuildLoop?>(nil)
    private let group = Locked<ServiceGroup?>(nil)

    /// Stops serving as Ctrl-C would (for tests and embedding).
    public func stop() async {
        if let group = group.withLock({ $0 }) { await group.triggerGracefulShutdown() }
    }

    private func rebuildAfterChange() async {
        guard let (start, path) = loop.withLock({ $0 })?.takeBurst() else { return }
        await build(reason: (start, path))
    }

    /// Builds once and tells the pages. `reason` is the change that caused it, for timing.
    private func build(reason: (ContinuousClock.Instant, String)?) async {
        let log = ServeLog(verbose: options.verbose, console: console, source: options.sourceLabel)
        idleTrim.busy()
        defer { idleTrim.busy() }
        do {
            let report = try await SiteBuilder(options: options.build, log: log, memory: memory).build()
            // Articles left out, else warnings (links and template names that do not work on the page), shown over the page.
            let lines = (report.diagnostics + report.warnings).map { $0.located(in: options.sourceLabel).description }
            let problems = lines.isEmpty ? nil : BuildProblem(
                title: report.diagnostics.isEmpty ? "Concord: \(report.warnings.count) warning(s): "
                    + (report.warnings.allSatisfy { !$0.path.hasSuffix(".mustache") } ? "links that do not work on the page" : "what does not work on the page")
                                                  : "Concord: \(report.diagnostics.count) article(s) left out of the site",
                lines: lines)
            hub.siteReplaced(problems: problems)
            var line = report.summary
            if let (start, path) = reason {
                let ms = (ContinuousClock.now - start).seconds * 1000
                line = "Rebuilt after \((path as NSString).lastPathComponent) changed: \(line)"
                if options.verbose { line += String(format: " — change to reload event %.0f ms", ms) }
            }
            console(line, false)
        } catch {
            hub.buildFailed(BuildProblem(title: "Concord: the build failed; still serving the last good site",
                                         lines: [error.description]))
            console(error.description, true)
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}

/// Prints diagnostics and, with `--verbose`, stage timings while serving.
struct ServeLog: BuildLog {
    let verbose: Bool
    let console: @Sendable (String, Bool) -> Void
    var source = ""
    func diagnostic(_ d: Diagnostic) { console(d.located(in: source).description, true) }
    func stage(_ s: StageTiming) { if verbose { console(s.line, false) } }
    /// As `concord build` says them: why a rebuild is a full one, or is waiting.
    func notice(_ message: String) { console("note: " + message, true) }
    func waiting(_ message: String) { console("note: " + message, true) }
}

public struct ServeFailure: Error, CustomStringConvertible {
    public let description: String
    init(_ d: String) { description = "error: " + d }
}

