import Dispatch

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
struct RunIndex: @unchecked Sendable {   // reads only; `file` keeps its bytes mapped
    static let blockEntries = 4096
    private static let headerBytes = BuildCache.magic.count + 4 + 1

    private let file: FastFiles.Mapped
    let slotCount: Int, entryCount: Int
    private let bucketBits: Int
    private let slotsAt: Int, bucketsAt: Int, sumsAt: Int, hashesAt: Int, entrySlotsAt: Int
    /// Blocks already checked (one flag each), for this build's lookups.
    private let checked: Locked<[Bool]>

    /// Opens the index written with this seal; nil when it is missing, of another format, or damaged.
    init?(path: String, seal: UInt64) {
        guard let file = FastFiles.Mapped(path, populate: false) else { return nil }
        let b = file.bytes, h = Self.headerBytes
        guard b.count >= h + 32, Array(b[0..<BuildCache.magic.count]) == BuildCache.magic,
              b.loadUnaligned(fromByteOffset: BuildCache.magic.count, as: UInt32.self) == BuildCache.format.littleEndian,
              b[h - 1] == 1 else { return nil }
        func number(_ at: Int) -> Int { Int(clamping: UInt64(littleEndian: b.loadUnaligned(fromByteOffset: at, as: UInt64.self))) }
        let slots = number(h), entries = number(h + 8), bits = number(h + 16), block = number(h + 24)
        guard slots < 1 << 32, entries < 1 << 32, bits >= 1, bits <= 24, block == Self.blockEntries else { return nil }
        let blocks = (entries + block - 1) / block
        slotsAt = h + 32; bucketsAt = slotsAt + 8 * slots; sumsAt = bucketsAt + 4 * ((1 << bits) + 1)
        let sealAt = sumsAt + 8 * blocks
        hashesAt = sealAt + 8; entrySlotsAt = hashesAt + 8 * entries
        guard b.count == entrySlotsAt + 4 * entries else { return nil }
        file.populate(0..<hashesAt)
        guard UInt64(littleEndian: b.loadUnaligned(fromByteOffset: sealAt, as: UInt64.self)) == seal, Checksum.of(UnsafeRawBufferPointer(rebasing: b[0..<sealAt])) == seal else { return nil }
        self.file = file; slotCount = slots; entryCount = entries; bucketBits = bits
        checked = Locked([Bool](repeating: false, count: blocks))
    }

    /// The path hash of the article in `slot`.
    func pathHash(ofSlot slot: Int) -> UInt64 {
        UInt64(littleEndian: file.bytes.loadUnaligned(fromByteOffset: slotsAt + 8 * slot, as: UInt64.self))
    }

    /// Whether the index holds an article with this path hash.
    func contains(pathHash wanted: UInt64) -> Bool {
        var lo = 0, hi = slotCount
        while lo < hi { let mid = (lo + hi) / 2; if pathHash(ofSlot: mid) < wanted { lo = mid + 1 } else { hi = mid } }
        return lo < slotCount && pathHash(ofSlot: lo) == wanted
    }

    /// For each of `hashes`, the slots of the articles carrying it, once per run (in the
    /// index's order); nil when a block read is damaged.
    func slots(of hashes: [UInt64]) -> [[UInt32]]? {
        let b = file.bytes
        var result: [[UInt32]] = []
        result.reserveCapacity(hashes.count)
        for h in hashes {
            let bucket = Int(h >> UInt64(64 - bucketBits))
            let start = Int(UInt32(littleEndian: b.loadUnaligned(fromByteOffset: bucketsAt + 4 * bucket, as: UInt32.self)))
            let end = Int(UInt32(littleEndian: b.loadUnaligned(fromByteOffset: bucketsAt + 4 * bucket + 4, as: UInt32.self)))
            guard start <= end, end <= entryCount else { return nil }
            var found: [UInt32] = []
            if start < end {
                guard isIntact(blocks: (start / Self.blockEntries)...((end - 1) / Self.blockEntries)) else { return nil }
                for i in start..<end where UInt64(littleEndian: b.loadUnaligned(fromByteOffset: hashesAt + 8 * i, as: UInt64.self)) == h {
                    let slot = UInt32(littleEndian: b.loadUnaligned(fromByteOffset: entrySlotsAt + 4 * i, as: UInt32.self))
                    guard Int(slot) < slotCount else { return nil }
                    found.append(slot)
                }
            }
            result.append(found)
        }
        return result
    }

