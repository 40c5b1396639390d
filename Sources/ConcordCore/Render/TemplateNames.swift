/// Finds names in templates that no page gives a value for.
///
/// Mustache renders a name it cannot find as nothing, so a misspelt `{{titel}}` left every
/// article's heading empty, in silence. Each name a template uses (in a value, a section or an
/// inverted section) is looked up in the names Concord's pages give (`PageContexts.names`);
/// one that is not there is a warning with its file and line, and the name it most likely
/// meant.
enum TemplateNames {
    /// A name used in a template that no page gives, where it is, and a likely meaning.
    struct Unknown: Equatable { var name: String; var line: Int; var meant: String? }

    /// The names in `text` (delimiters set in it followed) that `known` lacks, in order.
    static func unknown(in text: String, known: Set<String>) -> [Unknown] {
        MustacheTags.of(text).compactMap { tag, line in
            guard let name = name(of: tag), !known.contains(name) else { return nil }
            return Unknown(name: name, line: line, meant: closest(to: name, among: known))
        }
    }

    /// The name a tag looks up (of a dotted name, its first part); nil for tags that look up
    /// none: comments, partials, blocks, delimiters, pragmas, closing tags, `{{.}}`, transforms.
    static func name(of tag: Substring) -> String? {
        var t = tag.trimmingCharacters(in: .whitespaces)[...]
        guard let kind = t.first else { return nil }
        switch kind {
        case "!", ">", "<", "$", "=", "%", "/": return nil
        case "#", "^", "&": t = t.dropFirst()
        case "{": t = t.dropFirst(); if t.last == "}" { t = t.dropLast() }
        default: break
        }
        let name = t.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name != ".", !name.contains("("), !name.contains("*") else { return nil }
        return String(name.split(separator: ".", omittingEmptySubsequences: false)[0])
    }

    /// The known name within two edits of `name` (letters compared without case), the nearest
    /// first, then in name order; nil if none is that near.
    static func closest(to name: String, among known: Set<String>) -> String? {
        let a = Array(name.lowercased())
        var best: (distance: Int, name: String)? = nil
        for k in known.sorted() {
            let d = distance(a, Array(k.lowercased()), limit: 2)
            if d <= 2, best.map({ d < $0.distance }) ?? true { best = (d, k) }
        }
        return best?.name
    }

    /// Edit distance (insertions, deletions, substitutions, swaps of neighbours), or `limit + 1`
    /// once it is known to be more than `limit`.
    static func distance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        guard abs(a.count - b.count) <= limit else { return limit + 1 }
        var before = [Int](0...b.count), row = before, previous = before
        for i in 1...max(1, a.count) where !a.isEmpty {
            row[0] = i
            var smallest = row[0]
            for j in 1...max(1, b.count) where !b.isEmpty {
                var d = min(before[j] + 1, row[j - 1] + 1, before[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d = min(d, previous[j - 2] + 1) }
                row[j] = d
                smallest = min(smallest, d)
            }
            if smallest > limit { return limit + 1 }
            (previous, before) = (before, row)
        }
        return a.isEmpty ? b.count : b.isEmpty ? a.count : before[b.count]
    }
}
