import Foundation

/// Settings of a site, from the optional `concord.yml` in the working folder.
///
/// ```yaml
/// title: The Kardashian files      # the site's name, in every page's header
/// min_passage_words: 12            # shortest shared passage, in words
/// boilerplate_articles: 100        # text carried by more articles is boilerplate
/// ```
/// Command-line options win over the file; the file wins over the defaults.
public struct SiteConfig: Sendable, Equatable {
    public var title = "Concord archive"
    public var minPassageWords: Int?
    public var boilerplateArticles: Int?

    public init() {}

    /// The config at `url`; the defaults when there is no such file.
    public static func load(_ url: URL?) throws(BuildFailure) -> SiteConfig {
        var config = SiteConfig()
        guard let url, FileManager.default.fileExists(atPath: url.path) else { return config }
        guard let bytes = FastFiles.read(url.path), SourceText.firstInvalidUTF8(bytes) == nil else {
            throw BuildFailure("\(url.path):1: error: cannot read the config file as UTF-8 text")
        }
        let map: YAMLMapping
        do throws(YAMLMapping.Failure) {
            map = try YAMLMapping(String(decoding: bytes, as: UTF8.self), firstLine: 1)
        } catch {
            switch error {
            case .syntax(let line, let problem): throw BuildFailure("\(url.path):\(line): error: bad YAML: \(problem)")
            case .notMapping: throw BuildFailure("\(url.path):1: error: the config must be a mapping of settings")
            }
        }
        for entry in map.entries {
            func fail(_ message: String) -> BuildFailure { BuildFailure("\(url.path):\(entry.line): error: \(message)") }
            func number() throws(BuildFailure) -> Int {
                guard let n = entry.value.int, n > 0 else { throw fail("'\(entry.key)' must be a positive whole number") }
                return n
            }
            switch entry.key {
            case "title":
                // Without the line break a folded `title: >` ends in (as front-matter fields).
                guard let s = entry.value.string?.trimmingCharacters(in: .whitespacesAndNewlines), !s.isEmpty else {
                    throw fail("'title' must be text")
                }
                config.title = s
            case "min_passage_words": config.minPassageWords = try number()
            case "boilerplate_articles": config.boilerplateArticles = try number()
            default:
                let hint = Self.closest(to: entry.key).map { "; did you mean '\($0)'?" } ?? ""
                throw fail("unknown setting '\(entry.key)'\(hint) (known: \(Self.settings.joined(separator: ", ")))")
            }
        }
        return config
    }

    /// The settings `concord.yml` may hold.
    static let settings = ["title", "min_passage_words", "boilerplate_articles"]

    /// The setting a mistyped key most likely meant: the same with `-` or capitals
    /// (`boilerplate-articles`, `Title`), or at most two letters off (`titel`).
    static func closest(to key: String) -> String? {
        let folded = key.lowercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
        if let same = settings.first(where: { $0 == folded }) { return same }
        return Spelling.closest(to: folded, among: settings)
    }
}
