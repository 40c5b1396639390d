import Testing
@testable import ConcordCore

/// `Background`: work on a thread of its own, its result read or handed over.
@Suite("Background work")
struct BackgroundTests {
    @Test func valueIsTheWorksResultEveryTime() {
        let work = Background { (1...1000).reduce(0, +) }
        #expect(work.value() == 500_500)
        #expect(work.value() == 500_500)
    }

    /// A result taken is held by the caller alone: changed in place, not copied first.
    @Test func aTakenResultIsChangedWithoutACopy() {
        let work = Background { [Int](repeating: 7, count: 1 << 16) }
        var taken = work.take()
        let before = taken.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        taken[0] = 8
        #expect(taken.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) } == before)
        // (With `value()` the work keeps its result, and the change copies it.)
        let kept = Background { [Int](repeating: 7, count: 1 << 16) }
        var read = kept.value()
        let address = read.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        read[0] = 8
        #expect(read.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) } != address)
        #expect(kept.value()[0] == 7)
    }

    /// Waiting returns once the work is done, however often, and after its result was read or
    /// taken (a build waits for what it started reading, used or not, after taking it).
    @Test func waitingReturnsBeforeAndAfterTheResultIsTaken() {
        let work = Background { [Int](repeating: 7, count: 16) }
        work.wait()
        work.wait()
        #expect(work.take().count == 16)
        work.wait()
        let read = Background { 42 }
        #expect(read.value() == 42)
        read.wait()
        #expect(read.value() == 42)
    }
}
