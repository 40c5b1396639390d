import Dispatch
import Foundation

/// The build cache's index of word runs: for a run's hash, which articles carry it
/// (once per run), without reading every article's runs.
///
/// An incremental build needs, for the few hundred hashes a change touches, how many
/// articles carry each and which: before this index it scanned all 38.5 million runs of
/// 100,000 articles (the runs being 81 % of the cache's bytes) to find them. The file is
/// written whole by a full build and now and then after (`RunIndexState` says what changed
/// since); lookups read a few of its pages.
///
/// Layout: the cache header; the number of articles, of entries, the bucket bits and the
/// entries per block; the articles' path hashes, sorted (an entry names its article by its
/// place there, its slot); each bucket's first entry (a bucket holds the hashes whose top
/// `bucketBits` bits are its number), one more for the end; each block's checksum; the
/// checksum of all that (the head, checked on opening: `seal`); then the entries' hashes
/// and their slots. Blocks of entries are checked when a lookup first reads them.
final class RunIndex: @unchecked Sendable {   // `blocks` is reached only under its lock
    static let blockEntries = 256

    /// The file, read with `pread`: mapped, a few hundred lookups spread over it mapped
    /// whole large pages of the page cache, 350 MB at 100,000 articles.
    private let fd: Int32
    /// The head, read and checked on opening.
    private let head: [UInt8]
    let slotCount: Int, entryCount: Int
    private let bucketBits: Int
    private let slotsAt: Int, bucketsAt: Int, sumsAt: Int, hashesAt: Int, entrySlotsAt: Int
    /// Blocks of entries read and checked so far (hashes, slots), by number; nil: damaged.
    private let blocks = Locked<[Int: (hashes: [UInt64], slots: [UInt32])?]>([:])

