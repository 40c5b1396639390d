import Testing
@testable import ConcordCore

/// `Prefetch` reads an object's address out of an array of references without retaining
/// it: that rests on the layout of an (optional) reference, which these tests pin down.
@Suite("Prefetch")
struct PrefetchTests {
    final class Box { var value = 0 }

    /// An optional reference is one word: the object's address, or 0 for nil.
    @Test func optionalReferenceIsTheObjectsAddress() {
        let box = Box()
        let some: Box? = box, none: Box? = nil
        #expect(MemoryLayout<Box?>.size == MemoryLayout<UInt>.size)
        #expect(MemoryLayout<Box?>.stride == MemoryLayout<UInt>.stride)
        withUnsafeBytes(of: some) { #expect($0.load(as: UInt.self) == UInt(bitPattern: Unmanaged.passUnretained(box).toOpaque())) }
        withUnsafeBytes(of: none) { #expect($0.load(as: UInt.self) == 0) }
        withUnsafeBytes(of: box) { #expect($0.load(as: UInt.self) == UInt(bitPattern: Unmanaged.passUnretained(box).toOpaque())) }
    }

    /// A hint for an index out of range, negative, or holding nil reads nothing outside the
    /// array, and a hint for an object keeps no reference to it: the objects go when the
    /// array does.
    @Test func hintsKeepNothing() {
        weak var first: Box?, last: Box?
        do {
            let boxes: [Box?] = [Box(), nil, Box()]
            let plain: [Box] = [Box(), Box()]
            first = boxes[0]; last = plain[1]
            boxes.withUnsafeBufferPointer { objects in
                for i in [-5, -1, 0, 1, 2, 3, 1_000_000] { Prefetch.object(at: i, in: objects, lines: 3) }
            }
            plain.withUnsafeBufferPointer { objects in
                for i in [-1, 0, 1, 2, 99] { Prefetch.object(at: i, in: objects, lines: 2) }
            }
            Prefetch.lines(at: 0, 4)
            #expect(first != nil && last != nil)
        }
        #expect(first == nil)
        #expect(last == nil)
    }
}
