import Foundation
import Yams

/// The top-level mapping of a YAML document, composed rather than decoded so
/// that values stay the text the user typed (`date: 2020-07-22` is not turned
/// into a timestamp), with the file line of every value for messages.
///
/// Shared by front matter and `concord.yml`.
struct YAMLMapping {
    struct Entry {
        let key: String
        let value: Node
        /// 1-based line in the file.
        let line: Int
    }

    enum Failure: Error {
        /// A syntax error at a file line.
        case syntax(line: Int, problem: String)
        /// The document is not a mapping (a list, a bare value).
        case notMapping
    }

    /// The entries, in document order; an empty document gives none.
    let entries: [Entry]

    /// - Parameter firstLine: the file line the YAML starts on (2 for front matter after `---`).
    init(_ yaml: String, firstLine: Int) throws(Failure) {
        let node: Node?
        do {
            // No implicit tags (values are read as the text typed, so resolving `2020-07-22`
            // to a timestamp was regular-expression work thrown away) and UTF-8 named
            // outright (the default reads the process environment at every call): together
            // 4 % of a full build of 10,000 front-matter articles.
            node = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                throw .syntax(line: max(1, mark.line) + firstLine - 1, problem: problem)   // Yams marks are 1-based
            case .duplicatedKeysInMapping(let keys, let context):
                // Yams names the keys and marks the mapping's start; the message names the line
                // that gives a key again (its description ran over five lines, context and all).
                let key = keys.sorted()[0]
                let lines = Self.lines(givingKey: key, in: yaml)
                throw .syntax(line: (lines.dropFirst().first ?? max(1, context.mark.line)) + firstLine - 1,
                              problem: "'\(key)' is given twice" + (lines.count >= 2 ? " (lines \(lines[0] + firstLine - 1) and \(lines[1] + firstLine - 1))" : ""))
            default:
                throw .syntax(line: firstLine, problem: Self.oneLine(error))
            }
        } catch {
            throw .syntax(line: firstLine, problem: Self.oneLine(error))
        }
        guard let node else { entries = []; return }
        guard let map = node.mapping else { throw .notMapping }
        entries = map.compactMap { key, value in
            key.string.map { Entry(key: $0, value: value, line: max(1, value.mark?.line ?? 1) + firstLine - 1) }
        }
    }

    /// The lines (1-based, of `yaml`) of top-level entries `key: …`, plain or quoted.
    static func lines(givingKey key: String, in yaml: String) -> [Int] {
        var result: [Int] = []
        for (n, line) in yaml.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            for spelled in [key, "\"\(key)\"", "'\(key)'"] where line.hasPrefix(spelled) {
                if line.dropFirst(spelled.count).drop(while: { $0 == " " || $0 == "\t" }).first == ":" { result.append(n + 1); break }
            }
        }
        return result
    }

    /// An error's description on one line: a diagnostic is `path:line: error: message`, one line each.
    static func oneLine(_ error: any Error) -> String {
        "\(error)".split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}
