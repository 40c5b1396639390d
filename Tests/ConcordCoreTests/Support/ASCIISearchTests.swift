import Testing
@testable import ConcordCore

@Suite("ASCII search")
struct ASCIISearchTests {
    /// The same answers as a scan of the characters, for small strings (kept inside the value),
    /// large ones, text in other scripts, and substrings.
    @Test func containsASCIIAsTheCharactersSay() {
        let texts = ["", " ", "Ng", "Zoë Ng", "Donald J. Trump", "K.", String(repeating: "word ", count: 40),
                     "Ελένη Παπαδοπούλου", "小泉 進次郎", String(repeating: "é", count: 30) + ".", "a\u{0}b"]
        for text in texts {
            let rest = text.dropFirst()
            for c: Unicode.Scalar in [" ", ".", "\u{0}", "a", "/"] {
                #expect(text.containsASCII(c) == text.unicodeScalars.contains(c), "\(text) \(c)")
                #expect(rest.containsASCII(c) == rest.unicodeScalars.contains(c), "\(rest) \(c)")
            }
            #expect(text.isAllASCII == text.unicodeScalars.allSatisfy(\.isASCII), "\(text)")
            #expect(rest.isAllASCII == rest.unicodeScalars.allSatisfy(\.isASCII), "\(rest)")
        }
    }
}
