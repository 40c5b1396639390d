import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Checks that a file is text worth parsing, and offers line helpers over bytes.
enum SourceText {
    /// Rejects empty, binary and non-UTF-8 files with the line of the first bad byte.
    static func validate(_ bytes: [UInt8], path: String) throws(Diagnostic) {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw Diagnostic(path: path, line: 1, message: "empty file: an article needs a date and a body")
        }
        // What Windows calls "Unicode": UTF-16 with its byte-order mark (full of NUL bytes).
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw Diagnostic(path: path, line: 1, message: "the file is UTF-16: save it as UTF-8")
        }
        if let nul = firstNUL(bytes) {
            throw Diagnostic(path: path, line: line(of: nul, in: bytes),
                             message: "binary file (NUL byte at offset \(nul)): articles are UTF-8 text")
        }
        if let bad = firstInvalidUTF8(bytes) {
            throw Diagnostic(path: path, line: line(of: bad, in: bytes),
                             message: "invalid UTF-8 at byte offset \(bad)" + legacyHint(bytes, at: bad) + ": save the file as UTF-8")
        }
    }

    /// What a stray byte most likely is: a character of Windows-1252, the encoding Word and
    /// older Windows editors save text in ("byte 0x93, “ in Windows-1252"); "" when the byte
    /// starts a longer sequence, or is none of that encoding's characters.
    static func legacyHint(_ bytes: [UInt8], at i: Int) -> String {
        let b = bytes[i]
        guard b >= 0x80, i + 1 == bytes.count || bytes[i + 1] < 0x80 || bytes[i + 1] >= 0xC0,
              let c = String(bytes: [b], encoding: .windowsCP1252) else { return "" }
        return " (byte 0x\(String(b, radix: 16, uppercase: true)), \(c) in Windows-1252, as Word and older Windows editors save text)"
    }

    /// Offset of the first NUL byte (glibc's `memchr`, many bytes a step).
    static func firstNUL(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, let hit = memchr(base, 0, raw.count) else { return nil }
            return UnsafeRawPointer(hit) - base
        }
    }

    /// Offset of the first byte that does not belong to a valid UTF-8 sequence.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBytes { raw -> Int? in
            let n = raw.count
            var i = 0
            while i < n {
                // Eight ASCII bytes at a time: most of an article.
                if i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
                let b = raw[i]
                if b < 0x80 { i += 1; continue }
                let len: Int
                let minimum: UInt32
                if b & 0xE0 == 0xC0 { len = 2; minimum = 0x80 }
                else if b & 0xF0 == 0xE0 { len = 3; minimum = 0x800 }
                else if b & 0xF8 == 0xF0 { len = 4; minimum = 0x10000 }
                else { return i }
                guard i + len <= n else { return i }
                var scalar = UInt32(b) & (0xFF >> (len + 1))
                for k in 1..<len {
                    let c = raw[i + k]
                    guard c & 0xC0 == 0x80 else { return i }
                    scalar = scalar << 6 | UInt32(c & 0x3F)
                }
                if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
                i += len
            }
            return nil
        }
    }

    /// 1-based line of a byte offset.
    static func line(of offset: Int, in bytes: [UInt8]) -> Int {
        var count = 1
        for i in 0..<min(offset, bytes.count) where bytes[i] == 0x0A { count += 1 }
        return count
    }

    /// Offset of the line feed ending the line that starts at `start` (or the end of the bytes).
    static func lineEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var i = start
        while i < bytes.count, bytes[i] != 0x0A { i += 1 }
        return i
    }

    static func isBlank(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    /// `range` without white space (spaces, tabs, line breaks) at either end.
    static func trimmed(_ bytes: [UInt8], _ range: Range<Int>) -> Range<Int> {
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi, isSpace(bytes[lo]) { lo += 1 }
        while hi > lo, isSpace(bytes[hi - 1]) { hi -= 1 }
        return lo..<hi
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
}
