import Mustache

/// A template's text as stencils see it: the names it reads, the sections it
/// can cut out as rows, and its stencils by shape (one per combination of
/// flags, absent values and row sections; usually a handful per template).
///
/// Only texts whose meaning a mark cannot change get one: the first tag is
/// `{{% CONTENT_TYPE: HTML }}` (Concord's escaper, in partials too), names are
/// plain (no dotted names or transforms; `.` only where it does not print a
/// dictionary), no delimiter changes, inheritance, dynamic or standalone partials. Values must be strings, integers, flags,
/// dictionaries or arrays of dictionaries (or empty arrays). Then a string and
/// its mark take the same path through swift-mustache (printed, escaped,
/// or a section rendered once), and a row section cut out and rendered per row
/// reads what Mustache's context stack would give it: the row first, then the
/// page. Anything else renders with swift-mustache alone.
final class StencilSource: @unchecked Sendable {
    static let pragma = "% CONTENT_TYPE: HTML"

    private let text: String
    private let library: MustacheLibrary
    /// Every name the text and its partials read, sorted: a shape has one value per name.
    let names: [String]
    /// Per name: whether its section can be cut out of this text as rows.
    private let cuttable: [Bool]
    /// Per name: where its first tag is in the text (row sections are cut outermost first).
    private let firstTag: [Int]
    private let stencils = Locked<[[UInt8]: Stencil?]>([:])
    private let children = Locked<[Int: StencilSource?]>([:])
    /// Set when a page filled from this source differed from swift-mustache's rendering.
    let failed = Locked(false)

    init?(text: String, library: MustacheLibrary) {
        let utf8 = Array(text.utf8)
        guard let (own, fromPartials) = Self.analyse(utf8, library: library, seen: []) else { return nil }
        self.text = text
        self.library = library
        names = own.union(fromPartials).sorted()
        let tags = MustacheText.scan(utf8)
        // Each tag's name read once (per name and tag, they were most of the templates' checks at every build).
        var tagsByName: [String: [Int]] = [:]
        for (k, tag) in tags.enumerated() { if let n = MustacheText.plainName(tag.inner) { tagsByName[n, default: []].append(k) } }
        cuttable = names.map { n in
            let named = (tagsByName[n] ?? []).map { tags[$0] }
            return !fromPartials.contains(n) && named.count == 2 && named[0].inner.hasPrefix("#") && named[1].inner.hasPrefix("/")
                && MustacheText.cut(text, at: n) != nil
        }
        firstTag = names.map { n in tagsByName[n]?.first.map { tags[$0].range.lowerBound } ?? Int.max }
    }

    /// The text for `scope` (see `render`), filled from a stencil where one stands in, else
    /// `plain()`. A call that made a new stencil also gets `plain()` and keeps the stencil
    /// only if the two agree; if they ever differ, this source is not used again.
    func fill(_ scope: [[String: Any]], plain: () -> String) -> (text: String, filled: Bool) {
        guard !failed.withLock({ $0 }) else { return (plain(), false) }
        var out = "", pending: [Pending] = []
        guard render(scope, into: &out, pending: &pending) else { return (plain(), false) }
        if !pending.isEmpty {
            let reference = plain()
            guard reference == out else { failed.withLock { $0 = true }; return (reference, false) }
            Self.commit(pending)
        }
        return (out, true)
    }

    /// A stencil made for a page and not yet checked against swift-mustache's rendering of it.
    struct Pending {
        let source: StencilSource
        let shape: [UInt8]
        let stencil: Stencil
    }

    /// Appends to `out` the text for the context `scope` (the page, then the rows
    /// it is inside, innermost last); false when some value has no stencil (the
    /// page then renders with swift-mustache instead). Stencils made for this call
    /// are added to `pending`: the caller compares the page with swift-mustache's
    /// and `commit`s them only if it is the same, so that no other page uses a
    /// stencil never checked.
    func render(_ scope: [[String: Any]], into out: inout String, pending: inout [Pending]) -> Bool {
        var scope = scope, recent: Recent? = nil
        return render(&scope, into: &out, pending: &pending, recent: &recent)
    }

    /// The stencil the previous row of a section used: rows mostly share a shape, and
    /// comparing shapes costs less than finding one in the shared table.
    typealias Recent = (shape: [UInt8], stencil: Stencil)

