import ConcordCore
import Foundation

/// Writes build messages: diagnostics to stderr, summaries to stdout.
struct ConsoleLog: BuildLog {
    let verbose: Bool
    /// The source folder as given on the command line: paths in messages start with it.
    var source = ""

    func diagnostic(_ d: Diagnostic) {
        clearProgress()
        FileHandle.standardError.write(Data((d.located(in: source).description + "\n").utf8))
    }
    func failure(_ f: BuildFailure) {
        clearProgress()
        FileHandle.standardError.write(Data((f.description + "\n").utf8))
    }
    func stage(_ s: StageTiming) {
        guard verbose else { return }
        clearProgress()
        print(s.line)
    }
    func info(_ line: String) {
        clearProgress()
        print(line)
    }

    /// On a terminal, one line rewritten in place on stderr; otherwise plain lines.
    func progress(_ message: String) {
        clearProgress()
        FileHandle.standardError.write(Data((Self.isTerminal ? message : message + "\n").utf8))
    }

    /// On a terminal, erases the progress line so the next line starts clean.
    private func clearProgress() {
        if Self.isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    static let isTerminal = isatty(2) == 1
    func notice(_ message: String) {
        clearProgress()
        FileHandle.standardError.write(Data(("note: " + message + "\n").utf8))
    }
    func waiting(_ message: String) { FileHandle.standardError.write(Data(("note: " + message + "\n").utf8)) }
}
