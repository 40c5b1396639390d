/// Escapes text for HTML element content and double-quoted attribute values.
public enum HTML {
    public static func escape(_ text: some StringProtocol) -> String {
        // Most text has nothing to escape: return it as it is (scanned in place where it is contiguous).
        @inline(__always) func special(_ b: UInt8) -> Bool { b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27 }
        let needed = text.utf8.withContiguousStorageIfAvailable { buffer in
            for b in buffer where special(b) { return true }
            return false
        } ?? text.utf8.contains(where: special)
        guard needed else { return String(text) }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 32)
        for b in text.utf8 {
            switch b {
            case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])            // &amp;
            case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])                  // &lt;
            case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])                  // &gt;
            case 0x22: out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])      // &quot;
            case 0x27: out.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])            // &#39;
            default: out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Percent-encodes one path segment (an id) for use in a relative URL.
    public static func pathSegment(_ id: String) -> String {
        // ASCII letters and digits and `-._~` stay; every other byte is percent-encoded.
        // Tested byte by byte: every link of every page goes through here.
        @inline(__always) func keeps(_ b: UInt8) -> Bool {
            let lower = b | 0x20
            return (b >= 0x30 && b <= 0x39) || (lower >= 0x61 && lower <= 0x7A) || b == 0x2D || b == 0x2E || b == 0x5F || b == 0x7E
        }
        if id.utf8.allSatisfy(keeps) { return id }
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(id.utf8.count * 3)
        for b in id.utf8 {
            if keeps(b) { out.append(b) } else { out += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 15)]] }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
