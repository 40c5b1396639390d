import Testing
@testable import ConcordCore

/// The validation every article goes through scans eight ASCII bytes at a time;
/// it must find the same first bad byte as a plain byte-by-byte decoder.
@Suite("Source text validation")
struct SourceTextTests {
    /// Byte by byte: the offset of the first byte not starting a well-formed, shortest, non-surrogate sequence.
    static func reference(_ b: [UInt8]) -> Int? {
        var i = 0
        while i < b.count {
            let c = b[i]
            let len = c < 0x80 ? 1 : c & 0xE0 == 0xC0 ? 2 : c & 0xF0 == 0xE0 ? 3 : c & 0xF8 == 0xF0 ? 4 : 0
            guard len > 0, i + len <= b.count else { return i }
            if len > 1 {
                guard b[(i + 1)..<(i + len)].allSatisfy({ $0 & 0xC0 == 0x80 }) else { return i }
                guard let s = String(validating: b[i..<(i + len)], as: UTF8.self), s.unicodeScalars.count == 1 else { return i }
            }
            i += len
        }
        return nil
    }


    @Test func sameFirstBadByteAsAPlainDecoder() {
        var mix = SplitMix64(seed: 9)
        let pieces: [[UInt8]] = [Array("plain words ".utf8), Array("“curly” ".utf8), Array("é".utf8), Array("😀".utf8),
                                 [0xC3, 0x28], [0x80], [0xE2, 0x80], [0xF0, 0x9F, 0x98], [0xED, 0xA0, 0x80], [0xC0, 0xAF],
                                 [0xF4, 0x90, 0x80, 0x80], [0xFF], [0x00], Array("x".utf8)]
        var invalid = 0, nul = 0
        for _ in 0..<2000 {
            var bytes: [UInt8] = []
            for _ in 0..<(1 + mix.next(12)) {
                // Mostly valid text, so that bad bytes land at every alignment of the eight-byte steps.
                let k = mix.next(10) < 8 ? mix.next(4) : mix.next(pieces.count)
                bytes += pieces[k]
            }
            let expected = Self.reference(bytes)
            #expect(SourceText.firstInvalidUTF8(bytes) == expected, "\(bytes)")
            #expect(SourceText.firstNUL(bytes) == bytes.firstIndex(of: 0), "\(bytes)")
            if expected != nil { invalid += 1 }
            if bytes.contains(0) { nul += 1 }
        }
        #expect(invalid > 300 && nul > 100)
        #expect(SourceText.firstInvalidUTF8([]) == nil && SourceText.firstNUL([]) == nil)
    }
}
