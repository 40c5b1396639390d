import Foundation
import Testing
@testable import ConcordCore

/// Large files summed, compared and copied a piece at a time give what reading them whole gives.
/// Pieces of 7 bytes stand for pieces of a megabyte, so that every file here spans several.
@Suite("Streamed files")
struct StreamedFileTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("concord-streamed-\(UUID().uuidString)")

    init() throws { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }

    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func bytes(_ count: Int, seed: Int = 0) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ seed) } }

    /// The checksum of the pieces is the checksum of the whole, at sizes around the checksum's
    /// 32-byte steps and the pieces' edges; a missing file is unreadable.
    @Test func checksumOfPiecesIsTheWholeOnes() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        for size in [0, 1, 6, 7, 8, 31, 32, 33, 63, 64, 65, 700, 4099] {
            let contents = bytes(size)
            let path = try file("f\(size)", contents)
            #expect(StreamedFile.checksum(of: path, piece: 7) == .success(Checksum.of(contents)), "\(size) bytes")
            #expect(StreamedFile.checksum(of: path) == .success(Checksum.of(contents)), "\(size) bytes, in one piece")
        }
        #expect(StreamedFile.checksum(of: folder.appendingPathComponent("missing").path) == .failure(.unreadable(errno: ENOENT)))
    }

    /// Files the same, differing in one byte (first, inside a piece, last), one longer or
    /// shorter, empty and missing compare as their bytes do.
    @Test func sameBytesComparesAsTheirBytesDo() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let contents = bytes(100)
        let a = try file("a", contents)
        #expect(StreamedFile.sameBytes(a, try file("same", contents), piece: 7))
        for k in [0, 50, 99] {
            var other = contents; other[k] ^= 1
            #expect(!StreamedFile.sameBytes(a, try file("d\(k)", other), piece: 7), "byte \(k)")
        }
        #expect(!StreamedFile.sameBytes(a, try file("longer", contents + [0]), piece: 7))
        #expect(!StreamedFile.sameBytes(a, try file("shorter", Array(contents.dropLast())), piece: 7))
        #expect(StreamedFile.sameBytes(try file("e1", []), try file("e2", []), piece: 7))
        #expect(!StreamedFile.sameBytes(a, folder.appendingPathComponent("missing").path, piece: 7))
        #expect(!StreamedFile.sameBytes(folder.appendingPathComponent("missing").path, a, piece: 7))
    }

    /// A copy holds the source's bytes and gives their checksum: into a new file, over a longer
    /// one (cut to length), over a hard link (the other name keeps its bytes) and over a symbolic
    /// link (replaced; what it led to is untouched). A missing source leaves the destination as it was.
    @Test func copyPutsTheSourcesBytesThere() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let contents = bytes(100, seed: 3)
        let source = try file("source", contents)
        func copied(_ name: String) -> Data? { FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) }

        #expect(StreamedFile.copy(source, to: folder.appendingPathComponent("new").path, piece: 7) == .success(Checksum.of(contents)))
        #expect(copied("new") == Data(contents))

        _ = try file("longer", bytes(500, seed: 9))
        _ = StreamedFile.copy(source, to: folder.appendingPathComponent("longer").path, piece: 7)
        #expect(copied("longer") == Data(contents))

        let kept = bytes(40, seed: 5)
        _ = try file("linked", kept)
        try FileManager.default.linkItem(atPath: folder.appendingPathComponent("linked").path, toPath: folder.appendingPathComponent("other-name").path)
        _ = StreamedFile.copy(source, to: folder.appendingPathComponent("other-name").path, piece: 7)
        #expect(copied("other-name") == Data(contents) && copied("linked") == Data(kept))

        _ = try file("outside", kept)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("symlink").path, withDestinationPath: folder.appendingPathComponent("outside").path)
        _ = StreamedFile.copy(source, to: folder.appendingPathComponent("symlink").path, piece: 7)
        #expect(copied("symlink") == Data(contents) && copied("outside") == Data(kept))
        let type = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("symlink").path)[.type] as? FileAttributeType
        #expect(type == .typeRegular)

        #expect(StreamedFile.copy(folder.appendingPathComponent("missing").path, to: folder.appendingPathComponent("new").path) == .failure(.unreadable(errno: ENOENT)))
        #expect(copied("new") == Data(contents))
        #expect(StreamedFile.copy(source, to: folder.appendingPathComponent("no/such/folder").path) == .failure(.unwritable(errno: ENOENT)))
    }
    /// The staging writer's copy: made where the staging folder lacks the bytes (folders made as
    /// needed), skipped where it is known or found to hold them, and never left in part: a
    /// source that cannot be read leaves no file at the path, and is no failure to write.
    @Test func stagingWriterCopiesLargeFilesWhole() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let contents = bytes(3000, seed: 1)
        let source = try file("source", contents), sum = Checksum.of(contents)
        let staging = folder.appendingPathComponent("staging")
        let writer = StagingWriter(root: staging)
        let copy = staging.appendingPathComponent("files/a/big.bin").path
        #expect(writer.copy(large: source, to: "files/a/big.bin", held: .some(nil)) == .success(sum))
        #expect(FileManager.default.contents(atPath: copy) == Data(contents) && writer.fileCount == 1)
        #expect(writer.copy(large: source, to: "files/a/big.bin", held: .some(sum)) == .success(sum))
        #expect(writer.copy(large: source, to: "files/a/big.bin", held: nil) == .success(sum))
        #expect(writer.fileCount == 1, "the same bytes, known or found there, are not copied again")
        #expect(writer.copy(large: folder.appendingPathComponent("gone").path, to: "files/a/big.bin", held: .some(sum))
                == .failure(.unreadable(errno: ENOENT)))
        #expect(!FileManager.default.fileExists(atPath: copy))
        #expect(throws: Never.self) { try writer.finish() }
    }
}
