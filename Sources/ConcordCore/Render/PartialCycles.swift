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

    /// The includes of one template's text, delimiters set in it followed (`MustacheTags`).
    static func includes(in text: String) -> [Include] {
        MustacheTags.of(text).compactMap { tag, line in
            guard let kind = tag.first, kind == ">" || kind == "<" else { return nil }
            let name = String(MustacheTags.trimmed(tag.dropFirst()))
            return name.isEmpty || name.hasPrefix("*") ? nil : Include(name: name, line: line)
        }
    }

    /// Whether `includes(in:)` finds every template `text` may include: false when it changes
    /// its delimiters (`{{=<% %>=}}`), after which its tags are not read, or includes a
    /// partial named at render time (`{{>*name}}`).
    static func namesEveryInclude(_ text: String) -> Bool {
        !MustacheTags.of(text).contains { tag, _ in
            guard let kind = tag.first else { return false }
            return kind == "=" || (kind == ">" || kind == "<") && tag.dropFirst().drop(while: { $0 == " " }).first == "*"
        }
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
