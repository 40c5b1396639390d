/// What one build leaves for the next: the build cache's contents in memory.
struct BuildState: Sendable {
    /// Settings the annotation depends on (passage options, cache format); any change means a full build.
    var settings: UInt64
    /// The output generation these records describe (`OutputFolder.generationFile`).
    var generation: UInt64
    /// The generation kept as `.<out>.previous`, and the checksum of each of its files.
    var previousGeneration: UInt64
    var previousFiles: [String: UInt64]
    /// Every article built, by path.
    var records: [String: ArticleRecord]
    var boilerplate: Set<UInt64>
    /// Aligned segments by article id.
    var edges: [Edge]
    /// Each file of the output: the key of what it was made from, and the checksum of its bytes.
    var files: [String: FileEntry]
    /// What else the site was made from (templates and assets, site title), and
    /// the stamp of every source file: when all are the same, nothing changed.
    var inputs: UInt64 = 0
    var sources: [String: FileStamp] = [:]
    /// The last build's summary counts, for a build that finds nothing changed.
    var counts: [Int] = []
    /// Where each row of the output's `index.html` lies, for reuse.
    var indexRows = IndexRows()

    struct Edge: Sendable {
        var a: String, aTokens: ClosedRange<Int>, aBytes: Range<Int>
        var b: String, bTokens: ClosedRange<Int>, bBytes: Range<Int>
    }

    struct FileEntry: Sendable, Equatable {
        var key: UInt64
        var checksum: UInt64
    }

    func encodeMain(into w: inout ByteWriter) {
        w.u64(settings); w.u64(generation); w.u64(previousGeneration)
        w.u64s(boilerplate.sorted())
        w.int(edges.count)
        for e in edges {
            w.string(e.a); w.int(e.aTokens.lowerBound); w.int(e.aTokens.upperBound); w.range(e.aBytes)
            w.string(e.b); w.int(e.bTokens.lowerBound); w.int(e.bTokens.upperBound); w.range(e.bBytes)
        }
        w.int(files.count)
        for (path, f) in files.sorted(by: { $0.key < $1.key }) { w.string(path); w.u64(f.key); w.u64(f.checksum) }
        w.int(previousFiles.count)
        for (path, c) in previousFiles.sorted(by: { $0.key < $1.key }) { w.string(path); w.u64(c) }
        w.u64(inputs)
        w.int(sources.count)
        for (path, st) in sources.sorted(by: { $0.key < $1.key }) {
            w.string(path); w.int(st.size); w.int(st.modified); w.int(st.changed); w.u64(st.inode)
        }
        w.int(counts.count); for c in counts { w.int(c) }
        w.int(indexRows.rows.count)
        for r in indexRows.rows { w.u64(r.key); w.int(r.start); w.int(r.count) }
    }

    static func decodeMain(from r: inout ByteReader) throws(ByteReader.Malformed) -> BuildState {
        let settings = try r.u64(), generation = try r.u64(), previousGeneration = try r.u64()
        let boilerplate = Set(try r.u64s())
        var edges: [Edge] = []
        let n = try r.count()
        edges.reserveCapacity(n)
        func closed(_ r: inout ByteReader) throws(ByteReader.Malformed) -> ClosedRange<Int> {
            let lo = try r.int(), hi = try r.int()
            guard lo <= hi else { throw .init() }
            return lo...hi
        }
        for _ in 0..<n {
            edges.append(Edge(a: try r.string(), aTokens: try closed(&r), aBytes: try r.range(),
                              b: try r.string(), bTokens: try closed(&r), bBytes: try r.range()))
        }
        var files: [String: FileEntry] = [:]
        for _ in 0..<(try r.count()) { files[try r.string()] = FileEntry(key: try r.u64(), checksum: try r.u64()) }
        var previousFiles: [String: UInt64] = [:]
        for _ in 0..<(try r.count()) { previousFiles[try r.string()] = try r.u64() }
        var state = BuildState(settings: settings, generation: generation, previousGeneration: previousGeneration,
                               previousFiles: previousFiles, records: [:], boilerplate: boilerplate, edges: edges, files: files)
        state.inputs = try r.u64()
        for _ in 0..<(try r.count()) {
            state.sources[try r.string()] = FileStamp(size: try r.int(), modified: try r.int(), changed: try r.int(), inode: try r.u64())
        }
        for _ in 0..<(try r.count()) { state.counts.append(try r.int()) }
        for _ in 0..<(try r.count()) { state.indexRows.rows.append(.init(key: try r.u64(), start: try r.int(), count: try r.int())) }
        return state
    }
}