    private func render(_ scope: inout [[String: Any]], into out: inout String, pending: inout [Pending], recent: inout Recent?) -> Bool {
        var values: [StencilValue] = []
        var shape: [UInt8] = []
        values.reserveCapacity(names.count); shape.reserveCapacity(names.count)
        for (i, name) in names.enumerated() {
            var value = name == "." ? .current : StencilValue(Self.lookup(name, in: scope))
            if case .rows(let rows) = value, !cuttable[i] { value = rows.isEmpty ? .emptyList : .opaque }
            if case .opaque = value { return false }
            values.append(value); shape.append(value.shape)
        }
        let stencil: Stencil
        if let recent, recent.shape == shape {
            stencil = recent.stencil
        } else {
            guard let found = self.stencil(for: shape, values, &pending) else { return false }
            stencil = found
            recent = (shape, found)
        }
        for part in stencil.parts {
            switch part {
            case .text(let s): out += s
            case .value(let i, let escaped):
                guard case .scalar(let s) = values[i] else { return false }
                out += escaped ? HTML.escape(s) : s
            case .rows(let i, let source):
                guard case .rows(let rows) = values[i] else { return false }
                var last: Recent? = nil
                for row in rows {
                    scope.append(row)
                    defer { scope.removeLast() }
                    guard source.render(&scope, into: &out, pending: &pending, recent: &last) else { return false }
                }
            }
        }
        return true
    }

    /// A name's value as Mustache's context stack finds it: in the innermost row first.
    private static func lookup(_ name: String, in scope: [[String: Any]]) -> Any? {
        for level in scope.reversed() { if let v = level[name] { return v } }
        return nil
    }

    private func stencil(for shape: [UInt8], _ values: [StencilValue], _ pending: inout [Pending]) -> Stencil? {
        if let known = stencils.withLock({ $0[shape] }) { return known }
        if let made = pending.first(where: { $0.source === self && $0.shape == shape }) { return made.stencil }
        guard let made = make(values) else {
            // A shape with no stencil renders with swift-mustache: nothing to check.
            stencils.withLock { $0[shape] = .some(nil) }
            return nil
        }
        pending.append(Pending(source: self, shape: shape, stencil: made))
        return made
    }

    /// Keeps stencils checked on a page for every page of their shape.
    static func commit(_ pending: [Pending]) {
        for p in pending { p.source.stencils.withLock { $0[p.shape] = .some(p.stencil) } }
    }

    /// Renders this text with swift-mustache for the shape of `values`: marks for
    /// printed values, flags as they are, row sections cut out (outermost first;
    /// one inside another is read by the outer one's rows).
    private func make(_ values: [StencilValue]) -> Stencil? {
        var shellText = text
        var sources: [Int: StencilSource] = [:]
        var context: [String: Any] = [:]
        let rowNames = names.indices.filter { if case .rows = values[$0] { true } else { false } }.sorted { firstTag[$0] < firstTag[$1] }
        for i in rowNames {
            let name = names[i]
            guard MustacheText.tags(in: shellText).contains(where: { MustacheText.plainName($0) == name }) else { continue }
            guard let cut = MustacheText.cut(shellText, at: name), let source = child(i, body: cut.body) else { return nil }
            shellText = cut.prefix + Stencil.rowsMark(i) + "\n" + cut.suffix
            sources[i] = source
        }
        for (i, name) in names.enumerated() {
            switch values[i] {
            case .scalar: context[name] = Stencil.valueMark(i)
            case .flag(let b): context[name] = b
            case .emptyList: context[name] = [Any]()
            case .absent, .rows, .current, .opaque: break
            }
        }
        guard let shell = try? MustacheTemplate(string: shellText) else { return nil }
        let rendered = shell.render(context, library: library)
        // `{{.}}` printing a dictionary prints all of it: rendered again with one more key, the text would differ.
        if names.contains(".") {
            context["\u{1}concord:probe"] = 1
            guard shell.render(context, library: library) == rendered else { return nil }
        }
        return Stencil(rendered: rendered, sources: sources, names: names.count)
    }

    /// The source of the rows of section `i` (the same body whatever else was cut).
    private func child(_ i: Int, body: String) -> StencilSource? {
        if let known = children.withLock({ $0[i] }) { return known }
        let made = StencilSource(text: "{{\(Self.pragma)}}\n" + body + Stencil.endMark, library: library)
        children.withLock { $0[i] = .some(made) }
        return made
    }

    /// The names `utf8` reads itself and those its partials read; nil when a tag is one
    /// stencils do not handle (see the type's comment).
    private static func analyse(_ utf8: [UInt8], library: MustacheLibrary, seen: Set<String>) -> (own: Set<String>, partials: Set<String>)? {
        let tags = MustacheText.scan(utf8)
        guard tags.first?.inner == pragma else { return nil }
        var own = Set<String>(), fromPartials = Set<String>()
        for (k, tag) in tags.enumerated() {
            let inner = tag.inner
            switch inner.first {
            case "!": continue
            case "%": guard k == 0 else { return nil }
            case ">":
                let name = String(inner.dropFirst()).trimmingSpaces
                guard !name.hasPrefix("*"), !seen.contains(name), !MustacheText.isStandalone(tag.range, utf8),
                      let partial = library.getTemplate(named: name)?.description,
                      let read = analyse(Array(partial.utf8), library: library, seen: seen.union([name])) else { return nil }
                fromPartials.formUnion(read.own); fromPartials.formUnion(read.partials)
            default:
                guard let name = MustacheText.plainName(inner) else { return nil }
                own.insert(name)
            }
        }
        return (own, fromPartials)
    }
}
