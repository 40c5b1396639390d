#if canImport(Glibc)
import Glibc

/// The entries made, removed or renamed in one folder from the moment it is watched (inotify),
/// by name: what tells `concord add` that the only changes to the source folder while it
/// listed it, imported and built were its own, so that the listing its build took can be
/// kept for the next build with the folder's new stamp (`AddSession.keepListing`).
/// Without it, the next `concord add` lists the folder again: 20–40 ms of CPU at 100,000 articles.
///
/// Made only on file systems whose every change goes through this machine's kernel: a network
/// file system's changes made on another machine are never reported. Nil elsewhere, or when
/// inotify cannot be had (the user's limit of watches reached).
final class FolderEntryWatch: @unchecked Sendable {
    let folder: String
    /// The inotify instance.
    private let fd: Int32
    var descriptor: Int32 { fd }
    private var names = Set<String>(), lost = false

    /// The file systems where inotify hears every change (as `/proc/self/mountinfo` names them).
    static let localFileSystems: Set<String> = ["ext2", "ext3", "ext4", "xfs", "btrfs", "tmpfs", "f2fs", "zfs", "overlay"]

    private static let mask = UInt32(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

    init?(folder: String) {
        guard let type = Self.fileSystemType(of: folder), Self.localFileSystems.contains(type) else { return nil }
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        guard inotify_add_watch(fd, folder, Self.mask) >= 0 else { close(fd); return nil }
        self.fd = fd; self.folder = folder
    }

    deinit { close(fd) }

    /// The type of the file system `path` lies on: that of the mount whose point is the longest
    /// start of its real path (`/proc/self/mountinfo`; of mounts on one point, the last); nil if unknown.
    static func fileSystemType(of path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        let resolved = String(cString: real)
        free(real)
        guard let table = FastFiles.read("/proc/self/mountinfo") else { return nil }
        var best: (length: Int, type: String)? = nil
        for line in String(decoding: table, as: UTF8.self).split(separator: "\n") {
            // "36 35 98:0 /root /mount/point options… - type source options"
            let halves = line.split(separator: " - ", maxSplits: 1)
            let fields = halves.first?.split(separator: " ") ?? []
            guard halves.count == 2, fields.count >= 5, let type = halves[1].split(separator: " ").first else { continue }
            let point = unescaped(fields[4])
            guard resolved == point || point == "/" || resolved.hasPrefix(point + "/"), point.utf8.count >= best?.length ?? 0 else { continue }
            best = (point.utf8.count, String(type))
        }
        return best?.type
    }

    /// A mount point as `mountinfo` writes it: space, tab, newline and backslash as `\ooo`.
    private static func unescaped(_ field: Substring) -> String {
        let input = Array(field.utf8)
        var bytes: [UInt8] = [], i = 0
        while i < input.count {
            if input[i] == UInt8(ascii: "\\"), i + 3 < input.count,
               let code = UInt8(String(decoding: input[(i + 1)...(i + 3)], as: UTF8.self), radix: 8) {
                bytes.append(code); i += 4
            } else {
                bytes.append(input[i]); i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The names of the entries made, removed or renamed (either way) in the folder since it was
    /// watched; nil when that cannot be told: the kernel's queue overflowed, or the folder itself
    /// was moved, removed or unmounted. Reads what the kernel holds now: a change made before
    /// the call is in its answer.
    func changedNames() -> Set<String>? {
        InotifyEvents.read(fd) { _, mask, name in
            if mask & UInt32(IN_Q_OVERFLOW | IN_IGNORED | IN_UNMOUNT | IN_DELETE_SELF | IN_MOVE_SELF) != 0 || name.isEmpty {
                lost = true
            } else {
                names.insert(name)
            }
        }
        return lost ? nil : names
    }
}
#endif
