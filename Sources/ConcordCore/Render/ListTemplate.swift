import Mustache

/// A list page's template (the archive index, the passages and speakers lists)
/// cut at its one row section (`{{#articles}}…{{/articles}}`, …): a shell
/// (everything around the section) and a row (the section's body), so that
/// each row renders on its own, in any order, and a row rendered by an earlier
/// build can be reused as it is.
///
/// Only a template of that plain shape is cut (`MustacheText.cut`): the section's
/// name used exactly twice (its open and close tags), no delimiter change, no
/// template inheritance, no line next to the cut holding nothing but a tag.
/// Anything else renders whole, as before. A row renders with
/// the row's values laid over the page's, which is what a Mustache section
/// looks up (the row first, then the enclosing context).
struct ListTemplate: Sendable {
    let shell: MustacheTemplate
    let row: MustacheTemplate
    /// Names the row's text (partials included) reads: when it reads a page-level
    /// value (such as `articleCount`), every row depends on it.
    let rowNames: Set<String>
    /// The row's text as a stencil source (`StencilSource`), when it is one and `library` was given.
    let rowStencil: StencilSource?

    /// Where the rendered rows go in the rendered shell: a line of its own.
    static let rowsMark = "\u{1}concord:rows\u{1}"

    /// - Parameters:
    ///   - section: the name of the section that repeats for each row.
    ///   - library: the templates' library, for rows filled from stencils; nil renders every row with swift-mustache.
    init?(text: String, section: String, partial: (String) -> String?, library: MustacheLibrary? = nil) {
        guard let cut = MustacheText.cut(text, at: section), let names = Self.names(in: cut.body, partial: partial),
              !names.contains(".") else { return nil }
        // Pragmas (`{{% CONTENT_TYPE: HTML }}`) set up the whole template; the row needs them too.
        let pragmas = MustacheText.tags(in: cut.prefix).filter { $0.hasPrefix("%") }.map { "{{" + $0 + "}}\n" }.joined()
        guard let shell = try? MustacheTemplate(string: cut.prefix + Self.rowsMark + "\n" + cut.suffix),
              let row = try? MustacheTemplate(string: pragmas + cut.body) else { return nil }
        self.shell = shell; self.row = row; self.rowNames = names
        rowStencil = library.flatMap { StencilSource(text: pragmas + cut.body, library: $0) }
    }

    /// Every name `text` and the partials it includes look up; nil when a partial is missing.
    static func names(in text: String, partial: (String) -> String?, seen: Set<String> = []) -> Set<String>? {
        var names = Set<String>()
        for tag in MustacheText.tags(in: text) {
            if tag.hasPrefix(">") {
                let p = String(tag.dropFirst()).trimmingSpaces
                if seen.contains(p) { continue }
                guard let inner = partial(p), let more = self.names(in: inner, partial: partial, seen: seen.union([p])) else { return nil }
                names.formUnion(more)
            } else if case let n = MustacheText.name(of: tag), !n.isEmpty {
                names.insert(n)
            }
        }
        return names
    }

    /// The rendered shell, split where the rows go.
    func shellParts(_ context: [String: Any], library: MustacheLibrary) -> (before: String, after: String) {
        let rendered = shell.render(context, library: library)
        guard let mark = rendered.range(of: Self.rowsMark + "\n") else { return (rendered, "") }
        return (String(rendered[..<mark.lowerBound]), String(rendered[mark.upperBound...]))
    }

    /// One row: the row's values laid over the page's. Filled from the row's stencil where it
    /// has one (`StencilSource.fill`), else rendered by swift-mustache.
    func renderRow(_ row: [String: Any], page: [String: Any], library: MustacheLibrary) -> String {
        guard let source = rowStencil else { return plainRow(row, page: page, library: library) }
        return source.fill([page, row]) { plainRow(row, page: page, library: library) }.text
    }

    /// One row rendered by swift-mustache.
    func plainRow(_ row: [String: Any], page: [String: Any], library: MustacheLibrary) -> String {
        var context = page
        for (k, v) in row { context[k] = v }
        return self.row.render(context, library: library)
    }
}
