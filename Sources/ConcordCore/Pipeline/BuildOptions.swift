import Foundation

/// Where a build reads and writes, and how it annotates.
public struct BuildOptions: Sendable {
    public var source: URL
    public var output: URL
    public var templates: URL
    /// Protected from being used as the output folder (the repository root, usually).
    public var workingDirectory: URL
    public var passage: PassageFinder.Options

    public init(source: URL, output: URL, templates: URL, workingDirectory: URL,
                passage: PassageFinder.Options = .init()) {
        self.source = source; self.output = output; self.templates = templates
        self.workingDirectory = workingDirectory; self.passage = passage
    }
}

/// Receives what a build has to say; the CLI prints it, tests collect it.
public protocol BuildLog: Sendable {
    func diagnostic(_ d: Diagnostic)
    func stage(_ s: StageTiming)
    /// The build is waiting for something (another build of the same output).
    func waiting(_ message: String)
}

extension BuildLog {
    public func waiting(_ message: String) {}
}

/// A log that keeps nothing.
public struct SilentLog: BuildLog {
    public init() {}
    public func diagnostic(_ d: Diagnostic) {}
    public func stage(_ s: StageTiming) {}
}
