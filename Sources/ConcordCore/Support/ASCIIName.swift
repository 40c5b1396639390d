import Foundation

/// Names safe in URLs and file systems, made from any text: accents folded
/// ("Über" → "Uber"), ASCII letters and digits kept, every other run of
/// characters turned into one `-`, no leading `-` or `.` (never hidden).
/// Speaker slugs and the file names `concord add` gives are both made here.
enum ASCIIName {
    static func make(_ text: String, keeping extra: Set<Character> = [], fallback: String) -> String {
        var out = ""
        // Folding leaves ASCII as it is, and is slow: with `Slug.make`'s, 9 ms for 780 speakers at every build.
        for c in text.isAllASCII ? text : text.folding(options: .diacriticInsensitive, locale: nil) {
            if c.isASCII && (c.isLetter || c.isNumber || extra.contains(c)) {
                out.append(c)
            } else if !out.isEmpty && !out.hasSuffix("-") {
                out.append("-")
            }
        }
        while out.hasPrefix(".") || out.hasPrefix("-") { out.removeFirst() }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? fallback : out
    }
}
