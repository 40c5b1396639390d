/// A piece of a cache file as it is written (`BuildCache.writeSealed`): bytes encoded, or an
/// array whose memory is its encoding (little-endian numbers, as every cache file's arrays
/// are), written where it lies rather than copied first: the aligned segments
/// (`WitnessClusterer.Edge.memoryIsItsEncoding`), a file table's hashes and entries
/// (`FileTable.pieces`), where the pieces of spliced files lie (`Fragments.pieces`).
enum CachePiece: Sendable {
    case bytes([UInt8])
    case segments([WitnessClusterer.Edge])
    case words([UInt64])
    case fileEntries([BuildState.FileEntry])
    case fragments([Fragments.Item])

    /// Calls `body` with the piece's bytes, where they lie.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        switch self {
        case .bytes(let bytes): bytes.withUnsafeBytes(body)
        case .segments(let edges): edges.withUnsafeBytes(body)
        case .words(let words): words.withUnsafeBytes(body)
        case .fileEntries(let entries): entries.withUnsafeBytes(body)
        case .fragments(let items): items.withUnsafeBytes(body)
        }
    }

    /// How many bytes the piece is.
    var count: Int {
        switch self {
        case .bytes(let bytes): bytes.count
        case .segments(let edges): edges.count * MemoryLayout<WitnessClusterer.Edge>.stride
        case .words(let words): words.count * 8
        case .fileEntries(let entries): entries.count * MemoryLayout<BuildState.FileEntry>.stride
        case .fragments(let items): items.count * MemoryLayout<Fragments.Item>.stride
        }
    }
}
