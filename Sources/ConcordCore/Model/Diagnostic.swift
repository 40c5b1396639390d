/// A problem with one input file, reported as `path:line: error: message`.
public struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let line: Int
    public let message: String

    public init(path: String, line: Int, message: String) {
        self.path = path; self.line = line; self.message = message
    }

    public var description: String { "\(path):\(line): error: \(message)" }
}

/// A failure that leaves nothing usable to write (exit status 2 or more).
public struct BuildFailure: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "error: \(message)" }
}
