/// A 64-bit key of everything a page is made from: its template, title and
/// depth, and what its context is built from — for article, passage and
/// speaker pages and the index, digested straight from the model
/// (`PageContexts.articleKey` …: building 12,000 contexts only to hash them
/// cost a third of an incremental build); for the short list pages, the
/// context itself. Equal keys mean equal pages, so an incremental build
/// renders only pages whose key changed.
struct PageKey {
    private var h = StableHash()

    init(seed: UInt64) { add(seed) }

    var value: UInt64 { h.value }

    mutating func add(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { for b in $0 { h.combine(byte: b) } } }
    mutating func add(_ s: String) { h.combine(byte: 0x01); add(UInt64(s.utf8.count)); add(Checksum.of(s)) }

    /// Adds a Mustache context value: strings, numbers, booleans, arrays and dictionaries (keys sorted).
    mutating func add(any value: Any) {
        switch value {
        case let s as String: add(s)
        case let i as Int: h.combine(byte: 0x02); add(UInt64(bitPattern: Int64(i)))
        case let b as Bool: h.combine(byte: b ? 0x03 : 0x04)
        case let d as [String: Any]:
            h.combine(byte: 0x05); add(UInt64(d.count))
            for k in d.keys.sorted() { add(k); add(any: d[k]!) }
        case let a as [Any]:
            h.combine(byte: 0x06); add(UInt64(a.count))
            for v in a { add(any: v) }
        default:
            preconditionFailure("PageKey: unsupported context value \(type(of: value))")
        }
    }
}
