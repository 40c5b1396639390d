/// What a date written another way than `YYYY-MM-DD` stands for, to name in the error.
///
/// Dates are only ever read as `YYYY-MM-DD` (one form, so an archive sorts as written), but
/// an export from another tool or a date typed by hand is often "March 4, 2025",
/// "2025-3-4" or "04/03/2025": the error then says which day to write, or, when the
/// day and month could be either way round, both.
enum DateHint {
    /// The days `text` may stand for, as `YYYY-MM-DD`: one, two when day and month are
    /// ambiguous ("04/03/2025"), none when it is no date.
    static func days(_ text: String) -> [ArticleDate] {
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        // Words and numbers, a weekday ("Tuesday,") and ordinal endings ("4th") left out.
        let pieces = text.lowercased().split(whereSeparator: { " ,-/.".contains($0) })
            .map { $0.hasSuffix("st") || $0.hasSuffix("nd") || $0.hasSuffix("rd") || $0.hasSuffix("th") ? (Int($0.dropLast(2)).map(String.init) ?? String($0)) : String($0) }
            .filter { Int($0) != nil || months.contains(where: $0.hasPrefix) }
        guard pieces.count == 3 else { return [] }
        let numbers = pieces.map { Int($0) }
        func day(_ y: Int?, _ m: Int?, _ d: Int?) -> ArticleDate? {
            guard let y, let m, let d, y >= 1000 else { return nil }
            return ArticleDate(year: y, month: m, day: d)
        }
        if let monthAt = pieces.firstIndex(where: { Int($0) == nil }) {
            // "March 4, 2025", "4 March 2025", "2025 Mar 4".
            let month = months.firstIndex(where: pieces[monthAt].hasPrefix)! + 1
            let rest = numbers.enumerated().filter { $0.offset != monthAt }.compactMap(\.element)
            guard rest.count == 2 else { return [] }
            let year = rest.first(where: { $0 >= 1000 }), other = rest.first(where: { $0 < 1000 })
            return day(year, month, other).map { [$0] } ?? []
        }
        let (a, b, c) = (numbers[0], numbers[1], numbers[2])
        if let a, a >= 1000 { return day(a, b, c).map { [$0] } ?? [] }     // 2025-3-4, 2025/03/04
        // 04/03/2025: day first (most of the world), or month first (the United States).
        var found: [ArticleDate] = []
        for candidate in [day(c, b, a), day(c, a, b)] { if let candidate, !found.contains(candidate) { found.append(candidate) } }
        return found
    }

    /// ": write '<prefix>2025-03-04'" for one day, "; is it 2025-03-04 or 2025-04-03?" for two, "" for none.
    static func advice(_ text: String, writing prefix: String) -> String {
        let found = days(text)
        switch found.count {
        case 1: return ": write '\(prefix)\(found[0])'"
        case 2: return " (is it \(found[0]) or \(found[1])? write '\(prefix)' and the day as YYYY-MM-DD)"
        default: return ""
        }
    }

    /// Field names other tools give the day an article was published (Hugo's `publishDate`,
    /// schema.org's `datePublished`, …), in lower case.
    static let otherDateFields: Set<String> = [
        "published", "publishdate", "publish_date", "pubdate", "pub_date", "datepublished", "date_published",
        "published_at", "publishedat", "created", "created_at", "posted", "posted_at",
    ]
}
