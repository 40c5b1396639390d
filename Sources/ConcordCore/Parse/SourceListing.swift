#if canImport(Glibc)
import Glibc
#endif

/// The source folder's article files, sorted as every build takes them, with each one's stamp
/// (`FileStamp`, nil where not settled), as a build found them.
///
/// A long-lived process that watches the folder (`concord serve`, through `BuildMemory`) patches
/// the last build's listing with the paths reported changed since (`patched`), rather than
/// listing and `stat`ing every file again: 150–165 ms at 100,000 articles.
struct SourceListing: Sendable, Equatable {
    var paths: PathList
    var stamps: [FileStamp?]
    /// Whether the folder holds a symbolic link, or an article file with another name (a hard
    /// link): a change made through the other name is not reported where this one lies, so such
    /// a listing is never patched.
    var hasLinks: Bool

    /// This listing with the paths in `changed` looked at again (`patch`); nil where `patch` fails.
    func patched(_ changed: Set<String>, folder: String, now: Int) -> SourceListing? {
        var copy = self
        return copy.patch(changed, folder: folder, now: now) ? copy : nil
    }

    /// Patches the listing with the paths in `changed` (absolute, as a watcher reports them),
    /// looked at again: an article file that appeared is added, one that went is removed, one
    /// still there `stat`ed again, as is every file whose stamp was not settled. False (and the
    /// listing left as it was) when the change cannot be told without listing the folder: a
    /// folder or link appeared or changed, a folder with articles in it went, the source folder
    /// itself changed, or the listing holds a link. Paths are found by binary search (no table
    /// of 100,000 paths hashed). A few paths gone or added are removed and inserted in place:
    /// a listing held by nothing else is not copied (copied, each of 100,000 paths of 40 bytes
    /// was retained: 15–18 ms at every rebuild).
    mutating func patch(_ changed: Set<String>, folder: String, now: Int) -> Bool {
        guard !hasLinks else { return false }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        var gone = Set<Int>(), again = Set<Int>(), added: [String] = []
        for path in changed {
            if path == folder || path + "/" == prefix { return false }              // the folder itself
            guard path.hasPrefix(prefix) else { continue }                          // a template, the config
            let relative = String(path.dropFirst(prefix.count))
            // Hidden files and folders are not listed, nor anything below a hidden folder.
            guard !relative.isEmpty, !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            let at = index(of: relative)
            var st = stat()
            if lstat(prefix + relative, &st) != 0 {
                if let at { gone.insert(at); continue }
                // A folder that went (removed or moved away) may have held articles: they lie
                // together, from where the folder's path would be.
                let below = relative + "/", first = paths.sortedPosition(of: below)
                if first < paths.count && paths[first].hasPrefix(below) { return false }
                continue
            }
            // A folder, whose files made before it was watched are not reported; a link.
            guard st.st_mode & S_IFMT == S_IFREG else { return false }
            if let at { again.insert(at) } else if ArticleParser.isArticlePath(relative) { added.append(relative) }
        }
        // Stamped again below: the files reported, the new ones, and those whose stamp was not settled.
        for i in again { stamps[i] = nil }
        if !gone.isEmpty || !added.isEmpty {
            let placed = paths.update(removing: gone, adding: ArchiveLoader.sorted(added))
            stamps.follow(removing: gone, inserting: nil, at: placed)
        }
        let restamp = stamps.indices.filter { stamps[$0] == nil }
        var hardLinked = false
        var unsettled = PathList()
        for i in restamp { unsettled.append(i, of: paths) }
        let fresh = FileStamp.of(unsettled, in: folder, now: now, hardLinked: &hardLinked)
        hasLinks = hardLinked
        for (k, i) in restamp.enumerated() { stamps[i] = fresh[k] }
        return true
    }

    /// The order `ArchiveLoader.sorted` gives: `String`'s, then bytes between two spellings of the same letters.
    static func precedes(_ a: String, _ b: String) -> Bool {
        a < b || (!(b < a) && a.utf8.lexicographicallyPrecedes(b.utf8))
    }

    /// The position of `path` (its very bytes) in the listing, if it is there.
    func index(of path: String) -> Int? {
        var i = paths.sortedPosition(of: path)
        while i < paths.count && !(path < paths[i]) {
            if paths[i].utf8.elementsEqual(path.utf8) { return i }
            i += 1
        }
        return nil
    }
}
