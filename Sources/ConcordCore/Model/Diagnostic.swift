import Foundation

/// A problem with one input file, reported as `path:line: error: message`.
public struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let line: Int
    public let message: String

    public init(path: String, line: Int, message: String) {
        self.path = path; self.line = line; self.message = message
    }

    public var description: String { "\(path):\(line): error: \(message)" }

    /// The same diagnostic with its path inside `folder` (as the user typed the folder), for messages.
    public func located(in folder: String) -> Diagnostic {
        // An absolute path (a file given to `concord add`) already says where it is.
        guard !folder.isEmpty, folder != ".", !path.hasPrefix("/") else { return self }
        return Diagnostic(path: (folder.hasSuffix("/") ? folder : folder + "/") + path, line: line, message: message)
    }
}

/// A failure that leaves nothing usable to write (exit status 2 or more).
public struct BuildFailure: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    /// `error: message`, or the message alone when it already names its place (`path:line: error: …`).
    public var description: String {
        message.range(of: #"^[^\n]+:\d+: error: "#, options: .regularExpression) != nil ? message : "error: \(message)"
    }
}
