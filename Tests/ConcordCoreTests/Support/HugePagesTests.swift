import Testing
@testable import ConcordCore

/// When the executable starts itself again with malloc on huge pages, and with what environment.
@Suite("Huge pages")
struct HugePagesTests {
    static let madvise = "always [madvise] never\n"

    @Test func buildingCommandsGetTheTunable() {
        for command in ["build", "add", "serve"] {
            #expect(HugePages.tunables(arguments: ["concord", command], current: nil, kernelSetting: Self.madvise) == HugePages.tunable)
        }
        #expect(HugePages.tunables(arguments: ["concord", "build"], current: "", kernelSetting: "[always] madvise never") == HugePages.tunable)
    }

    /// The user's own tunables are kept, the new one added after them.
    @Test func otherTunablesAreKept() {
        #expect(HugePages.tunables(arguments: ["concord", "add", "a.md"], current: "glibc.malloc.check=0", kernelSetting: Self.madvise)
                == "glibc.malloc.check=0:glibc.malloc.hugetlb=1")
    }

    /// Set already (by the user, or by the restart itself: no second restart), not a
    /// building command, or huge pages off or unknown: the process goes on as it is.
    @Test func noRestartOtherwise() {
        #expect(HugePages.tunables(arguments: ["concord", "build"], current: HugePages.tunable, kernelSetting: Self.madvise) == nil)
        #expect(HugePages.tunables(arguments: ["concord", "build"], current: "glibc.malloc.hugetlb=0", kernelSetting: Self.madvise) == nil)
        #expect(HugePages.tunables(arguments: ["concord", "--help"], current: nil, kernelSetting: Self.madvise) == nil)
        #expect(HugePages.tunables(arguments: ["concord", "generate"], current: nil, kernelSetting: Self.madvise) == nil)
        #expect(HugePages.tunables(arguments: ["concord"], current: nil, kernelSetting: Self.madvise) == nil)
        #expect(HugePages.tunables(arguments: ["concord", "build"], current: nil, kernelSetting: "always madvise [never]\n") == nil)
        #expect(HugePages.tunables(arguments: ["concord", "build"], current: nil, kernelSetting: nil) == nil)
    }

    /// The kernel's setting is read only for a building command whose tunables are not set yet.
    @Test func theKernelIsAskedOnlyWhenItMatters() {
        var reads = 0
        func setting() -> String? { reads += 1; return Self.madvise }
        _ = HugePages.tunables(arguments: ["concord", "generate"], current: nil, kernelSetting: setting())
        _ = HugePages.tunables(arguments: ["concord", "build"], current: HugePages.tunable, kernelSetting: setting())
        #expect(reads == 0)
        _ = HugePages.tunables(arguments: ["concord", "build"], current: nil, kernelSetting: setting())
        #expect(reads == 1)
    }
}
