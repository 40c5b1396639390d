import Foundation

/// URL-safe names for speaker folders.
public enum Slug {
    /// ASCII letters and digits when at least half the name's letters are ASCII once accents
    /// are folded ("Zoë Ball" → "zoe-ball"); else the name's own letters ("Владимир Путин" →
    /// "владимир-путин", "习近平"), links giving them percent-encoded. Such names were all
    /// "speaker", "speaker-2", …, numbered in name order, so a page's address moved when
    /// another such speaker came or went.
    public static func make(_ text: String) -> String {
        let lower = text.lowercased()
        // An ASCII name's letters are all ASCII: counted (folded first, which is slow) only for other names.
        func mostlyASCII() -> Bool {
            let letters = lower.folding(options: .diacriticInsensitive, locale: nil).filter(\.isLetter)
            return letters.filter(\.isASCII).count * 2 >= letters.count
        }
        if lower.isAllASCII || mostlyASCII(), case let ascii = ASCIIName.make(lower, fallback: ""), !ascii.isEmpty {
            return ascii
        }
        var out = ""
        for c in lower {
            if c.isLetter || c.isNumber { out.append(c) } else if !out.isEmpty && !out.hasSuffix("-") { out.append("-") }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "speaker" : out
    }
}
