import Foundation

/// Where a build reads and writes, and how it annotates.
public struct BuildOptions: Sendable {
    public var source: URL
    public var output: URL
    public var templates: URL
    /// Protected from being used as the output folder (the repository root, usually).
    public var workingDirectory: URL
    /// `concord.yml`, if any (read at every build, so serve picks up changes).
    public var config: URL?
    /// Build with the templates compiled into Concord (`BuiltInTemplates`) when `templates` does
    /// not exist, instead of failing: the command line sets it when `--templates` was not given.
    public var builtInTemplatesWhenMissing = false
    /// Command-line settings; they win over the config file.
    public var minPassageWords: Int?
    public var boilerplateArticles: Int?
    /// Ignore the build cache: parse, annotate and render everything (`--full`).
    public var full = false
    /// The source folder's article files (relative, sorted as `ArchiveLoader.articlePaths()`
    /// gives them), when the caller has just listed them (`concord add`): the build takes
    /// them instead of listing the folder again. Nil: the build lists it.
    public var articlePaths: [String]? {
        get { articleList.map(Array.init) }
        set { articleList = newValue.map(PathList.init) }
    }
    /// The same as a build lists them (one block of bytes).
    var articleList: PathList?

    /// Takes the source folder's article files as an import left them (`concord add`), without
    /// making a string of each.
    public mutating func useArticles(listedBy outcome: ArticleImporter.Outcome) { articleList = outcome.listing }
    /// The build cache as read ahead by `SiteBuilder.readCacheAhead()`, if it was.
    var cacheReadAhead: CacheReadAhead?

    /// Has the build take the cache as `reading` read it ahead (`concord add`, while it imported).
    public mutating func useCache(readAhead reading: CacheReadAhead?) { cacheReadAhead = reading }
    /// The process exits once this build's report is out (`concord build`, `concord add`): the
    /// build's thread then waits for the exit (`LeftForExit`), its data not freed one by one.
    public var exitsAfterBuild = false
    /// The wall-clock time the build's stamps are judged settled at (`FileStamp.isSettled`),
    /// in nanoseconds since 1970; nil: the system's clock. Tests set it to build as if later.
    var stampTime: (@Sendable () -> Int)?

    /// - Parameter output: a symbolic link to a folder (`public` → `/var/www/site`) stands for
    ///   that folder: the site is written there, its staging folder, previous generation and
    ///   cache beside it. (The link was moved aside as the previous generation, and replaced.)
    public init(source: URL, output: URL, templates: URL, workingDirectory: URL, config: URL? = nil) {
        self.source = source; self.output = Self.followingLink(output); self.templates = templates
        self.workingDirectory = workingDirectory; self.config = config
    }

    /// What `url` leads to, if it is a symbolic link; else `url`.
    static func followingLink(_ url: URL) -> URL {
        var st = stat()
        guard lstat(url.path, &st) == 0, st.st_mode & S_IFMT == S_IFLNK else { return url }
        return url.resolvingSymlinksInPath()
    }

    /// Whether this build takes the built-in templates: asked for, and no `templates` folder.
    public var usesBuiltInTemplates: Bool {
        builtInTemplatesWhenMissing && !FileManager.default.fileExists(atPath: templates.path)
    }

    /// The templates this build renders with: the `templates` folder, or the built-in ones
    /// (`usesBuiltInTemplates`).
    func loadTemplates() async throws(BuildFailure) -> TemplateSet {
        usesBuiltInTemplates ? try TemplateSet.builtIn() : try await TemplateSet(folder: templates)
    }

    /// Passage settings: defaults, then the config file, then the command line.
    public func passageOptions(_ config: SiteConfig) -> PassageFinder.Options {
        var o = PassageFinder.Options()
        if let n = minPassageWords ?? config.minPassageWords { o.minWords = n }
        if let n = boilerplateArticles ?? config.boilerplateArticles { o.boilerplateArticles = n }
        return o
    }
}

/// Receives what a build has to say; the CLI prints it, tests collect it.
public protocol BuildLog: Sendable {
    func diagnostic(_ d: Diagnostic)
    func stage(_ s: StageTiming)
    /// The build is waiting for something (another build of the same output).
    func waiting(_ message: String)
    /// A long build starts a stage ("annotating 100000 articles").
    func progress(_ message: String)
    /// One line worth telling even without --verbose ("full build: the build cache is damaged").
    func notice(_ message: String)
}

extension BuildLog {
    public func waiting(_ message: String) {}
    public func progress(_ message: String) {}
    public func notice(_ message: String) {}
}

/// A log that keeps nothing.
public struct SilentLog: BuildLog {
    public init() {}
    public func diagnostic(_ d: Diagnostic) {}
    public func stage(_ s: StageTiming) {}
}
