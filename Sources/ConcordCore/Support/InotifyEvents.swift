#if canImport(Glibc)
import Glibc

/// The events an inotify descriptor holds, read the way both of Concord's watchers read them:
/// `concord serve`'s (`DirectoryWatcher`) and `concord add`'s (`FolderEntryWatch`).
public enum InotifyEvents {
    /// Reads the events the kernel holds now, until none is left (the descriptor is
    /// non-blocking), and hands each one's watch, mask and name ("" for the watched folder
    /// itself, and for a lost queue, `IN_Q_OVERFLOW`) to `body`.
    public static func read(_ fd: Int32, _ body: (_ watch: Int32, _ mask: UInt32, _ name: String) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { return }
            buffer.withUnsafeBytes { raw in
                var offset = 0
                while offset + MemoryLayout<inotify_event>.size <= n {
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    let nameStart = offset + MemoryLayout<inotify_event>.size
                    let name = raw[nameStart..<min(n, nameStart + Int(event.len))].prefix { $0 != 0 }
                    offset = nameStart + Int(event.len)
                    body(event.wd, event.mask, String(decoding: name, as: UTF8.self))
                }
            }
        }
    }
}
#endif
