import CExitHelper

/// What a finished build leaves for the kernel to free: 500 MB at 100,000 articles, which it
/// took 20–27 ms to take back as the process exited, after the report (3–5 ms at 10,000).
enum MemoryAfterExit {
    /// Hands the process's memory to a helper that holds it until this process has exited
    /// (`concord_hold_memory_past_exit`): the command returns as soon as its work is done,
    /// and the memory is freed as the helper exits, after it. Call it once nothing is left to
    /// do but exit; if the helper cannot be started, the exit is as before.
    /// - Parameter files: open files whose last close is slow (`AddSession.filesSlowToClose`):
    ///   the helper keeps them open, and closes them as it exits.
    static func leaveToHelper(keeping files: [Int32] = []) {
        _ = files.withUnsafeBufferPointer { concord_hold_memory_past_exit(nil, $0.baseAddress, Int32($0.count)) }
    }
}
