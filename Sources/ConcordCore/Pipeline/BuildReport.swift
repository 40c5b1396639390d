import Foundation

/// What a build did, for the summary line and for tests.
public struct BuildReport: Sendable {
    public let articles, pages, files, passages, quotes: Int
    public let diagnostics: [Diagnostic]
    /// Problems in articles that were built (`Diagnostic.Severity.warning`): links that do not work on the page.
    public var warnings: [Diagnostic] = []
    public let timings: [StageTiming]
    public let seconds: Double
    public let output: URL
    /// Whether the build cache was used, how many pages were rendered and files written.
    public var incremental = false
    public var rendered = 0, written = 0

    public var summary: String {
        func n(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
        let left = (diagnostics.isEmpty ? "" : ", \(diagnostics.count) left out") + (warnings.isEmpty ? "" : ", " + n(warnings.count, "warning"))
        let how = incremental ? " (incremental: \(n(rendered, "page")) rendered, \(n(written, "file")) written)" : ""
        return "Built \(n(articles, "article"))\(left) → \(n(pages, "page")), \(n(passages, "shared passage")), \(n(quotes, "quote")) in \(String(format: "%.2f", seconds)) s\(how) (\(output.path))"
    }
}
