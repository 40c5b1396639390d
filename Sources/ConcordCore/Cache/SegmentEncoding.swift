/// How the cache keeps the aligned segments (`WitnessClusterer.Edge`): ten 32-bit numbers
/// each, little-endian, in the order a segment holds them in memory (both articles, then the
/// four token bounds, then the four byte bounds). Where the memory is that encoding
/// (`memoryIsItsEncoding`, checked once), `state.bin` is written from the segments where they
/// lie and read back by one copy: at 100,000 articles they are 10 MB, which an encoded copy
/// touched anew at every build, and which were read back number by number.
extension WitnessClusterer.Edge {
    /// The numbers a segment is kept as, in order.
    static let numberCount = 10

    /// Whether a segment's memory is the ten numbers the cache keeps of it, in order, little-endian.
    static let memoryIsItsEncoding: Bool = {
        #if _endian(little)
        MemoryLayout<Self>.size == 4 * numberCount && MemoryLayout<Self>.stride == 4 * numberCount
            && layoutIsInOrder
        #else
        false
        #endif
    }()

    /// The segment made of its ten numbers (`number(k)`, in the cache's order).
    init(numbers number: (Int) -> UInt32) {
        self.init(articles: (number(0), number(1)), tokens: (number(2), number(3), number(4), number(5)),
                  byteRanges: (number(6), number(7), number(8), number(9)))
    }

    /// Hands `body` the segment's ten numbers, in the cache's order.
    func forEachNumber(_ body: (UInt32) -> Void) {
        let (a, t, r) = parts
        body(a.0); body(a.1)
        body(t.0); body(t.1); body(t.2); body(t.3)
        body(r.0); body(r.1); body(r.2); body(r.3)
    }

    /// Whether the segment could have been written by a build of `articles` articles: both
    /// articles among them, each range's bounds in order (what is checked of one read back).
    func isWellFormed(articles: Int) -> Bool {
        let (a, t, r) = parts
        return Int(a.0) < articles && Int(a.1) < articles && t.0 <= t.1 && t.2 <= t.3 && r.0 <= r.1 && r.2 <= r.3
    }
}