    private func isIntact(blocks: ClosedRange<Int>) -> Bool {
        checked.withLock { done in
            for k in blocks where !done[k] {
                guard Self.blockSum(file.bytes, k, entries: entryCount, hashesAt: hashesAt, slotsAt: entrySlotsAt)
                        == UInt64(littleEndian: file.bytes.loadUnaligned(fromByteOffset: sumsAt + 8 * k, as: UInt64.self)) else { return false }
                done[k] = true
            }
            return true
        }
    }

    /// The checksum of block `k`: its entries' hashes, then their slots.
    private static func blockSum(_ b: UnsafeRawBufferPointer, _ k: Int, entries: Int, hashesAt: Int, slotsAt: Int) -> UInt64 {
        let lo = k * blockEntries, hi = min(entries, lo + blockEntries)
        var sum = Checksum.Stream()
        sum.add(UnsafeRawBufferPointer(rebasing: b[(hashesAt + 8 * lo)..<(hashesAt + 8 * hi)]))
        sum.add(UnsafeRawBufferPointer(rebasing: b[(slotsAt + 4 * lo)..<(slotsAt + 4 * hi)]))
        return sum.value
    }

    /// Writes the index of these articles' runs (each article's path hash and runs, in an
    /// order that makes the file: a build gives them in id order); returns its seal, or nil
    /// when it cannot be written or would be too large for 32-bit entry numbers.
    static func write(_ articles: [(pathHash: UInt64, runs: ArticleRuns)], to path: String) -> UInt64? {
        let entries = articles.reduce(0) { $0 + $1.runs.count }
        guard entries < 1 << 32, articles.count < 1 << 32 else { return nil }
        // About 32 entries a bucket: a lookup reads one bucket, a block or two.
        var bits = 1
        while bits < 24 && (entries >> bits) > 32 { bits += 1 }
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
            for i in bounds[c]..<bounds[c + 1] {
                articles[i].runs.withBytes { h, _ in
                    for k in 0..<articles[i].runs.count { n[Int(ArticleRuns.hash(h, k) >> shift)] += 1 }
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
        var hashes = [UInt64](repeating: 0, count: entries), slots = [UInt32](repeating: 0, count: entries)
        hashes.withUnsafeMutableBufferPointer { hp in
            slots.withUnsafeMutableBufferPointer { sp in
                nonisolated(unsafe) let hp = hp, sp = sp
                let placed = cursors
                DispatchQueue.concurrentPerform(iterations: chunks) { c in
                    var at = placed[c]
                    for i in bounds[c]..<bounds[c + 1] {
                        let slot = slotOf[i]
                        articles[i].runs.withBytes { h, _ in
                            for k in 0..<articles[i].runs.count {
                                let v = ArticleRuns.hash(h, k), bucket = Int(v >> shift)
                                let e = Int(at[bucket]); at[bucket] += 1
                                hp[e] = v.littleEndian; sp[e] = slot.littleEndian
                            }
                        }
                    }
                }
            }
        }
        let blocks = (entries + blockEntries - 1) / blockEntries
        let sums = hashes.withUnsafeBytes { hb in slots.withUnsafeBytes { sb in
            ParallelMap.map(Array(0..<blocks), chunk: 64) { k -> UInt64 in
                let lo = k * blockEntries, hi = min(entries, lo + blockEntries)
                var sum = Checksum.Stream()
                sum.add(UnsafeRawBufferPointer(rebasing: hb[(8 * lo)..<(8 * hi)]))
                sum.add(UnsafeRawBufferPointer(rebasing: sb[(4 * lo)..<(4 * hi)]))
                return sum.value
            }
        } }
        var head = ByteWriter(capacity: headerBytes + 40 + 8 * articles.count + 4 * (buckets + 1) + 8 * blocks)
        head.plain(BuildCache.magic); head.u32(BuildCache.format); head.u8(1)
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
