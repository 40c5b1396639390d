import Foundation

/// How long one named stage took, and the process's peak memory when it ended.
public struct StageTiming: Sendable {
    public let name: String
    public let seconds: Double
    public let peakBytes: Int
    public let detail: String

    public var line: String {
        let ms = String(format: "%8.1f ms", seconds * 1000)
        let mb = String(format: "%7.1f MB peak", Double(peakBytes) / 1_048_576)
        return "  \(name.padding(toLength: 18, withPad: " ", startingAt: 0))\(ms)  \(mb)\(detail.isEmpty ? "" : "  " + detail)"
    }

    /// Peak resident memory of this process (VmHWM), in bytes; 0 where unknown.
    public static func peakMemory() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kb = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
            return kb * 1024
        }
        return 0
    }
}
