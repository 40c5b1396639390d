import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The site's output folder: checked for safety, built beside itself, then swapped in.
///
/// A build writes into a hidden staging folder next to the output and renames
/// it into place only when every page is written, so readers and servers never
/// see a half-written site. The site it replaces is kept beside it as
/// `.<name>.previous` and becomes the next build's staging folder: its files
/// are overwritten in place and the ones the new build does not write are
/// removed, which on most file systems costs far less than creating every
/// folder and file anew. Only folders Concord wrote (they hold the marker
/// file `.concord-site`) or empty folders are ever replaced: nothing outside
/// the output folder and its previous generation is deleted.
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
            (URL(fileURLWithPath: ProcessInfo.processInfo.environment["HOME"] ?? "/root"), "your home folder"),
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

    /// Holds the build lock of this output folder until released: a second
    /// build of the same folder waits for the first (`onWait` is told once).
    /// The folders above the output are created first when missing (as `mkdir -p` would).
    public func lock(onWait: () -> Void) throws(BuildFailure) -> BuildLock {
        let parent = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw BuildFailure("cannot create the folder '\(parent.path)' for the output: \(error.localizedDescription)")
        }
        let path = lockPath
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw BuildFailure("cannot create the lock file '\(path)': \(String(cString: strerror(errno)))") }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            onWait()
            while flock(fd, LOCK_EX) != 0 {
                if errno != EINTR { close(fd); throw BuildFailure("cannot lock '\(path)': \(String(cString: strerror(errno)))") }
            }
        }
        return BuildLock(fd: fd)
    }

    /// The same lock if no one holds it now, else nil (no wait).
    func tryLock() -> BuildLock? {
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return nil }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { close(fd); return nil }
        return BuildLock(fd: fd)
    }

    /// The lock file, beside the output folder: `.<output>.lock`.
    private var lockPath: String { url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).lock").path }

    /// The previous generation of the site, kept for reuse.
    public var previous: URL {
        url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).previous")
    }

    /// A staging folder beside the output: the previous generation when there
    /// is one Concord wrote, else a new empty folder. Also returns the
    /// generation the folder held, and forgets it (the generation file is
    /// removed before any write), so a build killed while writing leaves a
    /// folder no later build mistakes for an intact generation. `isNew` tells
    /// that the folder was made empty (it holds only the marker file).
    public func makeStaging() throws(BuildFailure) -> (url: URL, generation: UInt64?, isNew: Bool) {
        let fm = FileManager.default
        let parent = url.deletingLastPathComponent()
        let staging = newStagingName()
        if fm.fileExists(atPath: previous.appendingPathComponent(Self.marker).path),
           (try? fm.moveItem(at: previous, to: staging)) != nil {
            let generation = Self.generation(of: staging)
            unlink(staging.path + "/" + Self.generationFile)
            // Concord makes no links. One at the top (a user's, perhaps to a folder outside) is
            // removed, never written or pruned through; what the folder holds is then not what
            // its generation says, so it is compared file by file, as after a killed build.
            return (staging, Self.removeLinks(in: staging) ? nil : generation, false)
        }
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            try Data().write(to: staging.appendingPathComponent(Self.marker))
        } catch {
            throw BuildFailure("cannot create a staging folder in '\(parent.path)': \(error.localizedDescription)")
        }
        return (staging, nil, true)
    }

    /// Removes the symbolic links among the entries of `folder` (the links, not what they
    /// lead to; hidden ones are Concord's own files); whether there were any.
    static func removeLinks(in folder: URL) -> Bool {
        let links = (FastFiles.entries(of: folder.path) ?? []).filter { $0.type == Int32(DT_LNK) }
        for link in links { unlink(folder.path + "/" + link.name) }
        return !links.isEmpty
    }

    private var stagingPrefix: String { ".\(url.lastPathComponent).staging-" }

    /// A fresh staging folder's place beside the output (not made): `recoverStaging` finds
    /// such folders by their prefix.
    func newStagingName() -> URL {
        url.deletingLastPathComponent().appendingPathComponent(
            "\(stagingPrefix)\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
    }

    /// Staging folders left by a build that was killed (call with the lock held,
    /// so none is in use): one becomes the previous generation again when that
    /// is missing, so its files are rewritten rather than created; the others
    /// are removed. Only folders holding Concord's marker are touched.
    public func recoverStaging() {
        let fm = FileManager.default
        let parent = url.deletingLastPathComponent()
        let left = ((try? fm.contentsOfDirectory(atPath: parent.path)) ?? []).filter { $0.hasPrefix(stagingPrefix) }.sorted()
        for name in left {
            let folder = parent.appendingPathComponent(name)
            guard fm.fileExists(atPath: folder.appendingPathComponent(Self.marker).path) else { continue }
            // Neither its generation nor its manifest tells what it holds now: the killed build
            // may have written pages the manifest does not list (the next prune walks it).
            unlink(folder.path + "/" + Self.generationFile)
            unlink(folder.path + "/" + Self.manifest)
            if !fm.fileExists(atPath: previous.path), (try? fm.moveItem(at: folder, to: previous)) != nil { continue }
            try? fm.removeItem(at: folder)
        }
    }

    /// Lists what a generation holds, so the next reuse can remove what it no longer writes.
    public static let manifest = ".concord-files"

    /// Removes from a reused staging folder every file this build did not write,
    /// and folders left empty; then records this build's files.
    ///
    /// - Parameters:
    ///   - written: the site's files (the build's file table, by `PathHash`).
    ///   - order: every file the build makes, in the order the manifest lists them
    ///     (the site's page order: fixed by the input, and no sort of 12,000 paths);
    ///     `written` is some of them.
    ///   - held: the files the folder holds, when the build cache knows them (by `PathHash`,
    ///     with their checksums; empty for a folder made by this build: nothing to remove, and
    ///     a walk would open one folder per page). Their paths are read from the manifest the
    ///     earlier build left. When nil, the manifest is all there is to go by, or, without
    ///     one, the files are found by walking the folder.
    static func prune(_ staging: URL, keeping written: FileTable, order: SiteFileList, holding held: FileTable?) {
        let manifestPath = staging.appendingPathComponent(manifest).path
        // The held files not kept; the manifest is read only when their paths are wanted from it,
        // or when nothing else tells what the folder holds.
        let wanted = held.map { held in
            var wanted = Set<UInt64>(), last = -1
            held.forEach { hash, _ in if !written.contains(hash, after: &last) { wanted.insert(hash) } }
            return wanted
        }
        let manifestData = wanted?.isEmpty == true ? nil : FastFiles.read(manifestPath)
        let ownFiles: Set<UInt64> = [PathHash.of(marker), PathHash.of(manifest), PathHash.of(generationFile)]
        func isGone(_ hash: UInt64) -> Bool { !written.contains(hash) && !ownFiles.contains(hash) }
        func isGone(_ path: String) -> Bool { isGone(PathHash.of(path)) }
        var gone: [String]
        var walked = false
        func walk() -> [String] {
            walked = true
            return (FastFiles.listFiles(under: staging.path, followingLinks: false) ?? []).filter(isGone)
        }
        if let wanted {
            // The paths of the held files not kept, from the manifest; should it lack one, the
            // folder is walked instead.
            let found = wanted.isEmpty ? [] : listed(manifestData, where: wanted.contains)
            gone = Set(found.map(PathHash.of)).count == wanted.count ? found : walk()
        } else if manifestData != nil {
            gone = listed(manifestData, where: isGone)
        } else {
            gone = walk()
        }
        if !gone.isEmpty {
            var folders = Set<String>()
            for path in gone {
                var folder = RelativePath.folder(of: path)
                while !folder.isEmpty, folders.insert(folder).inserted { folder = RelativePath.folder(of: folder) }
            }
            // A folder that is a symbolic link (Concord makes none: a user's, perhaps to a folder
            // outside) is not gone into: nothing under it is removed.
            let linked = folders.filter { folder in
                var st = stat()
                return lstat(staging.path + "/" + folder, &st) == 0 && st.st_mode & S_IFMT == S_IFLNK
            }
            func underLink(_ path: String) -> Bool {
                guard !linked.isEmpty else { return false }
                var folder = RelativePath.folder(of: path)
                while !folder.isEmpty { if linked.contains(folder) { return true }; folder = RelativePath.folder(of: folder) }
                return false
            }
            for path in gone where !underLink(path) { unlink(staging.path + "/" + path) }
            // Such a link itself goes when nothing of the site lies under it (what it leads to stays).
            for folder in linked where !order.paths.contains(where: { $0.hasPrefix(folder + "/") }) { unlink(staging.path + "/" + folder) }
            // The folders of removed files, deepest first: `rmdir` removes those left empty
            // and refuses, harmlessly, those that still hold something.
            for folder in folders.sorted(by: { ($0.utf8.count, $0) > ($1.utf8.count, $1) })
            where !linked.contains(folder) && !underLink(folder) { rmdir(staging.path + "/" + folder) }
        }
        // A folder whose contents were not known (a build killed while writing it) may hold
        // folders made for pages never written: empty, they are no part of the site.
        if walked { FastFiles.removeEmptyFolders(under: staging.path) }
        // Every file kept is one of `order`'s (the build's pages, annotations.json and the assets),
        // so equal counts mean the same paths (a repeated path, an asset named like a page, makes
        // the counts differ): no need to look each one up again (112,000 at 100,000 articles).
        var seen = Set<UInt64>()
        let kept = order.count == written.count ? nil
            : (0..<order.count).filter { written.contains(order.hash(at: $0)) && seen.insert(order.hash(at: $0)).inserted }
        // Compared with the manifest (read above, or mapped here) and written from its pieces
        // where they lie, when every file is kept (a joined String of 112,000 paths, then its
        // copy, cost more; so did the pieces joined, then the file read into an array).
        // Replaced, never written through: the folder's files may be links to the live site's.
        func update(_ pieces: [UnsafeRawBufferPointer]) {
            // (A link holds no file of the site, whatever it leads to: not followed.)
            let same = manifestData.map { data in data.withUnsafeBytes { FastFiles.equal($0, pieces) } }
                ?? FastFiles.Mapped(manifestPath, followingLinks: false).map { FastFiles.equal($0.bytes, pieces) } ?? false
            if !same { _ = FastFiles.write(pieces: pieces, to: manifestPath, sparingLinks: true) }
        }
        if kept == nil {
            order.withManifestPieces(update)
        } else {
            order.manifest(of: kept).withUnsafeBytes { update([$0]) }
        }
    }

    /// The paths a manifest lists whose `PathHash` passes `test`. Each line is hashed where it
    /// lies, and only the few that pass become strings (made for all 112,000 lines at 100,000
    /// articles, then hashed, they cost most of a prune).
    static func listed(_ manifest: [UInt8]?, where test: (UInt64) -> Bool) -> [String] {
        guard let manifest else { return [] }
        return manifest.withUnsafeBytes { (all: UnsafeRawBufferPointer) -> [String] in
            guard let base = all.baseAddress else { return [] }
            var found: [String] = []
            var start = 0
            while start < all.count {
                var end = all.count
                if let newline = memchr(base + start, 0x0A, all.count - start) { end = UnsafeRawPointer(newline) - base }
                let line = UnsafeRawBufferPointer(rebasing: all[start..<end])
                if !line.isEmpty && test(PathHash.of(line)) { found.append(String(decoding: line, as: UTF8.self)) }
                start = end + 1
            }
            return found
        }
    }

    /// Puts the staged site in place of the output; the site it replaces becomes the previous generation.
    public func swap(in staging: URL) throws(BuildFailure) {
        let fm = FileManager.default
        let old = previous
        do {
            if fm.fileExists(atPath: url.path) {
                if fm.fileExists(atPath: old.path) { try fm.removeItem(at: old) }
                try fm.moveItem(at: url, to: old)
            }
            try fm.moveItem(at: staging, to: url)
        } catch {
            // Put the old site back if the new one could not go in.
            if !fm.fileExists(atPath: url.path), fm.fileExists(atPath: old.path) { try? fm.moveItem(at: old, to: url) }
            try? fm.removeItem(at: staging)
            throw BuildFailure("cannot put the new site in place at '\(url.path)': \(error.localizedDescription)")
        }
    }

    /// Names the generation of a site folder (a checksum of its files, in hex), so the
    /// build cache can tell whether the output and `.previous` are the ones it describes.
    public static let generationFile = ".concord-generation"

    /// The generation id written in a site folder, or nil.
    static func generation(of folder: URL) -> UInt64? {
        FastFiles.read(folder.path + "/" + generationFile).flatMap { UInt64(String(decoding: $0, as: UTF8.self), radix: 16) }
    }

    /// Removes a staging folder after a failed build.
    public static func discard(_ staging: URL) {
        try? FileManager.default.removeItem(at: staging)
    }
}

/// An exclusive lock on an output folder; released by `release()` or when the process ends.
public final class BuildLock: @unchecked Sendable {
    private var fd: Int32
    init(fd: Int32) { self.fd = fd }
    public func release() { if fd >= 0 { flock(fd, LOCK_UN); close(fd); fd = -1 } }
    deinit { release() }
}
