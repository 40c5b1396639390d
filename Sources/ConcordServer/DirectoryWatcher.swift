#if canImport(Glibc)
import Glibc
import ConcordCore
import Dispatch
import Foundation

/// Watches folders (recursively) and files with inotify; no polling.
///
/// One watch per folder (inotify is not recursive); folders created later
/// are watched as they appear. Editor droppings (swap files, backups,
/// hidden files) are ignored. Each relevant change calls `onChange`.
public final class DirectoryWatcher: @unchecked Sendable {
    private let fd: Int32
    private var source: DispatchSourceRead?
    private var folders: [Int32: String] = [:]
    /// Folders watched only for some of their files (the config's folder): folder → names.
    private var fileFilters: [String: Set<String>] = [:]
    private let queue = DispatchQueue(label: "concord.watcher")
    private let onChange: @Sendable (String) -> Void
    private let noting: @Sendable (String) -> Void, onLost: @Sendable () -> Void
    private static let mask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO
                                     | IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB)

    /// - Parameters:
    ///   - paths: folders watched with everything below them.
    ///   - files: single files, watched through their folder (editors replace files by renaming).
    ///   - noting: called with every path changed, editor droppings included (`BuildMemory.changed`).
    ///   - onLost: called when the kernel's queue of changes overflowed and some were lost.
    public init(paths: [URL], files: [URL] = [], noting: @escaping @Sendable (String) -> Void = { _ in },
                onLost: @escaping @Sendable () -> Void = {}, onChange: @escaping @Sendable (String) -> Void) throws {
        self.onChange = onChange; self.noting = noting; self.onLost = onLost
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw WatchError("inotify_init1 failed: \(String(cString: strerror(errno)))") }
        for p in paths { addRecursively(p.path) }
        for f in files {
            let folder = f.deletingLastPathComponent().path
            if folders.values.contains(folder) && fileFilters[folder] == nil { continue }   // already watched whole
            fileFilters[folder, default: []].insert(f.lastPathComponent)
            if !folders.values.contains(folder) {
                let wd = inotify_add_watch(fd, folder, Self.mask)
                if wd >= 0 { folders[wd] = folder }
            }
        }
        let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
        source.setEventHandler { [weak self] in self?.drain() }
        source.setCancelHandler { [fd] in close(fd) }
        source.resume()
        self.source = source
    }

    /// Set on `queue` when stopped: the descriptor is closed then, and its number may be another file's.
    private var stopped = false

    public func stop() { queue.sync { stopped = true }; source?.cancel(); source = nil }

    /// Reads the changes the kernel holds now and reports them, before returning: a change made
    /// before the call is reported when it returns.
    public func drainNow() { queue.sync { if !stopped { drain() } } }

    deinit { source?.cancel() }

    /// Watches `path` and the folders below it, following links (as the build reads a folder
    /// linked in). Each folder once: inotify gives a folder reached again, through a link back
    /// up (`ln -s . again`), the watch it has, and the walk stops there. (Walked again, one such
    /// link recursed until paths grew too long, and two never ended: the server never started.)
    private func addRecursively(_ path: String) {
        var seen = Set<Int32>()
        add(path, &seen)
    }

    private func add(_ path: String, _ seen: inout Set<Int32>) {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { return }
        let wd = inotify_add_watch(fd, path, Self.mask)
        if wd >= 0 {
            guard seen.insert(wd).inserted else { return }
            folders[wd] = path
        }
        guard isDir.boolValue else { return }
        for child in FastFiles.subfolders(of: path) { add(child, &seen) }
    }

    private func drain() {
        InotifyEvents.read(fd) { wd, mask, name in
            if mask & UInt32(IN_Q_OVERFLOW) != 0 { onLost() }
            let folder = folders[wd] ?? ""
            if let names = fileFilters[folder], !names.contains(name) { return }
            let path = name.isEmpty ? folder : folder + "/" + name
            // A folder that appears is watched, and so is one a new link leads to (inotify
            // does not mark a link to a folder as a folder).
            if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 && (mask & UInt32(IN_ISDIR) != 0 || FastFiles.isFolder(path)) {
                addRecursively(path)
            }
            if mask & UInt32(IN_IGNORED) != 0 { folders[wd] = nil; return }
            if !path.isEmpty { noting(path) }
            if Self.isNoise(name) { return }
            onChange(path)
        }
    }

    /// Swap files, backups and hidden files that editors write next to the real one; never an
    /// article file that is not hidden (`#1 story.txt` is one, and a build reads it).
    static func isNoise(_ name: String) -> Bool {
        name.hasPrefix(".") || (!ArticleParser.isArticlePath(name)
            && (name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx")
                || name.hasPrefix("#") || name.hasSuffix(".tmp") || name == "4913"))
    }
}

public struct WatchError: Error, CustomStringConvertible {
    public let description: String
    init(_ d: String) { description = d }
}
#endif