    /// Opens the index written with this seal; nil when it is missing, of another format, or damaged.
    init?(path: String, seal: UInt64) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var st = stat()
        let h = BuildCache.header.count
        func numbers(_ bytes: [UInt8], _ at: Int, _ k: Int) -> Int {
            bytes.withUnsafeBytes { Int(clamping: UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: at + 8 * k, as: UInt64.self))) }
        }
        guard fstat(fd, &st) == 0, let first = FastFiles.read(UInt8.self, fd, at: 0, count: h + 32),
              (try? first.withUnsafeBytes { try BuildCache.checkHeader($0, what: path) }) != nil
        else { close(fd); return nil }
        let slots = numbers(first, h, 0), entries = numbers(first, h, 1), bits = numbers(first, h, 2), block = numbers(first, h, 3)
        guard slots < 1 << 32, entries < 1 << 32, bits >= 1, bits <= 24, block == Self.blockEntries else { close(fd); return nil }
        let blockCount = (entries + block - 1) / block
        slotsAt = h + 32; bucketsAt = slotsAt + 8 * slots; sumsAt = bucketsAt + 4 * ((1 << bits) + 1)
        let sealAt = sumsAt + 8 * blockCount
        hashesAt = sealAt + 8; entrySlotsAt = hashesAt + 8 * entries
        guard Int(st.st_size) == entrySlotsAt + 4 * entries, let head = FastFiles.read(UInt8.self, fd, at: 0, count: hashesAt),
              head.withUnsafeBytes({ UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: sealAt, as: UInt64.self)) }) == seal,
              head.withUnsafeBytes({ Checksum.of(UnsafeRawBufferPointer(rebasing: $0[0..<sealAt])) }) == seal else { close(fd); return nil }
        self.fd = fd; self.head = head; slotCount = slots; entryCount = entries; bucketBits = bits
    }

    deinit { close(fd) }

    private func u64(_ at: Int) -> UInt64 { head.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt64.self)) } }
    private func u32(_ at: Int) -> UInt32 { head.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt32.self)) } }

    /// The path hash of the article in `slot`.
    func pathHash(ofSlot slot: Int) -> UInt64 { u64(slotsAt + 8 * slot) }

    /// Whether the index holds an article with this path hash.
    func contains(pathHash wanted: UInt64) -> Bool {
        var lo = 0, hi = slotCount
        while lo < hi { let mid = (lo + hi) / 2; if pathHash(ofSlot: mid) < wanted { lo = mid + 1 } else { hi = mid } }
        return lo < slotCount && pathHash(ofSlot: lo) == wanted
    }

    /// For each of `hashes`, the slots of the articles carrying it, once per run (in the
    /// index's order); nil when a block read is damaged.
    func slots(of hashes: [UInt64]) -> [[UInt32]]? {
        prefetch(hashes)
        var result: [[UInt32]] = []
        result.reserveCapacity(hashes.count)
        for h in hashes {
            guard let bucket = entries(ofBucketOf: h) else { return nil }
            var found: [UInt32] = []
            var i = bucket.lowerBound
            let end = bucket.upperBound
            while i < end {
                let k = i / Self.blockEntries
                guard let entries = block(k) else { return nil }
                let lo = k * Self.blockEntries
                while i < end && i < lo + entries.hashes.count {
                    if entries.hashes[i - lo] == h {
                        let slot = entries.slots[i - lo]
                        guard Int(slot) < slotCount else { return nil }
                        found.append(slot)
                    }
                    i += 1
                }
            }
            result.append(found)
        }
        return result
    }

    /// The entries of the bucket `h` falls in (entry numbers); nil when the head says otherwise than a range of entries.
    private func entries(ofBucketOf h: UInt64) -> Range<Int>? {
        let bucket = Int(h >> UInt64(64 - bucketBits))
        let start = Int(u32(bucketsAt + 4 * bucket)), end = Int(u32(bucketsAt + 4 * bucket + 4))
        return start <= end && end <= entryCount ? start..<end : nil
    }

    /// Asks for the blocks that looking up `hashes` will read, and that are not read yet, in one
    /// go (`POSIX_FADV_WILLNEED`, a run of neighbouring blocks at a time): from a cold page
    /// cache the lookups otherwise waited for each block's read in turn.
    private func prefetch(_ hashes: [UInt64]) {
        var wanted: [Int] = []
        for h in hashes {
            guard let bucket = entries(ofBucketOf: h), !bucket.isEmpty else { continue }
            for k in (bucket.lowerBound / Self.blockEntries)...((bucket.upperBound - 1) / Self.blockEntries)
            where wanted.last.map({ $0 < k }) ?? true { wanted.append(k) }
        }
        wanted.sort()
        let known = blocks.withLock { known in wanted.map { known[$0] != nil } }
        func ask(_ first: Int, _ last: Int) {
            let lo = first * Self.blockEntries, n = min(entryCount, (last + 1) * Self.blockEntries) - lo
            _ = posix_fadvise(fd, off_t(hashesAt + 8 * lo), off_t(8 * n), POSIX_FADV_WILLNEED)
            _ = posix_fadvise(fd, off_t(entrySlotsAt + 4 * lo), off_t(4 * n), POSIX_FADV_WILLNEED)
        }
        var run: (first: Int, last: Int)? = nil
        for (k, isKnown) in zip(wanted, known) where !isKnown && k != run?.last {
            if let r = run, k == r.last + 1 { run = (r.first, k); continue }
            if let r = run { ask(r.first, r.last) }
            run = (k, k)
        }
        if let r = run { ask(r.first, r.last) }
    }

    /// Block `k` of entries, read and checked against its checksum once; nil when damaged.
    private func block(_ k: Int) -> (hashes: [UInt64], slots: [UInt32])? {
        if let known = blocks.withLock({ $0[k] }) { return known }
        let lo = k * Self.blockEntries, n = min(entryCount, lo + Self.blockEntries) - lo
        var read: (hashes: [UInt64], slots: [UInt32])? = nil
        if let h = FastFiles.read(UInt64.self, fd, at: hashesAt + 8 * lo, count: n), let s = FastFiles.read(UInt32.self, fd, at: entrySlotsAt + 4 * lo, count: n) {
            var sum = Checksum.Stream()
            h.withUnsafeBytes { sum.add($0) }; s.withUnsafeBytes { sum.add($0) }
            if sum.value == u64(sumsAt + 8 * k) { read = (h, s) }
        }
        blocks.withLock { $0[k] = .some(read) }
        return read
    }

    /// Writes the index of these articles' runs (each article's path hash and runs, in an
    /// order that makes the file: a build gives them in id order); returns its seal, or nil
    /// when it cannot be written or would be too large for 32-bit entry numbers.
    static func write(_ articles: [(pathHash: UInt64, runs: ArticleRuns)], to path: String) -> UInt64? {
        let entries = articles.reduce(0) { $0 + $1.runs.count }
        guard entries < 1 << 32, articles.count < 1 << 32 else { return nil }
        // About 64 entries a bucket: a lookup reads one bucket, in a block or two (256 entries, 3 KB each).
        var bits = 1
        while bits < 24 && (entries >> bits) > 64 { bits += 1 }
        let shift = UInt64(64 - bits), buckets = 1 << bits
        let order = articles.indices.sorted { articles[$0].pathHash < articles[$1].pathHash }
        var slotTable = [UInt32](repeating: 0, count: articles.count)
        for (slot, i) in order.enumerated() { slotTable[i] = UInt32(slot) }
        let slotOf = slotTable

        // Entries go to their buckets in article order, by chunks of articles on every core:
        // counted per chunk, then placed (each chunk after the chunks before it in every bucket).
        let chunks = max(1, min(8, articles.count / 1024))
        let bounds = (0...chunks).map { $0 * articles.count / chunks }
        let counts = ParallelMap.map(Array(0..<chunks), chunk: 1) { c -> [UInt32] in
            var n = [UInt32](repeating: 0, count: buckets)
            n.withUnsafeMutableBufferPointer { n in
                for i in bounds[c]..<bounds[c + 1] {
                    let runs = articles[i].runs
                    runs.withBytes { h, _ in
                        for k in 0..<runs.count { n[Int(ArticleRuns.hash(h, k) >> shift)] &+= 1 }
                    }
                }
            }
            return n
        }
        var starts = [UInt32](repeating: 0, count: buckets + 1)
        var cursors = [[UInt32]](repeating: [], count: chunks)
        var total: UInt32 = 0
        for c in 0..<chunks { cursors[c].reserveCapacity(buckets) }
        for bucket in 0..<buckets {
            starts[bucket] = total
            for c in 0..<chunks { cursors[c].append(total); total += counts[c][bucket] }
        }
        starts[buckets] = total
        // Every entry is placed once (the arrays are not filled with zeros first).
        var slots: [UInt32] = []
        let hashes = [UInt64](unsafeUninitializedCapacity: entries) { hp, hashesMade in
            slots = [UInt32](unsafeUninitializedCapacity: entries) { sp, slotsMade in
                nonisolated(unsafe) let hp = hp, sp = sp
                let placed = cursors
                DispatchQueue.concurrentPerform(iterations: chunks) { c in
                    var at = placed[c]
                    at.withUnsafeMutableBufferPointer { at in
                        for i in bounds[c]..<bounds[c + 1] {
                            let slot = slotOf[i].littleEndian, runs = articles[i].runs
                            runs.withBytes { h, _ in
                                for k in 0..<runs.count {
                                    let v = ArticleRuns.hash(h, k), bucket = Int(v >> shift)
                                    let e = Int(at[bucket]); at[bucket] = UInt32(e + 1)
                                    (hp.baseAddress! + e).initialize(to: v.littleEndian)
                                    (sp.baseAddress! + e).initialize(to: slot)
                                }
                            }
                        }
                    }
                }
                slotsMade = entries
            }
            hashesMade = entries
        }
        let blocks = (entries + blockEntries - 1) / blockEntries
        let sums = hashes.withUnsafeBytes { hb in slots.withUnsafeBytes { sb in
            ParallelMap.map(count: blocks, chunk: 64) { k -> UInt64 in
                let lo = k * blockEntries, hi = min(entries, lo + blockEntries)
                var sum = Checksum.Stream()
                sum.add(UnsafeRawBufferPointer(rebasing: hb[(8 * lo)..<(8 * hi)]))
                sum.add(UnsafeRawBufferPointer(rebasing: sb[(4 * lo)..<(4 * hi)]))
                return sum.value
            }
        } }
        var head = ByteWriter(capacity: BuildCache.header.count + 40 + 8 * articles.count + 4 * (buckets + 1) + 8 * blocks)
        head.plain(BuildCache.header)
        head.int(articles.count); head.int(entries); head.int(bits); head.int(blockEntries)
        for i in order { head.u64(articles[i].pathHash) }
        for s in starts { head.u32(s) }
        for s in sums { head.u64(s) }
        let seal = Checksum.of(head.bytes)
        head.u64(seal)
        let written = head.bytes.withUnsafeBytes { a in hashes.withUnsafeBytes { b in slots.withUnsafeBytes { c in
            FastFiles.write(pieces: [a, b, c], to: path)
        } } }
        return written == 0 ? seal : nil
    }
}
