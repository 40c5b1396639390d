#if canImport(Glibc)
import Glibc
#endif
import ConcordCore

extension HugePages {
    /// Starts the executable again with `GLIBC_TUNABLES` as `tunables(…)` says, when it
    /// says so; returns when it does not, or when `execv` fails (the process then goes
    /// on as it is, its environment as it was).
    static func restartIfUseful() {
        let current = getenv("GLIBC_TUNABLES").map { String(cString: $0) }
        guard let value = tunables(arguments: CommandLine.arguments, current: current, kernelSetting: kernelSetting()) else { return }
        setenv("GLIBC_TUNABLES", value, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        if let current { setenv("GLIBC_TUNABLES", current, 1) } else { unsetenv("GLIBC_TUNABLES") }
    }
}
