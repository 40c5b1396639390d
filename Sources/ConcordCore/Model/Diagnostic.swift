import Foundation

/// A problem with one input file, reported as `path:line: error: message` (the file was left
/// out) or `path:line: warning: message` (it was built, but something in it does not work).
public struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let line: Int
    public let severity: Severity
    public let message: String

    public enum Severity: String, Sendable {
        case error, warning
    }

    public init(path: String, line: Int, severity: Severity = .error, message: String) {
        self.path = path; self.line = line; self.severity = severity; self.message = message
    }

    public var description: String { "\(path):\(line): \(severity.rawValue): \(message)" }

    /// The same diagnostic with its path inside `folder` (as the user typed the folder), for messages.
    public func located(in folder: String) -> Diagnostic {
        // An absolute path (a file given to `concord add`) already says where it is.
        guard !folder.isEmpty, folder != ".", !path.hasPrefix("/") else { return self }
        return Diagnostic(path: (folder.hasSuffix("/") ? folder : folder + "/") + path, line: line, severity: severity, message: message)
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
