/// The files a build puts in the staging folder: each one recorded (key and checksum by path
/// hash: what the cache keeps, and what pruning keeps of the folder) and written unless the
/// folder holds those bytes already.
final class StagedSite: Sendable {
    let writer: StagingWriter
    let files: FileTable.Recorder
    /// What the staging folder holds, when known (nil: each file there is read to compare).
    let held: FileTable?

    /// - Parameter capacity: how many files the site has, so that its tables are sized once.
    init(writer: StagingWriter, held: FileTable?, capacity: Int) {
        self.writer = writer; self.held = held
        files = FileTable.Recorder(capacity: capacity)
    }

    func put(_ path: String, key: UInt64, _ bytes: [UInt8]) { put(path, key: key, SplicedBytes(bytes)) }

    /// Records a file and writes it unless the staging folder already holds these bytes: known
    /// from `held`, else found by reading the file there.
    /// - Parameter checksum: the bytes' checksum, when already taken.
    func put(_ path: String, key: UInt64, _ bytes: SplicedBytes, checksum: UInt64? = nil) {
        let sum = checksum ?? bytes.checksum, hash = PathHash.of(path)
        files.record(hash, .init(key: key, checksum: sum))
        if let held {
            if held[hash]?.checksum != sum { writer.write(path, bytes) }
        } else {
            writer.writeIfChanged(path, bytes)
        }
    }
}
