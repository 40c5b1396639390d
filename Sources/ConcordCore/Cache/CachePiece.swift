/// A piece of a cache file as it is written (`BuildCache.writeSealed`): bytes encoded, or the
/// aligned segments where they lie, whose memory is their encoding
/// (`WitnessClusterer.Edge.memoryIsItsEncoding`): they are not copied to be written.
enum CachePiece: Sendable {
    case bytes([UInt8])
    case segments([WitnessClusterer.Edge])

    /// Calls `body` with the piece's bytes, where they lie.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        switch self {
        case .bytes(let bytes): bytes.withUnsafeBytes(body)
        case .segments(let edges): edges.withUnsafeBytes(body)
        }
    }

    /// How many bytes the piece is.
    var count: Int {
        switch self {
        case .bytes(let bytes): bytes.count
        case .segments(let edges): edges.count * MemoryLayout<WitnessClusterer.Edge>.stride
        }
    }
}
