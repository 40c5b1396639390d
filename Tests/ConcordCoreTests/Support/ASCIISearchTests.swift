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

    /// Bytes are all ASCII unless one has its high bit set, wherever it lies: in the first
    /// eight, in a later word of eight, or in the tail after the last whole word.
    @Test func bytesAreAllASCIIUnlessOneIsNot() {
        for count in [0, 1, 7, 8, 9, 16, 23] {
            let ascii = [UInt8](repeating: 0x7F, count: count)
            let allASCII = ascii.withUnsafeBytes { $0.isAllASCII }
            #expect(allASCII, "\(count) bytes")
            for at in 0..<count {
                var bytes = ascii
                bytes[at] = 0x80
                let oneNot = bytes.withUnsafeBytes { $0.isAllASCII }
                #expect(!oneNot, "byte \(at) of \(count)")
            }
        }
    }
}
