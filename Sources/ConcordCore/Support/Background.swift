import Foundation

/// Work started on a thread of its own, its result collected later with `value()`:
/// for one long job (the archive index) that would otherwise leave a core idle.
/// Work that cannot fail has `Failure == Never`, and its `value()` needs no `try`.
final class Background<Value: Sendable, Failure: Error>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<Value, Failure>?

    init(_ work: @escaping @Sendable () throws(Failure) -> Value) {
        let thread = Thread { [self] in
            do throws(Failure) { result = .success(try work()) } catch { result = .failure(error) }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Waits for the work and returns its result (or throws its failure).
    func value() throws(Failure) -> Value {
        done.wait()
        done.signal()       // later calls return at once
        return try result!.get()
    }

    /// Waits for the work, leaving its result where it is (for `value()`), or taken (`take()`).
    func wait() {
        done.wait()
        done.signal()
    }

    /// Waits for the work and hands its result over, keeping no reference to it: a value with
    /// arrays the caller then changes is not copied first (a copy of a million quotes, at
    /// every build of 100,000 articles quoting ten times each, when they were linked to
    /// their passages). Called once; `value()` is not called after it (`wait()` may be).
    func take() throws(Failure) -> Value {
        done.wait()
        done.signal()       // a later `wait()` returns at once
        defer { result = nil }
        return try result!.get()
    }
}
