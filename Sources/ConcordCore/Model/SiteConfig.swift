import Foundation
import Yams

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
        let node: Node?
        do { node = try Yams.compose(yaml: String(decoding: bytes, as: UTF8.self)) } catch let error as YamlError {
            throw BuildFailure("\(url.path):\(max(1, FrontMatterParser.line(of: error))): error: bad YAML: \(FrontMatterParser.problem(of: error))")
        } catch {
            throw BuildFailure("\(url.path):1: error: bad YAML: \(error)")
        }
        guard let node else { return config }
        guard let map = node.mapping else { throw BuildFailure("\(url.path):1: error: the config must be a mapping of settings") }
        for (key, value) in map {
            let line = max(1, value.mark?.line ?? 1)   // Yams marks are 1-based
            func number() throws(BuildFailure) -> Int {
                guard let n = value.int, n > 0 else {
                    throw BuildFailure("\(url.path):\(line): error: '\(key.string ?? "")' must be a positive whole number")
                }
                return n
            }
            switch key.string {
            case "title":
                guard let s = value.string, !s.isEmpty else { throw BuildFailure("\(url.path):\(line): error: 'title' must be text") }
                config.title = s
            case "min_passage_words": config.minPassageWords = try number()
            case "boilerplate_articles": config.boilerplateArticles = try number()
            default:
                throw BuildFailure("\(url.path):\(line): error: unknown setting '\(key.string ?? "?")' (known: title, min_passage_words, boilerplate_articles)")
            }
        }
        return config
    }
}
