import Foundation

/// A link or image in an article's body to a file of the source folder, written relative to
/// the article's file as an editor previews it: `![The bridge](photos/bridge.png)`,
/// `[the earlier report](2020-07-25-report.md)`.
///
/// On the article's page such a link is made to work (`LocalLinkNodes`): a file is copied into
/// the site under `files/` (`LinkedFiles`), an article file is its article's page. A link whose
/// file is not there is reported as a warning naming this line.
public struct LocalLink: Sendable, Equatable {
    /// The file linked to, relative to the source folder, `.` and `..` resolved (`photos/bridge.png`).
    public let target: String
    /// The line of the article's file the link is on (1-based).
    public let line: Int

    public init(target: String, line: Int) { self.target = target; self.line = line }

    /// Whether the target is an article file, linked to its page, rather than a file copied into the site.
    public var isArticle: Bool { !isOutside && ArticleParser.isArticlePath(target) }

    /// Whether `..` takes the link out of the source folder (its target then starts with `../`):
    /// left as written on the page, where it leads to no file of the site, and warned of.
    public var isOutside: Bool { target.hasPrefix("../") }

    /// The target of `url` in an article at `articlePath`, and what follows the path (`#…`, `?…`);
    /// nil for a URL that names no file of the source folder: one with a scheme (`https:`,
    /// `mailto:`), an absolute path, a bare fragment or query, a folder (`photos/`), or a path
    /// that `..` takes out of the source folder. Percent-escapes are decoded (`my%20photo.png`).
    public static func resolve(_ url: String, from articlePath: String) -> (target: String, suffix: String)? {
        guard let found = walk(url, from: articlePath), found.ups == 0 else { return nil }
        return (found.path, found.suffix)
    }

    /// The same for the links `find` records: also those that `..` takes out of the source
    /// folder, as their path from it (`../outside.png`, see `isOutside`).
    static func target(of url: String, from articlePath: String) -> String? {
        guard let found = walk(url, from: articlePath) else { return nil }
        return String(repeating: "../", count: found.ups) + found.path
    }

    /// `url` read as a path from the article's folder: the path from the source folder, after
    /// the `..` that go above it (`ups`), and the suffix; nil for no path to a file at all.
    private static func walk(_ url: String, from articlePath: String) -> (path: String, ups: Int, suffix: String)? {
        guard let first = url.utf8.first, first != UInt8(ascii: "/"), first != UInt8(ascii: "#"),
              first != UInt8(ascii: "?"), !hasScheme(url) else { return nil }
        let cut = url.firstIndex { $0 == "#" || $0 == "?" } ?? url.endIndex
        let written = String(url[..<cut]), suffix = String(url[cut...])
        let decoded = written.removingPercentEncoding ?? written
        // (No control characters: the site's manifest lists one path a line.)
        guard !decoded.isEmpty, !decoded.hasSuffix("/"), !decoded.contains("\\"),
              !decoded.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { return nil }
        var parts = articlePath.split(separator: "/", omittingEmptySubsequences: true).dropLast().map(String.init)
        var ups = 0
        for part in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if parts.isEmpty { ups += 1 } else { parts.removeLast() }
            default: parts.append(String(part))
            }
        }
        // A path ending in `.` or `..` names a folder.
        let last = decoded.split(separator: "/").last
        guard !parts.isEmpty, last != ".", last != ".." else { return nil }
        return (parts.joined(separator: "/"), ups, suffix)
    }

    /// `scheme:` at the start (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`).
    static func hasScheme(_ url: String) -> Bool {
        var sawLetter = false
        for (i, b) in url.utf8.enumerated() {
            if b == UInt8(ascii: ":") { return sawLetter }
            let letter = (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A
            if i == 0 && !letter { return false }
            guard letter || (b >= 0x30 && b <= 0x39) || b == 0x2B || b == 0x2D || b == 0x2E else { return false }
            sawLetter = true
        }
        return false
    }
}
