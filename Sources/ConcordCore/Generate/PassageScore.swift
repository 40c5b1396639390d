/// Scores detected passages against a generated archive's truth, with the
/// measures of PAN's text-alignment task.
///
/// - Precision and recall are character-level (bytes of article bodies):
///   of the bytes inside detected witnesses, how many are inside true copies,
///   and the reverse.
/// - Granularity: over true copies that are detected at all, the average
///   number of detected witnesses overlapping each (1 is perfect).
/// - Pair recall: of all pairs of true copies of one passage in different
///   articles, the share whose detected witnesses share a passage id.
public struct PassageScore: Sendable, CustomStringConvertible {
    public var precision = 0.0
    public var recall = 0.0
    public var granularity = 0.0
    public var pairRecall = 0.0
    public var truePairs = 0
    public var detectedWitnesses = 0

    public var description: String {
        return "precision \(fmt(precision)), recall \(fmt(recall)), granularity \(fmt(granularity)), pair recall \(fmt(pairRecall)) (\(truePairs) true pairs, \(detectedWitnesses) witnesses)"
    }

    private func fmt(_ x: Double) -> String {
        let v = Int((x * 1000).rounded())
        return "\(v / 1000).\(String(v % 1000).leftPadded(to: 3, with: "0"))"
    }

    /// - Parameters:
    ///   - truth: article id → its true copies.
    ///   - passages: what Concord found.
    public static func score(truth: [String: [ArchiveGenerator.Copy]], passages: [Passage]) -> PassageScore {
        var s = PassageScore()
        var detected: [String: [(String, Range<Int>)]] = [:]
        for p in passages { for w in p.witnesses { detected[w.article, default: []].append((p.id, w.range)) } }
        s.detectedWitnesses = detected.values.reduce(0) { $0 + $1.count }

        var truthBytes = 0, detectedBytes = 0, overlapBytes = 0
        var pieces = 0, detectedCopies = 0
        for id in Set(truth.keys).union(detected.keys) {
            let t = merge((truth[id] ?? []).map { $0.start..<$0.end })
            let d = merge((detected[id] ?? []).map(\.1))
            truthBytes += t.reduce(0) { $0 + $1.count }
            detectedBytes += d.reduce(0) { $0 + $1.count }
            for a in t { for b in d { overlapBytes += a.clamped(to: b).count } }
            for copy in truth[id] ?? [] {
                let n = (detected[id] ?? []).filter { $0.1.overlaps(copy.start..<copy.end) }.count
                if n > 0 { pieces += n; detectedCopies += 1 }
            }
        }
        s.precision = detectedBytes == 0 ? 1 : Double(overlapBytes) / Double(detectedBytes)
        s.recall = truthBytes == 0 ? 1 : Double(overlapBytes) / Double(truthBytes)
        s.granularity = detectedCopies == 0 ? 1 : Double(pieces) / Double(detectedCopies)

        // Pairs of true copies of one passage, in different articles.
        var copiesOf: [Int: [(String, Range<Int>)]] = [:]
        for (id, copies) in truth { for c in copies { copiesOf[c.passage, default: []].append((id, c.start..<c.end)) } }
        var linked = 0, pairs = 0
        for (_, copies) in copiesOf {
            let ids = copies.map { c in Set((detected[c.0] ?? []).filter { $0.1.overlaps(c.1) }.map(\.0)) }
            for i in copies.indices { for j in copies.indices where j > i && copies[i].0 != copies[j].0 {
                pairs += 1
                if !ids[i].isDisjoint(with: ids[j]) { linked += 1 }
            } }
        }
        s.truePairs = pairs
        s.pairRecall = pairs == 0 ? 1 : Double(linked) / Double(pairs)
        return s
    }

    private static func merge(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = out.last, r.lowerBound <= last.upperBound {
                out[out.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else { out.append(r) }
        }
        return out
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = " ") -> String {
        String(repeating: pad, count: max(0, width - count)) + self
    }
}
