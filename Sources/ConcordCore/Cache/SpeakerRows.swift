import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where each entry of a speaker page lies in the page a build wrote, with the cluster
/// it was made from (`SpeakerQuotes`): the next build copies the entries of clusters
/// whose quotes are unchanged, and renders only the rest.
///
/// Kept in the build cache, one file per speaker page (`rows-<path hash>.bin`), written
/// with the page: at 100,000 articles of ten quotes each, every speaker page's table in
/// `state.bin` would be a million rows read and written at every build, where an add
/// touches a dozen pages. Each file names the checksum of the page it describes, and is
/// used only while the output's page still has it: a file written by a build that did not
/// finish, or left over from another page, is never used.
struct SpeakerRows: Sendable, Equatable {
    struct Row: Sendable, Equatable {
        /// The cluster's key (`SpeakerQuotes.clusterKey`), and the entry's first quote, by its place in the cluster.
        var cluster: UInt64
        var lead: Int
        /// The entry's bytes in the page.
        var start: Int, count: Int
    }

    /// The checksum of the page the rows lie in.
    var pageChecksum: UInt64
    var rows: [Row]

    /// The key of an entry's bytes: its cluster's key and its first quote.
    static func key(cluster: UInt64, lead: Int) -> UInt64 {
        var key = PageKey(seed: cluster)
        key.add(UInt64(lead))
        return key.value
    }

    /// The rows as pieces of the page, for `FragmentMatcher`.
    var fragments: Fragments {
        Fragments(items: rows.map { .init(key: Self.key(cluster: $0.cluster, lead: $0.lead), start: $0.start, count: $0.count) })
    }

    /// The file of the page whose path has `pathHash`.
    static func fileName(pathHash: UInt64) -> String {
        let hex = String(pathHash, radix: 16)
        return prefix + String(repeating: "0", count: 16 - hex.count) + hex + ".bin"
    }

    static let prefix = "rows-"

    /// The path hash a file name of this kind carries; nil for any other name.
    static func pathHash(ofFileName name: String) -> UInt64? {
        guard name.hasPrefix(prefix), name.hasSuffix(".bin"), name.utf8.count == prefix.utf8.count + 16 + 4 else { return nil }
        return UInt64(name.dropFirst(prefix.utf8.count).dropLast(4), radix: 16)
    }

    /// Writes the table into the cache folder (made if missing); false when it cannot.
    func write(to folder: URL, pathHash: UInt64) -> Bool {
        var w = BuildCache.headed(capacity: 64 + 32 * rows.count)
        w.u64(pageChecksum)
        w.int(rows.count)
        for r in rows { w.u64(r.cluster); w.int(r.lead); w.int(r.start); w.int(r.count) }
        mkdir(folder.path, 0o755)
        return BuildCache.writeSealed([w.bytes], to: folder.path + "/" + Self.fileName(pathHash: pathHash)) != nil
    }

    /// The table of the page whose path has `pathHash`, if its file is there, whole and of this
    /// version; nil otherwise (the page's entries are then all rendered).
    static func read(from folder: URL, pathHash: UInt64) -> SpeakerRows? {
        guard let file = FastFiles.Mapped(folder.path + "/" + fileName(pathHash: pathHash)),
              var r = try? BuildCache.open(file, what: "a speaker page's rows") else { return nil }
        do throws(ByteReader.Malformed) {
            let checksum = try r.u64()
            let n = try r.count(max: Int(Int32.max))
            var rows: [Row] = []
            rows.reserveCapacity(n)
            for _ in 0..<n { rows.append(Row(cluster: try r.u64(), lead: try r.int(), start: try r.int(), count: try r.int())) }
            guard r.atEnd else { return nil }
            return SpeakerRows(pageChecksum: checksum, rows: rows)
        } catch {
            return nil
        }
    }
}
