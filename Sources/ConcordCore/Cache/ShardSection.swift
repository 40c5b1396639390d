import Synchronization

/// A part of one cache shard that a build seldom reads: its records' word runs, or their full
/// names. Checked against its own checksum only when a build first reads it, not with the
/// shard's records at every build.
///
/// An incremental build reads every record but the runs of only a few (the changed
/// articles' previous versions, their partners'): runs are 81 % of a shard's bytes,
/// so a build that checked and faulted them all in read 558 MB at 100,000 articles
/// to use a few hundred kilobytes. Full names are read only when a quote names a speaker
/// by one word that no article of its own spells out: kept among the records, they were
/// 59 % of the records' bytes in a generated archive, mapped and summed at every build.
final class ShardSection: Sendable {
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
