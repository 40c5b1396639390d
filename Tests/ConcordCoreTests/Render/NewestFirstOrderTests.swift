import Foundation
import Testing
@testable import ConcordCore

/// The order newest first carried from the last build's (`NewestFirstOrder`) is the order a
/// sort gives, whatever was added, edited (its day moved) or removed; an order that does not
/// fit is not carried.
@Suite("Order newest first")
struct NewestFirstOrderTests {
    /// Articles in id order, from (name, day of March 2020) pairs.
    static func articles(_ entries: [(String, Int)]) throws -> [Article] {
        try entries.sorted { $0.0 < $1.0 }.map { name, day in
            try ArticleParser().parse(Array("date 2020-03-\(String(format: "%02d", day)) \(name)\n\nWords.\n".utf8), path: name + ".txt")
        }
    }

    static func sortedOrder(_ articles: [Article]) -> [Int32] {
        Article.chronological(articles, newestFirst: true, inIDOrder: true).map(Int32.init)
    }

    /// Each article's position among `before` by id, -1 where `changed` names it or it is not there.
    static func previousIndex(_ now: [Article], _ before: [Article], changed: Set<String>) -> [Int32] {
        now.map { a in changed.contains(a.id) ? -1 : before.firstIndex { $0.id == a.id }.map(Int32.init) ?? -1 }
    }

    @Test func carriedOrderIsTheSortedOrder() throws {
        var rng = SplitMix64(seed: 57)
        // Few days for many articles: most share their day with others (ties go by id).
        var entries = (0..<400).map { (String(format: "a%04d", $0 * 3), Int(rng.next() % 9) + 1) }
        for round in 0..<30 {
            let before = try Self.articles(entries)
            var changed = Set<String>()
            // Removed, added (between ids, at either end too), or edited to another day.
            for _ in 0..<(Int(rng.next() % 4)) { entries.remove(at: Int(rng.next() % UInt64(entries.count))) }
            for _ in 0..<(Int(rng.next() % 4)) {
                let name = String(format: "a%04d", Int(rng.next() % 1300))
                // (A name removed above and added again is a new file: read anew, like an edited one.)
                if !entries.contains(where: { $0.0 == name }) { entries.append((name, Int(rng.next() % 9) + 1)); changed.insert(name) }
            }
            for _ in 0..<(Int(rng.next() % 3)) {
                let k = Int(rng.next() % UInt64(entries.count))
                entries[k].1 = Int(rng.next() % 9) + 1; changed.insert(entries[k].0)
            }
            let now = try Self.articles(entries)
            let carried = NewestFirstOrder.carried(Self.sortedOrder(before), previousIndex: Self.previousIndex(now, before, changed: changed),
                                                   articles: now)
            #expect(carried == Self.sortedOrder(now), "round \(round)")
        }
    }

    @Test func anOrderThatDoesNotFitIsNotCarried() throws {
        let before = try Self.articles((0..<100).map { (String(format: "b%03d", $0), $0 % 5 + 1) })
        let order = Self.sortedOrder(before), same = before.indices.map(Int32.init)
        #expect(NewestFirstOrder.carried(order, previousIndex: same, articles: before) == order)
        // One index for each article, each in range and used once.
        #expect(NewestFirstOrder.carried(order, previousIndex: Array(same.dropLast()), articles: before) == nil)
        #expect(NewestFirstOrder.carried(order, previousIndex: same.map { $0 == 7 ? 100 : $0 }, articles: before) == nil)
        #expect(NewestFirstOrder.carried(order, previousIndex: same.map { $0 == 7 ? 8 : $0 }, articles: before) == nil)
        // The last build's order must name each of its articles.
        #expect(NewestFirstOrder.carried(Array(order.dropLast()), previousIndex: same, articles: before) == nil)
        #expect(NewestFirstOrder.carried(order.map { $0 == 3 ? 300 : $0 }, previousIndex: same, articles: before) == nil)
        #expect(NewestFirstOrder.carried(order.map { $0 == 3 ? 4 : $0 }, previousIndex: same, articles: before) == nil)
        // Every article new (past the few a search serves better than a sort): sorted instead.
        #expect(NewestFirstOrder.carried(order, previousIndex: same.map { _ in -1 }, articles: before) == nil)
    }
}
