/// When a build should run with glibc's malloc on transparent huge pages
/// (`glibc.malloc.hugetlb=1`): a build allocates and first touches hundreds of
/// megabytes, and with 2 MB pages the kernel takes one page fault where it took
/// 512. glibc reads its tunables only from the environment when a process starts,
/// so the executable starts itself again with the tunable added (about 5 ms), and
/// only for the commands that build.
///
/// Measured, the tunable set or not (alternating rounds): adding one article at
/// 10,000 articles 0.295 → 0.265 s, CPU 0.425 → 0.390 s, removing it 0.290 →
/// 0.240 s, peak memory 146 → 160 MB; a full build at 10,000 5.41 → 5.28 s,
/// 587 → 601 MB; at 100,000 67.4 → 59.2 s, CPU 118 → 99 s, 5.71 → 5.88 GB.
public enum HugePages {
    public static let tunable = "glibc.malloc.hugetlb=1"
    static let commands: Set<String> = ["build", "add", "serve"]

    /// The value `GLIBC_TUNABLES` should have for a process started with `arguments`
    /// (the program first), given its value now and the kernel's setting
    /// (`kernelSetting()`); nil when the process should go on as it is: not a building
    /// command, the tunable already set (by the user, or by the restart), or huge pages
    /// off ("[never]") or unknown.
    /// `kernelSetting` is read only for a building command whose tunables are not set yet.
    public static func tunables(arguments: [String], current: String?, kernelSetting: @autoclosure () -> String?) -> String? {
        guard arguments.count > 1, commands.contains(arguments[1]),
              current?.contains("glibc.malloc.hugetlb") != true,
              let setting = kernelSetting(), setting.contains("[always]") || setting.contains("[madvise]") else { return nil }
        guard let current, !current.isEmpty else { return tunable }
        return current + ":" + tunable
    }

    /// What `/sys/kernel/mm/transparent_hugepage/enabled` says (`always [madvise] never`), if readable.
    public static func kernelSetting() -> String? {
        FastFiles.read("/sys/kernel/mm/transparent_hugepage/enabled").map { String(decoding: $0, as: UTF8.self) }
    }
}
