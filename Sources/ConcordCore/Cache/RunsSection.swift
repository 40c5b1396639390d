import Synchronization

/// The word runs of one cache shard's records: the shard's last part, checked
/// against its own checksum only when a build first reads it.
///
/// An incremental build reads every record but the runs of only a few (the changed
/// articles' previous versions, their partners'): runs are 81 % of a shard's bytes,
/// so a build that checked and faulted them all in read 558 MB at 100,000 articles
/// to use a few hundred kilobytes.
final class RunsSection: Sendable {
    let file: FastFiles.Mapped
    let range: Range<Int>
    private let checksum: UInt64
    private let verdict = Mutex<Bool?>(nil)

    init(file: FastFiles.Mapped, range: Range<Int>, checksum: UInt64) {
        self.file = file; self.range = range; self.checksum = checksum
    }

    /// Whether the section holds the bytes its shard was written with (summed once, on first ask).
    var isIntact: Bool {
        verdict.withLock { verdict in
            if let verdict { return verdict }
            let ok = Checksum.of(UnsafeRawBufferPointer(rebasing: file.bytes[range])) == checksum
            verdict = ok
            return ok
        }
    }
}
