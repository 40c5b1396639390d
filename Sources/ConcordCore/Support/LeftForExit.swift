/// Values a command-line build holds until its process exits, rather than freeing them object
/// by object once its report is out: at 100,000 articles that freeing (the articles' objects,
/// their records, the model, the mapped cache files) took 25–35 ms of CPU on the build's thread
/// while `concord add` still had its listing to keep, and the process's exit takes the memory
/// back at once anyway (`concord`'s `MemoryAfterExit`). Compilers do the same (clang's
/// `-disable-free`). A long-lived process (`concord serve`, the tests) frees as usual.
enum LeftForExit {
    private static let held = Locked<[[Any]]>([])

    /// Keeps `values` (and all they refer to) alive until the process exits.
    static func keep(_ values: [Any]) { held.withLock { $0.append(values) } }

    /// How many groups of values are held, and the last: for tests.
    static var count: Int { held.withLock { $0.count } }
    static var last: [Any]? { held.withLock { $0.last } }
}
