#if canImport(Glibc)
import Glibc
#endif

/// Where a command-line build's thread waits, once its report is out, for the process to exit
/// (`BuildOptions.exitsAfterBuild`), instead of returning and freeing the build's data object
/// by object: at 100,000 articles that freeing (the articles' objects, their records, the
/// model, the mapped shards) took 10–25 ms of CPU while `concord add` still had its listing to
/// keep, and the process's exit takes the memory back at once anyway (`concord`'s
/// `MemoryAfterExit`). Compilers do the same (clang's `-disable-free`). Nothing of the thread's
/// is lost: every local of the build stays as it is. A long-lived process (`concord serve`,
/// the tests) has its builds return and free as usual.
enum LeftForExit {
    private static let parked = Locked(0)

    /// Blocks the calling thread until the process exits.
    static func park() -> Never {
        parked.withLock { $0 += 1 }
        while true { pause() }
    }

    /// How many threads wait here: for tests.
    static var count: Int { parked.withLock { $0 } }
}
