import Foundation
import Mustache

/// The Mustache templates and static assets of a `templates/` folder.
///
/// Loaded and checked before anything else runs, so a broken or missing
/// template stops the build (exit 2) with the last good site left in place.
public struct TemplateSet: Sendable {
    public static let required = ["layout", "index", "article", "passage", "passages", "speaker", "speakers", "404"]

    let library: MustacheLibrary
    /// Files other than templates (stylesheets, scripts, images), relative paths, copied as they are.
    public let assets: [String]
    /// Names the templates use that no page gives (`TemplateNames`): each renders as nothing.
    public let warnings: [Diagnostic]
    /// The templates folder; for the built-in templates, a name that says so in messages.
    public let folder: URL
    /// The assets' bytes when the templates are built in (nil: read from `folder`).
    private let embeddedAssets: [String: [UInt8]]?
    /// Whether these are the templates built into Concord (`builtIn()`).
    public var isBuiltIn: Bool { embeddedAssets != nil }
    /// Checksums of the templates (names and bytes) each page template depends on: part of
    /// every page's key. Assets are not in them: pages link to them, so a changed stylesheet
    /// rewrites only itself.
    let checksums: TemplateChecksums
    /// Checksum of every file of the folder, assets included.
    let folderChecksum: UInt64
    /// The list pages' templates cut into shell and row, where their shape allows
    /// (a list missing here renders whole).
    let lists: [Listing: ListTemplate]
    /// The speaker page's template cut at its entries (`{{#quotes}}…{{/quotes}}`), when its
    /// shape allows and its entries read none of the page's own values; else nil (the page
    /// renders whole). Its entries are kept between builds (`SpeakerRows`).
    let speakerEntries: ListTemplate?
    /// The page templates stencils can render (`StencilSource`); empty when they are off.
    let stencils: [String: StencilSource]
    /// Pages filled from a stencil, and pages rendered by swift-mustache alone.
    let stencilCounts = Locked<(filled: Int, plain: Int)>((0, 0))

