import ConcordCore
import Foundation

/// Writes build messages: diagnostics to stderr, summaries to stdout.
struct ConsoleLog: BuildLog {
    let verbose: Bool
    /// The source folder as given on the command line: paths in messages start with it.
    var source = ""

    func diagnostic(_ d: Diagnostic) {
        if Self.isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        FileHandle.standardError.write(Data((d.located(in: source).description + "\n").utf8))
    }
    func failure(_ f: BuildFailure) { FileHandle.standardError.write(Data((f.description + "\n").utf8)) }
    func stage(_ s: StageTiming) {
        guard verbose else { return }
        if Self.isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        print(s.line)
    }
    func info(_ line: String) {
        if Self.isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        print(line)
    }

    /// On a terminal, one line rewritten in place on stderr; otherwise plain lines.
    func progress(_ message: String) {
        let text = Self.isTerminal ? "\r\u{1B}[K" + message : message + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    static let isTerminal = isatty(2) == 1
    func waiting(_ message: String) { FileHandle.standardError.write(Data(("note: " + message + "\n").utf8)) }
}

enum Builder {
    /// Builds once and prints the outcome; returns the exit status of CONTRACT.md.
    static func runAndReport(_ options: BuildOptions, log: ConsoleLog) async -> Int32 {
        do {
            let report = try await SiteBuilder(options: options, log: log).build()
            log.info(report.summary)
            return report.diagnostics.isEmpty ? 0 : 1
        } catch {
            log.failure(error)
            return 2
        }
    }
}
