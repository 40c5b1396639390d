import Foundation

/// Runs the pipeline: load templates → parse → annotate → render → write (swap in).
///
/// Each stage is timed and reported to the log. Bad articles are reported and
/// left out; anything that would leave no usable site throws `BuildFailure`
/// before the output folder is touched.
public struct SiteBuilder: Sendable {
    public let options: BuildOptions
    public let log: any BuildLog

    /// Archives from this many articles get progress lines.
    public static let progressThreshold = 1000

    public init(options: BuildOptions, log: any BuildLog = SilentLog()) {
        self.options = options; self.log = log
    }

    public func build() async throws(BuildFailure) -> BuildReport {
        let clock = ContinuousClock()
        let start = clock.now
        var stageStart = start
        var timings: [StageTiming] = []
        func finish(_ name: String, _ detail: String = "") {
            let now = clock.now
            let t = StageTiming(name: name, seconds: (now - stageStart).seconds,
                                peakBytes: StageTiming.peakMemory(), detail: detail)
            timings.append(t); log.stage(t)
            stageStart = now
        }

        let output = OutputFolder(options.output)
        try output.checkSafe(source: options.source, templates: options.templates,
                             workingDirectory: options.workingDirectory)
        let lock = try output.lock { log.waiting("another build of \(options.output.path) is running; waiting for it to finish") }
        defer { lock.release() }
        let config = try SiteConfig.load(options.config)
        let templates = try await TemplateSet(folder: options.templates)
        finish("templates", "\(TemplateSet.required.count) templates, \(templates.assets.count) assets")

        let loader = ArchiveLoader(sourceFolder: options.source)
        let files = try loader.articlePaths()
        // Progress lines only for archives that take more than about a second.
        let long = files.count >= Self.progressThreshold
        if long { log.progress("parsing \(files.count) articles…") }
        let loaded = try loader.load(paths: files)
        for d in loaded.diagnostics { log.diagnostic(d) }
        finish("parse", "\(loaded.articles.count) articles, \(loaded.diagnostics.count) left out")

        if long { log.progress("annotating quotes and shared passages…") }
        let (annotations, texts, sub) = Annotator(passageOptions: options.passageOptions(config)).annotateKeepingTexts(loaded.articles)
        finish("annotate", String(format: "tokenize %.0f ms, passages %.0f ms (%d), quotes %.0f ms (%d)",
                                  sub.tokenize * 1000, sub.passages * 1000, annotations.passages.count,
                                  sub.quotes * 1000, annotations.quotes.count)
                           + "\n      passages: " + sub.passageProfile.summary)

        if long { log.progress("rendering pages…") }
        let model = SiteModel(articles: loaded.articles, annotations: annotations, texts: texts)
        let staging = try output.makeStaging()
        let writer = StagingWriter(root: staging)
        let pages: Int
        do {
            pages = try SiteRenderer(templates: templates, model: model, siteTitle: config.title).render(into: writer)
            writer.write("annotations.json", try AnnotationsDocument(model: model).encoded())
            try writer.finish()
            OutputFolder.prune(staging, keeping: writer.writtenPaths)
        } catch let failure as BuildFailure {
            OutputFolder.discard(staging); throw failure
        } catch {
            OutputFolder.discard(staging); throw BuildFailure("cannot write annotations.json: \(error)")
        }
        finish("render", "\(pages) pages")

        try output.swap(in: staging)
        finish("write", "\(writer.fileCount) files → \(options.output.path)")

        return BuildReport(articles: loaded.articles.count, pages: pages, files: writer.fileCount,
                           passages: annotations.passages.count, quotes: annotations.quotes.count,
                           diagnostics: loaded.diagnostics, timings: timings,
                           seconds: (clock.now - start).seconds, output: options.output)
    }
}

/// What a build did, for the summary line and for tests.
public struct BuildReport: Sendable {
    public let articles, pages, files, passages, quotes: Int
    public let diagnostics: [Diagnostic]
    public let timings: [StageTiming]
    public let seconds: Double
    public let output: URL

    public var summary: String {
        let left = diagnostics.isEmpty ? "" : ", \(diagnostics.count) left out"
        return "Built \(articles) articles\(left) → \(pages) pages, \(passages) shared passages, \(quotes) quotes in \(String(format: "%.2f", seconds)) s (\(output.path))"
    }
}
