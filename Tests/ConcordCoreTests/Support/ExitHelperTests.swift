import CExitHelper
import Foundation
import Testing

/// `concord_hold_memory_past_exit`: the helper that lets `concord build` and `concord add`
/// exit without waiting for the kernel to free their memory.
@Suite("Exit helper")
struct ExitHelperTests {
    /// The helper is another process sharing this one's memory (a region mapped after it
    /// started is in its map too), keeps only its end of the pipe open (so a reader of this
    /// process's output is not held up by it), and exits, with status 0, once the pipe's
    /// other end closes, as it does when this process exits.
    @Test func theHelperSharesTheMemoryHoldsNoFileAndExitsWhenReleased() throws {
        var release: Int32 = -1
        let pid = concord_hold_memory_past_exit(&release, nil, 0)
        try #require(pid > 0 && release >= 0)
        #expect(pid != getpid())
        // A region mapped now, in this process, is in the helper's map: the memory is one.
        let size = 3 * Int(getpagesize())
        let region = try #require(mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0))
        defer { munmap(region, size) }
        // (It may be merged with a neighbouring region: looked for inside each range listed.)
        let address = UInt(bitPattern: region)
        // (Read to its end: `String(contentsOfFile:)` read only part of it, a file in /proc having no size.)
        let handle = try #require(FileHandle(forReadingAtPath: "/proc/\(pid)/maps"))
        let maps = String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
        try handle.close()
        let ranges = maps.split(separator: "\n").compactMap { line -> ClosedRange<UInt>? in
            let bounds = line.prefix { $0 != " " }.split(separator: "-").compactMap { UInt($0, radix: 16) }
            return bounds.count == 2 ? bounds[0]...(bounds[1] - 1) : nil
        }
        #expect(ranges.contains { $0.contains(address) }, "\(String(address, radix: 16)) not in the helper's map")
        // Its own files: only the pipe's reading end, once it has closed the rest.
        let open = openFiles(of: pid, once: 1)
        #expect(open.count == 1, "\(open)")
        // Still there until released; then it exits, with status 0.
        var status: Int32 = 0
        #expect(waitpid(pid, &status, WNOHANG) == 0)
        close(release)
        #expect(waitpid(pid, &status, 0) == pid)
        #expect(status == 0)
    }

    /// Files it is asked to keep stay open in the helper, others are closed: its copy of an
    /// inotify instance outlives this process's close, so that close only lets go of a reference.
    @Test func theHelperKeepsTheFilesItIsGiven() throws {
        let watch = inotify_init1(Int32(IN_CLOEXEC)), other = open("/dev/null", O_RDONLY)
        try #require(watch >= 0 && other >= 0)
        defer { close(other) }
        var release: Int32 = -1
        let kept = [watch, watch, -1]
        let pid = kept.withUnsafeBufferPointer { concord_hold_memory_past_exit(&release, $0.baseAddress, Int32($0.count)) }
        try #require(pid > 0 && release >= 0)
        close(watch)
        // Its files: the pipe's reading end and the inotify instance, once it has closed the rest.
        let open = openFiles(of: pid, once: 2)
        #expect(open.count == 2, "\(open)")
        let targets = open.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\($0)") }
        #expect(targets.contains("anon_inode:inotify"), "\(targets)")
        #expect(!targets.contains("/dev/null"))
        var status: Int32 = 0
        close(release)
        #expect(waitpid(pid, &status, 0) == pid)
        #expect(status == 0)
        // Too many to keep: no helper.
        let many = [Int32](repeating: other, count: 17)
        #expect(many.withUnsafeBufferPointer { concord_hold_memory_past_exit(nil, $0.baseAddress, Int32($0.count)) } == -1)
    }

    /// The open files of process `pid` (their numbers), once they are `count` (the helper closes
    /// those it does not keep as it starts), or as they are after a second.
    func openFiles(of pid: Int32, once count: Int) -> [String] {
        var open: [String] = []
        for _ in 0..<200 {
            open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []
            if open.count == count { break }
            usleep(5_000)
        }
        return open
    }
}
