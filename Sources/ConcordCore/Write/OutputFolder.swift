import Foundation

/// The site's output folder: checked for safety, built beside itself, then swapped in.
///
/// A build writes into a hidden staging folder next to the output and renames
/// it into place only when every page is written, so readers and servers never
/// see a half-written site. Only folders Concord wrote (they hold the marker
/// file `.concord-site`) or empty folders are ever replaced: nothing outside
/// the output folder is deleted.
public struct OutputFolder: Sendable {
    public static let marker = ".concord-site"
    public let url: URL

    public init(_ url: URL) { self.url = url.standardizedFileURL }

    /// Refuses `/`, the home folder, the working folder, and any folder that is or contains the sources or templates.
    public func checkSafe(source: URL, templates: URL, workingDirectory: URL) throws(BuildFailure) {
        let out = resolved(url)
        let protected: [(URL, String)] = [
            (source, "the source folder"), (templates, "the templates folder"),
            (workingDirectory, "the working folder (the repository root)"),
            (FileManager.default.homeDirectoryForCurrentUser, "your home folder"),
        ]
        if out == "/" { throw BuildFailure("refusing to write the site to '/'") }
        for (folder, what) in protected {
            let p = resolved(folder)
            if out == p || p.hasPrefix(out == "/" ? "/" : out + "/") {
                throw BuildFailure("refusing to use '\(url.path)' as the output folder: it is or contains \(what)")
            }
        }
        if out.hasPrefix(resolved(source) + "/") || out.hasPrefix(resolved(templates) + "/") {
            throw BuildFailure("refusing to write the site inside the source or templates folder ('\(url.path)')")
        }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw BuildFailure("output '\(url.path)' exists and is not a folder") }
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            if !contents.isEmpty && !contents.contains(Self.marker) {
                throw BuildFailure("output folder '\(url.path)' is not empty and was not written by Concord; choose another folder or empty it")
            }
        }
    }

    private func resolved(_ u: URL) -> String {
        let p = u.standardizedFileURL.resolvingSymlinksInPath().path
        return p.count > 1 && p.hasSuffix("/") ? String(p.dropLast()) : p
    }

    /// A fresh staging folder beside the output.
    public func makeStaging() throws(BuildFailure) -> URL {
        let parent = url.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(url.lastPathComponent).staging-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            try Data().write(to: staging.appendingPathComponent(Self.marker))
        } catch {
            throw BuildFailure("cannot create a staging folder in '\(parent.path)': \(error.localizedDescription)")
        }
        return staging
    }

    /// Puts the staged site in place of the output: rename the old one aside, rename the new one in, delete the old.
    public func swap(in staging: URL) throws(BuildFailure) {
        let fm = FileManager.default
        let old = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            if fm.fileExists(atPath: url.path) {
                try? fm.removeItem(at: old)
                try fm.moveItem(at: url, to: old)
            }
            try fm.moveItem(at: staging, to: url)
            if fm.fileExists(atPath: old.path) { try fm.removeItem(at: old) }
        } catch {
            // Put the old site back if the new one could not go in.
            if !fm.fileExists(atPath: url.path), fm.fileExists(atPath: old.path) { try? fm.moveItem(at: old, to: url) }
            try? fm.removeItem(at: staging)
            throw BuildFailure("cannot put the new site in place at '\(url.path)': \(error.localizedDescription)")
        }
    }

    /// Removes a staging folder after a failed build.
    public static func discard(_ staging: URL) {
        try? FileManager.default.removeItem(at: staging)
    }
}
