import Foundation

/// Finds templates that include themselves, directly or through other partials.
///
/// swift-mustache follows `{{> name}}` (and `{{< name}}`) as often as it is told to, so a
/// template that includes itself recursed until the stack ran out and the build crashed
/// (`concord serve` with it). Concord's pages are flat, and a section around the partial
/// would not stop it either (a name missing from the inner context is looked up in the
/// outer one, which has it), so any such cycle is refused before anything renders.
/// Its reading of includes also tells `TemplateChecksums` which templates a page uses.
enum PartialCycles {
    /// A `{{>` or `{{<` tag in a template: the name it includes and the line it is on.
    struct Include: Equatable { var name: String; var line: Int }

    /// The includes of one template's text, delimiters set in it followed (`tags(in:)`).
    static func includes(in text: String) -> [Include] {
        tags(in: text).compactMap { tag, line in
            guard let kind = tag.first, kind == ">" || kind == "<" else { return nil }
            let name = tag.dropFirst().trimmingCharacters(in: .whitespaces)
            return name.isEmpty || name.hasPrefix("*") ? nil : Include(name: name, line: line)
        }
    }

    /// Whether `includes(in:)` finds every template `text` may include: false when it changes
    /// its delimiters (`{{=<% %>=}}`), after which its tags are not read, or includes a
    /// partial named at render time (`{{>*name}}`).
    static func namesEveryInclude(_ text: String) -> Bool {
        !tags(in: text).contains { tag, _ in
            guard let kind = tag.first else { return false }
            return kind == "=" || (kind == ">" || kind == "<") && tag.dropFirst().drop(while: { $0 == " " }).first == "*"
        }
    }

    /// Each tag's text (between its delimiters) and the line it starts on. The delimiters are
    /// `{{ }}` until a tag sets others (`{{=<% %>=}}`), as Mustache reads them: a template that
    /// changes them and then includes itself (`<%> meta %>`) is found like any other.
    private static func tags(in text: String) -> [(tag: Substring, line: Int)] {
        var result: [(Substring, Int)] = []
        var line = 1
        var rest = Substring(text)
        var (open, close) = ("{{", "}}")
        while let start = rest.range(of: open) {
            line += rest[..<start.lowerBound].filter { $0 == "\n" || $0 == "\r\n" }.count
            let after = rest[start.upperBound...]
            guard let end = after.range(of: close) else { break }
            let tag = after[..<end.lowerBound]
            result.append((tag, line))
            line += tag.filter { $0 == "\n" || $0 == "\r\n" }.count
            rest = after[end.upperBound...]
            // `=<% %>=`: the two new delimiters, apart by spaces.
            if tag.count > 2, tag.first == "=", tag.last == "=" {
                let parts = tag.dropFirst().dropLast().split(whereSeparator: { $0 == " " || $0 == "\t" })
                if parts.count == 2 { (open, close) = (String(parts[0]), String(parts[1])) }
            }
        }
        return result
    }

    /// The first include, in name order then line, of a template that `templates` lacks: the
    /// including template, the line and the name. (Mustache renders a missing partial as
    /// nothing, so a misspelt `{{> partials/meta}}` dropped every page's dates in silence.)
    static func firstMissing(in templates: [String: String]) -> (name: String, line: Int, missing: String)? {
        for name in templates.keys.sorted() {
            if let include = includes(in: templates[name]!).first(where: { templates[$0.name] == nil }) {
                return (name, include.line, include.name)
            }
        }
        return nil
    }

    /// The first cycle among `templates` (name → text), in name order: the file and line of
    /// the include that closes it, and the names around it (`a → b → a`); nil if there is none.
    static func first(in templates: [String: String]) -> (name: String, line: Int, path: [String])? {
        let edges = templates.mapValues { includes(in: $0).filter { templates[$0.name] != nil } }
        var done = Set<String>()
        var stack: [String] = []
        func visit(_ name: String) -> (String, Int, [String])? {
            stack.append(name)
            defer { stack.removeLast() }
            for include in edges[name] ?? [] {
                if let start = stack.firstIndex(of: include.name) {
                    return (name, include.line, Array(stack[start...]) + [include.name])
                }
                if !done.contains(include.name), let found = visit(include.name) { return found }
            }
            done.insert(name)
            return nil
        }
        for name in templates.keys.sorted() where !done.contains(name) {
            if let found = visit(name) { return found }
        }
        return nil
    }
}
