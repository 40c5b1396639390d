import Foundation
import Hummingbird

/// Maps request paths to files under the output folder, refusing anything that leads outside it.
///
/// `..` and `.` segments (also percent-encoded), NUL bytes, and symbolic
/// links whose target lies outside the folder all resolve to nothing (404).
public struct StaticSite: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root.standardizedFileURL }

    public enum Resolution: Equatable, Sendable {
        case file(URL)
        /// A folder asked for without its trailing slash: redirect here.
        case redirect(String)
        case notFound
    }

    /// Resolves a raw (percent-encoded) request path.
    public func resolve(_ rawPath: String) -> Resolution {
        guard let path = rawPath.removingPercentEncoding, !path.contains("\0"), path.hasPrefix("/") else { return .notFound }
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if segments.contains(where: { $0 == ".." || $0 == "." || $0.contains("\\") }) { return .notFound }
        var url = root
        for s in segments { url.appendPathComponent(s) }
        guard let real = realPath(url), let rootReal = realPath(root),
              real == rootReal || real.hasPrefix(rootReal + "/") else { return .notFound }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: real, isDirectory: &isDir) else { return .notFound }
        if isDir.boolValue {
            if !rawPath.hasSuffix("/") { return .redirect(rawPath + "/") }
            let index = URL(fileURLWithPath: real).appendingPathComponent("index.html")
            guard let indexReal = realPath(index), indexReal.hasPrefix(rootReal + "/"),
                  FileManager.default.fileExists(atPath: indexReal) else { return .notFound }
            return .file(URL(fileURLWithPath: indexReal))
        }
        return .file(URL(fileURLWithPath: real))
    }

    /// The site's own 404 page, if it has one.
    public var notFoundPage: URL? {
        let page = root.appendingPathComponent("404.html")
        return FileManager.default.fileExists(atPath: page.path) ? page : nil
    }

    private func realPath(_ url: URL) -> String? {
        guard let resolved = realpath(url.path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The Content-Type for a file name: the site's own files by this table (text with its
    /// charset), anything else an article links to (a video, a sound, a spreadsheet) by
    /// Hummingbird's table of media types, so that the browser plays or shows it.
    public static func contentType(for file: URL) -> String {
        let ext = file.pathExtension.lowercased()
        switch ext {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json", "map": return "application/json"
        case "txt", "md": return "text/plain; charset=utf-8"
        case "xml": return "application/xml"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "avif": return "image/avif"
        case "ico": return "image/x-icon"
        case "woff": return "font/woff"
        case "woff2": return "font/woff2"
        case "ttf": return "font/ttf"
        case "otf": return "font/otf"
        case "pdf": return "application/pdf"
        default: return MediaType.getMediaType(forExtension: ext)?.description ?? "application/octet-stream"
        }
    }
}
