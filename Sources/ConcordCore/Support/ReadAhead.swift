import Foundation

/// Files asked of the kernel (`POSIX_FADV_WILLNEED`) ahead of the threads that will read them.
///
/// The rendering threads read each article's file when its page is made: from a cold page
/// cache, two threads waiting on one small read each left the disk mostly idle. Several
/// threads that only open each file and ask for it keep many reads in flight, so the
/// renderers find the bytes read. They use little CPU, and stop when told to or when the
/// `ReadAhead` goes (a failed render); and they
/// start only when a sample of the files shows most are not in memory (a warm page cache
/// made asking for every file cost the renderers 6 % at 10,000 articles).
final class ReadAhead: Sendable {
    /// Fewer pages than this are rendered without: their files are read as soon as asked.
    static let worthPages = 256
    private let stopped: Locked<Bool>
    private let askers: [Background<Void, Never>]
    /// The folder's descriptor, which the askers open files from; closed once they end.
    private let folder: Int32

    /// Starts asking for `paths` (relative to `folder`), in their order, from `threads` threads.
    init(_ paths: [String], in folder: String, threads: Int = 8) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        let count = fd >= 0 && Self.mostlyOnDisk(paths, in: fd) ? min(threads, paths.count) : 0
        let stopped = Locked(false)
        askers = (0..<count).map { t in
            Background {
                for k in stride(from: t, to: paths.count, by: count) where !stopped.withLock({ $0 }) {
                    let file = openat(fd, paths[k], O_RDONLY | O_CLOEXEC)
                    guard file >= 0 else { continue }
                    _ = posix_fadvise(file, 0, 0, POSIX_FADV_WILLNEED)
                    close(file)
                }
            }
        }
        self.stopped = stopped; self.folder = fd
    }

    /// Stops asking and waits for the threads to end (each after its current file).
    func stop() {
        stopped.withLock { $0 = true }
        for asker in askers { asker.value() }
    }

    deinit {
        stop()
        if folder >= 0 { close(folder) }
    }

    /// Whether more than an eighth of up to 64 files spread over `paths` have their first
    /// page out of memory (`mincore`).
    static func mostlyOnDisk(_ paths: [String], in folder: Int32) -> Bool {
        let sample = Set((0..<min(64, paths.count)).map { $0 * paths.count / min(64, paths.count) })
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        var out = 0
        for k in sample {
            let file = openat(folder, paths[k], O_RDONLY | O_CLOEXEC)
            guard file >= 0 else { continue }
            defer { close(file) }
            guard let map = mmap(nil, page, PROT_READ, MAP_SHARED, file, 0), map != MAP_FAILED else { continue }
            var resident: UInt8 = 0
            if mincore(map, page, &resident) == 0 && resident & 1 == 0 { out += 1 }
            munmap(map, page)
        }
        return out * 8 > sample.count
    }
}
