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

    /// What one template includes, from one reading of its tags: the checks of a template set
    /// (cycles, missing partials) and its checksums (`TemplateChecksums`) all take it, where each
    /// read every template's tags again.
    struct Reading: Equatable {
        /// Its includes, delimiters set in it followed (`MustacheTags`).
        var includes: [Include]
        /// Whether `includes` are every template it may include: false when it changes its
        /// delimiters (`{{=<% %>=}}`), after which its tags are not read, or includes a partial
        /// named at render time (`{{>*name}}`).
        var complete: Bool

        init(_ text: String) {
            let tags = MustacheTags.of(text)
            includes = tags.compactMap { tag, line in
                guard let kind = tag.first, kind == ">" || kind == "<" else { return nil }
                let name = String(MustacheTags.trimmed(tag.dropFirst()))
                return name.isEmpty || name.hasPrefix("*") ? nil : Include(name: name, line: line)
            }
            complete = !tags.contains { tag, _ in
                guard let kind = tag.first else { return false }
                return kind == "=" || (kind == ">" || kind == "<") && tag.dropFirst().drop(while: { $0 == " " }).first == "*"
            }
        }
    }

    /// Each template's `Reading`, by name.
    static func readings(of templates: [String: String]) -> [String: Reading] { templates.mapValues(Reading.init) }

    /// The includes of one template's text (`Reading.includes`).
    static func includes(in text: String) -> [Include] { Reading(text).includes }

    /// Whether `includes(in:)` finds every template `text` may include (`Reading.complete`).
    static func namesEveryInclude(_ text: String) -> Bool { Reading(text).complete }

    /// The first include, in name order then line, of a template that `templates` lacks: the
    /// including template, the line and the name. (Mustache renders a missing partial as
    /// nothing, so a misspelt `{{> partials/meta}}` dropped every page's dates in silence.)
    static func firstMissing(in templates: [String: String]) -> (name: String, line: Int, missing: String)? {
        firstMissing(in: readings(of: templates))
    }

    /// The same, of templates read already.
    static func firstMissing(in templates: [String: Reading]) -> (name: String, line: Int, missing: String)? {
        for name in templates.keys.sorted() {
            if let include = templates[name]!.includes.first(where: { templates[$0.name] == nil }) {
                return (name, include.line, include.name)
            }
        }
        return nil
    }

    /// The first cycle among `templates` (name → text), in name order: the file and line of
    /// the include that closes it, and the names around it (`a → b → a`); nil if there is none.
    static func first(in templates: [String: String]) -> (name: String, line: Int, path: [String])? {
        first(in: readings(of: templates))
    }

    /// The same, of templates read already.
    static func first(in templates: [String: Reading]) -> (name: String, line: Int, path: [String])? {
        let edges = templates.mapValues { $0.includes.filter { templates[$0.name] != nil } }
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
