/// A calendar day (`YYYY-MM-DD`), the only date precision news archives need.
///
/// Kept as plain numbers so sorting and printing never depend on time zones.
public struct ArticleDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The day as YYYYMMDD in one word of 4 bytes, not three of 8: every article object holds
    /// one, and 100,000 of them are made at each incremental build of such an archive.
    private let packed: UInt32
    public var year: Int { Int(packed / 10_000) }
    public var month: Int { Int(packed / 100 % 100) }
    public var day: Int { Int(packed % 100) }

    /// Parses `YYYY-MM-DD`, rejecting impossible days such as 2020-02-30.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= ArticleDate.daysIn(month: m, year: y)
        else { return nil }
        packed = UInt32(y * 10_000 + m * 100 + d)
    }

    /// A day from its numbers, nil when there is no such day.
    public init?(year: Int, month: Int, day: Int) {
        guard (0...9999).contains(year), (1...12).contains(month), day >= 1, day <= ArticleDate.daysIn(month: month, year: year) else { return nil }
        packed = UInt32(year * 10_000 + month * 100 + day)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public var description: String {
        let digits: [UInt8] = [year / 1000 % 10, year / 100 % 10, year / 10 % 10, year % 10, -1, month / 10, month % 10, -1, day / 10, day % 10]
            .map { $0 < 0 ? UInt8(ascii: "-") : UInt8(ascii: "0") + UInt8($0) }
        return String(decoding: digits, as: UTF8.self)
    }

    /// "22 July 2020": how the pages print a date.
    public var readable: String {
        let names = ["January", "February", "March", "April", "May", "June", "July",
                     "August", "September", "October", "November", "December"]
        return "\(day) \(names[month - 1]) \(year)"
    }

    /// The day as one number, YYYYMMDD, which sorts as the days do (under 2³² for every year this type allows).
    var number: UInt64 { UInt64(packed) }

    public static func < (a: ArticleDate, b: ArticleDate) -> Bool { a.packed < b.packed }
}
