import Foundation
import Testing
@testable import ConcordCore

@Suite("Byte interner")
struct ByteInternerTests {
    /// Strings are numbered in the order first given, the same bytes with another tag apart;
    /// keys that differ only in one byte (the first, the ninth, the last), or are a prefix of
    /// another, are told apart, through the table's growth (1,000 strings, 64 slots at first).
    @Test func numbersDistinctBytesInTheOrderFirstGiven() {
        var interner = ByteInterner()
        let names = ["Kim Kardashian", "Kim Kardashian West", "Kim", "kim Kardashian", "Kim Kardashiam", "Kim KardAshian", "Kim Kardash",
                     "", "a source", "an insider", "Kanye West"]
            + (0..<989).map { "Speaker number \($0) of the archive" }
        for (n, name) in names.enumerated() { #expect(interner.number(of: name) == Int32(n), "\(name)") }
        for (n, name) in names.enumerated().reversed() { #expect(interner.number(of: name) == Int32(n), "\(name) again") }
        #expect(interner.number(of: "Kim Kardashian", tag: 1) == Int32(names.count))
        #expect(interner.number(of: "Kim Kardashian", tag: 0) == 0)
        #expect(interner.count == names.count + 1)
        #expect((0..<names.count).allSatisfy { interner.string($0) == names[$0] })
        #expect(interner.tags[names.count] == 1)
    }
}
