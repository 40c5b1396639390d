import Foundation

/// A piece of a cache file as it is written (`BuildCache.writeSealed`): bytes encoded, or an
/// array of values whose memory is their encoding (`CacheValue`), written where it lies rather
/// than copied first.
enum CachePiece: Sendable, ContiguousBytes {
    case bytes([UInt8])
    case values(any CacheValues)

    /// Calls `body` with the piece's bytes, where they lie.
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        switch self {
        case .bytes(let bytes): try bytes.withUnsafeBytes(body)
        case .values(let values): try values.withUnsafeBytes(body)
        }
    }
}

extension ByteWriter {
    /// Appends the pieces' bytes, in order (the bytes a file written from them holds).
    mutating func append(_ pieces: [CachePiece]) {
        for piece in pieces { piece.withUnsafeBytes { plain($0) } }
    }
}
