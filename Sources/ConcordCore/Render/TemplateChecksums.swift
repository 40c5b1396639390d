/// The checksum each page template's output depends on: its own text, the layout's
/// (which wraps every page) and those of the partials either includes, directly or
/// through others.
///
/// A page's key carries its template's checksum, so a changed `passage.mustache`
/// re-renders the passage pages and nothing else, while a changed layout, or a partial
/// every page template includes, re-renders every page. A template whose includes
/// cannot all be read before rendering (changed delimiters, a partial named at render
/// time) makes its pages depend on every template.
struct TemplateChecksums: Sendable {
    /// The checksum of every template, names and bytes.
    let all: UInt64
    private let byTemplate: [String: UInt64]

    /// - Parameters:
    ///   - templates: every template's includes (`PartialCycles.Reading`), by name (`partials/meta` for `partials/meta.mustache`);
    ///   - sums: the checksum of each template's file, by the same names;
    ///   - pages: the templates pages are rendered with (the layout is added to each).
    init(templates: [String: PartialCycles.Reading], sums: [String: UInt64], all: UInt64, pages: [String], layout: String) {
        self.all = all
        var byTemplate: [String: UInt64] = [:]
        for page in pages {
            if let used = Self.used(by: [page, layout], templates) {
                var key = PageKey(seed: 2)
                for name in used.sorted() { key.add(name); key.add(sums[name] ?? 0) }
                byTemplate[page] = key.value
            }
        }
        self.byTemplate = byTemplate
    }

    /// The checksum a page rendered with `template` depends on.
    func of(_ template: String) -> UInt64 { byTemplate[template] ?? all }

    /// The names of `start` and every template they include, directly or through others;
    /// nil when one of them has includes that cannot be read before rendering.
    private static func used(by start: [String], _ templates: [String: PartialCycles.Reading]) -> Set<String>? {
        var seen = Set(start), pending = start
        while let name = pending.popLast() {
            guard let template = templates[name] else { continue }
            guard template.complete else { return nil }
            for include in template.includes where seen.insert(include.name).inserted { pending.append(include.name) }
        }
        return seen
    }
}