    /// What swift-mustache's parse error means, in words, with its own name for it after
    /// (`sectionCloseNameIncorrect` alone said little to someone editing a page).
    static func explain(_ error: Swift.Error) -> String {
        let what: String
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: what = "a closing tag {{/…}} names another section than the one open (sections close in the order they open)"
        case .unfinishedName?: what = "a tag is not finished ({{ without its }}, or a name with spaces)"
        case .expectedSectionEnd?: what = "a section {{#…}} or {{^…}} is never closed"
        case .invalidSetDelimiter?: what = "a delimiter tag {{=… …=}} is badly formed"
        default: return "\(error)"
        }
        return what + " (\(error))"
    }

    /// The templates of `folder`.
    /// - Parameter stencils: false renders every page with swift-mustache alone (tests compare the two).
    public init(folder: URL, stencils useStencils: Bool = true) async throws(BuildFailure) {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir), isDir.boolValue else {
            throw BuildFailure("templates folder '\(folder.path)' does not exist")
        }
        _ = FastHTMLContentType.registered   // before parsing: the templates' CONTENT_TYPE pragma names it
        let library: MustacheLibrary
        do {
            // (swift-mustache's walk does not enter a folder given as a symbolic link: it is given
            // the folder the link leads to, as the rest of the build reads it.)
            library = try await MustacheLibrary(directory: folder.resolvingSymlinksInPath().path)
        } catch let error as MustacheLibrary.ParserError {
            throw BuildFailure("\(folder.appendingPathComponent(error.filename).path):\(error.context.lineNumber): error: broken template: "
                               + Self.explain(error.error) + " near '\(error.context.line.trimmingCharacters(in: .whitespaces))'")
        } catch {
            throw BuildFailure("cannot load templates from '\(folder.path)': \(error)")
        }
        let files = (FastFiles.listFiles(under: folder.path) ?? []).sorted().map { ($0, FastFiles.read(folder.path + "/" + $0) ?? []) }
        try self.init(library: library, files: files, folder: folder, embedded: false, stencils: useStencils)
    }

    /// The templates built into Concord (`BuiltInTemplates`), for an archive with no templates folder.
    public static func builtIn(stencils useStencils: Bool = true) throws(BuildFailure) -> TemplateSet {
        _ = FastHTMLContentType.registered
        var library = MustacheLibrary()
        let files = BuiltInTemplates.files
        for (path, bytes) in files where path.hasSuffix(".mustache") {
            do { try library.register(String(decoding: bytes, as: UTF8.self), named: String(path.dropLast(".mustache".count))) } catch {
                throw BuildFailure("built-in template \(path): error: broken template: \(Self.explain(error))")
            }
        }
        return try TemplateSet(library: library, files: files, folder: URL(fileURLWithPath: "(built-in templates)"), embedded: true,
                               stencils: useStencils)
    }

    /// - Parameters:
    ///   - files: every file of the templates (relative path and bytes), sorted by path.
    ///   - embedded: whether the assets are to be taken from `files` (built-in templates) rather
    ///     than read from `folder` when the site is written.
    private init(library: MustacheLibrary, files: [(String, [UInt8])], folder: URL, embedded: Bool, stencils useStencils: Bool) throws(BuildFailure) {
        self.folder = folder
        self.library = library
        for name in Self.required where library.getTemplate(named: name) == nil {
            throw BuildFailure("\(folder.appendingPathComponent(name + ".mustache").path):1: error: template '\(name)' is missing")
        }
        var key = PageKey(seed: 0)
        var all = PageKey(seed: 1)
        var texts: [String: String] = [:], sums: [String: UInt64] = [:]   // by template name
        var embeddedAssets: [String: [UInt8]] = [:]
        for (f, bytes) in files {
            let sum = Checksum.of(bytes)
            if f.hasSuffix(".mustache") {
                key.add(f); key.add(sum)
                let name = String(f.dropLast(".mustache".count))
                texts[name] = String(decoding: bytes, as: UTF8.self); sums[name] = sum
            } else if embedded {
                embeddedAssets[f] = bytes
            }
            all.add(f); all.add(sum)
        }
        self.embeddedAssets = embedded ? embeddedAssets : nil
        // Each template's includes read once, for the checks and the checksums.
        let readings = PartialCycles.readings(of: texts)
        if let cycle = PartialCycles.first(in: readings) {
            throw BuildFailure("\(folder.appendingPathComponent(cycle.name + ".mustache").path):\(cycle.line): error: templates include each other without "
                               + "end (\(cycle.path.joined(separator: " → "))): a template may not include itself, directly or through others")
        }
        if let missing = PartialCycles.firstMissing(in: readings) {
            throw BuildFailure("\(folder.appendingPathComponent(missing.name + ".mustache").path):\(missing.line): error: the template includes "
                               + "'\(missing.missing)', which does not exist (no \(missing.missing).mustache in \(folder.path))")
        }
        warnings = texts.keys.sorted().flatMap { name in
            TemplateNames.unknown(in: texts[name]!, known: PageContexts.names).map { u in
                Diagnostic(path: folder.appendingPathComponent(name + ".mustache").path, line: u.line, severity: .warning,
                           message: "'\(u.name)' is no value Concord gives a page: Mustache renders it as nothing"
                               + (u.meant.map { " (did you mean '\($0)'?)" } ?? ""))
            }
        }
        checksums = TemplateChecksums(templates: readings, sums: sums, all: key.value,
                                      pages: Self.required.filter { $0 != "layout" }, layout: "layout")
        folderChecksum = all.value
        let lib = library
        var lists: [Listing: ListTemplate] = [:]
        for list in Listing.allCases {
            lists[list] = lib.getTemplate(named: list.template).flatMap {
                ListTemplate(text: $0.description, section: list.section, partial: { lib.getTemplate(named: $0)?.description },
                             library: useStencils ? lib : nil)
            }
        }
        self.lists = lists
        speakerEntries = lib.getTemplate(named: "speaker").flatMap {
            ListTemplate(text: $0.description, section: "quotes", partial: { lib.getTemplate(named: $0)?.description },
                         library: useStencils ? lib : nil)
        }.flatMap { $0.rowNames.isDisjoint(with: SpeakerQuotes.pageNames) ? $0 : nil }
        var stencils: [String: StencilSource] = [:]
        if useStencils {
            for name in Self.required where name != "layout" {
                if let text = lib.getTemplate(named: name)?.description { stencils[name] = StencilSource(text: text, library: lib) }
            }
        }
        self.stencils = stencils
        self.assets = files.map(\.0).filter { !$0.hasSuffix(".mustache") }
    }

    /// The bytes of `asset` (one of `assets`): built in, or read from the folder.
    func assetBytes(_ asset: String) throws(BuildFailure) -> [UInt8] {
        if let embeddedAssets { return embeddedAssets[asset] ?? [] }
        let file = folder.path + "/" + asset
        guard let bytes = FastFiles.read(file) else { throw BuildFailure("cannot read asset \(file): \(FastFiles.whyUnreadable(file))") }
        return bytes
    }

    /// Renders a page body with `template`, then wraps it in `layout`.
    ///
    /// The layout is rendered once per site depth with placeholders for the
    /// page title and content, which each page then fills in: a page costs one
    /// template render, not two. The title is escaped as Mustache would.
    func page(_ template: String, _ context: [String: Any], title: String, root: String, siteTitle: String) throws(BuildFailure) -> String {
        guard let content = body(template, context) else {
            throw BuildFailure("template '\(template)' is missing")
        }
        return try wrap(title: title, root: root, siteTitle: siteTitle, size: content.utf8.count) { $0 += content }
    }

    /// A page body filled from its template's stencil where one stands in (`StencilSource.fill`),
    /// else rendered by swift-mustache; nil when the template is missing.
    private func body(_ template: String, _ context: [String: Any]) -> String? {
        guard let source = stencils[template] else {
            stencilCounts.withLock { $0.plain += 1 }
            return library.render(context, withTemplate: template)
        }
        let (text, filled) = source.fill([context]) { library.render(context, withTemplate: template) ?? "" }
        stencilCounts.withLock { if filled { $0.filled += 1 } else { $0.plain += 1 } }
        return text
    }

    /// A page body (appended by `content`, about `size` bytes) wrapped in `layout`.
    func wrap(title: String, root: String, siteTitle: String, size: Int, content: (inout String) -> Void) throws(BuildFailure) -> String {
        let parts = try layout(title: title, root: root, siteTitle: siteTitle)
        var html = ""
        html.reserveCapacity(parts.reduce(0) { $0 + ($1?.utf8.count ?? 0) } + size + 256)
        for part in parts {
            if let part { html += part } else { content(&html) }
        }
        return html
    }

    /// `layout` for a page of this title and depth, in pieces: its text, and nil where the body goes.
    func layout(title: String, root: String, siteTitle: String) throws(BuildFailure) -> [String?] {
        let escapedTitle = HTML.escape(title)
        return try layoutParts(root: root, siteTitle: siteTitle).map { part in
            switch part {
            case Self.titleMark: escapedTitle
            case Self.contentMark: nil
            default: part
            }
        }
    }

    static let titleMark = "\u{1}concord:title\u{1}"
    static let contentMark = "\u{1}concord:content\u{1}"
    /// Rendered layouts by site depth; shared by the rendering threads.
    private let layouts = Locked<[String: [String]]>([:])

    private func layoutParts(root: String, siteTitle: String) throws(BuildFailure) -> [String] {
        if let cached = layouts.withLock({ $0[root] }) { return cached }
        let context: [String: Any] = ["pageTitle": Self.titleMark, "siteTitle": siteTitle, "root": root,
                                      "isHome": root.isEmpty, "content": Self.contentMark]
        guard let rendered = library.render(context, withTemplate: "layout") else {
            throw BuildFailure("template 'layout' is missing")
        }
        // Split at the marks, keeping them as parts of their own.
        var parts: [String] = []
        var rest = Substring(rendered)
        while let r = rest.range(of: "\u{1}concord:") {
            parts.append(String(rest[..<r.lowerBound]))
            let after = rest[r.upperBound...]
            guard let end = after.firstIndex(of: "\u{1}") else { break }
            parts.append("\u{1}concord:" + after[..<end] + "\u{1}")
            rest = after[after.index(after: end)...]
        }
        parts.append(String(rest))
        layouts.withLock { $0[root] = parts }
        return parts
    }
}

