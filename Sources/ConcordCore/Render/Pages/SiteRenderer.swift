import Foundation

/// Renders the pages of the site: every page, or (incremental builds) only
/// those whose `PageKey` changed.
public struct SiteRenderer: Sendable {
    public let templates: TemplateSet
    public let model: SiteModel
    public let siteTitle: String

    /// Every page of the site, the long ones (the lists) first, so they run beside the
    /// many short ones; and each page's `PathHash`, in the same order. Only the pages
    /// rendered need their path as a string (`path(at:)`).
    let pages: [Page]
    let pathHashes: [UInt64]
    /// The pages' paths, each followed by a newline, in page order, by chunks of `lineChunk`
    /// pages: what the manifest lists (`SiteFileList`). Made with the hashes, from the paths'
    /// pieces (`PagePath`), in one pass over the articles' objects, scattered in memory.
    let pathLines: [[UInt8]]
    static let lineChunk = 1024
    private let articleStart: PageKey, passageStart: PageKey

    public init(templates: TemplateSet, model: SiteModel, siteTitle: String = "Concord archive") {
        self.templates = templates; self.model = model; self.siteTitle = siteTitle
        var pages: [Page] = [.index, .speakers, .passages, .notFound]
        pages.reserveCapacity(4 + model.articles.count + model.annotations.passages.count + model.speakers.count)
        for i in model.articles.indices { pages.append(.article(i)) }
        for p in model.annotations.passages.indices { pages.append(.passage(p)) }
        for s in model.speakers.indices { pages.append(.speaker(s)) }
        self.pages = pages
        // Every article page's key starts the same, and every passage page's: hashed once, not per page.
        articleStart = Self.placeKey(of: .article(0), Self.frame(of: .article(0), model, siteTitle), templates.checksums, siteTitle)
        passageStart = Self.placeKey(of: .passage(0), Self.frame(of: .passage(0), model, siteTitle), templates.checksums, siteTitle)
        // In parallel: 112,000 paths at 100,000 articles, and the other core is idle here.
        let parts = ParallelMap.map(Array(stride(from: 0, to: pages.count, by: Self.lineChunk)), chunk: 1) { lo in
            var hashes: [UInt64] = [], lines: [UInt8] = []
            hashes.reserveCapacity(Self.lineChunk); lines.reserveCapacity(Self.lineChunk * 48)
            for i in lo..<min(pages.count, lo + Self.lineChunk) {
                let start = lines.count
                if case .article(let k) = pages[i] {
                    PagePath.appendArticle(to: &lines) { model.appendID(of: k, to: &$0) }
                } else {
                    Self.pagePath(of: pages[i], model).append(to: &lines)
                }
                hashes.append(lines.withUnsafeBytes { PathHash.of(UnsafeRawBufferPointer(rebasing: $0[start...])) })
                lines.append(0x0A)
            }
            return (hashes: hashes, lines: lines)
        }
        pathHashes = parts.flatMap(\.hashes)
        pathLines = parts.map(\.lines)
    }

    /// One page to write.
    enum Page: Sendable { case index, notFound, speakers, passages, article(Int), passage(Int), speaker(Int) }

    /// Where a page goes.
    private static func pagePath(of page: Page, _ model: SiteModel) -> PagePath {
        switch page {
        case .index: PagePath(whole: "index.html")
        case .notFound: PagePath(whole: "404.html")
        case .speakers: PagePath(whole: Links.speakers)
        case .passages: PagePath(whole: Links.passages)
        case .article(let i): .article(model.articles[i].id)
        case .passage(let p): .passage(model.annotations.passages[p].id)
        case .speaker(let s): .speaker(model.speakers[s].slug)
        }
    }

    /// A page's template, title and depth.
    func frame(of page: Page) -> (template: String, title: String, root: String) { Self.frame(of: page, model, siteTitle) }

    /// The same; an article page's title is "" when `model` has no such article (only its key's start is asked for).
    private static func frame(of page: Page, _ model: SiteModel, _ siteTitle: String) -> (template: String, title: String, root: String) {
        switch page {
        case .index: ("index", siteTitle, "")
        case .notFound: ("404", "Not found", "/")
        case .speakers: ("speakers", "Speakers", Links.up1)
        case .passages: ("passages", "Shared passages", Links.up1)
        case .article(let i): ("article", i < model.articles.count ? model.articles[i].title : "", Links.up2)
        case .passage: ("passage", "Shared passage", Links.up2)
        case .speaker(let s): ("speaker", model.speakers[s].name, Links.up2)
        }
    }

    /// Where a page goes, its template, title and depth.
    func place(of page: Page) -> (path: String, template: String, title: String, root: String) {
        let frame = frame(of: page)
        return (path(of: page), frame.template, frame.title, frame.root)
    }

    /// The start of every page's key: its template, title and depth (its path is what
    /// the key is stored under). An article page's title is its article's, which
    /// `articleKey` covers with the article's bytes.
    func placeKey(of page: Page) -> PageKey {
        switch page {
        case .article: articleStart
        case .passage: passageStart
        default: Self.placeKey(of: page, frame(of: page), templates.checksums, siteTitle)
        }
    }

    private static func placeKey(of page: Page, _ frame: (template: String, title: String, root: String),
                                 _ checksums: TemplateChecksums, _ siteTitle: String) -> PageKey {
        var key = PageKey(seed: checksums.of(frame.template))
        key.add(siteTitle); key.add(frame.template); key.add(frame.root)
        if case .article = page {} else { key.add(frame.title) }
        return key
    }

    func context(of page: Page, _ contexts: PageContexts) -> [String: Any] {
        switch page {
        case .index: return contexts.list(.articles)
        case .notFound: return [:]
        case .speakers: return contexts.list(.speakers)
        case .passages: return contexts.list(.passages)
        case .article(let i): return contexts.article(at: i)
        case .passage(let p): return contexts.passage(at: p)
        case .speaker(let s): return contexts.speaker(at: s)
        }
    }

    /// The key of each page, in the order of `pages`: equal keys, equal bytes. The list
    /// pages' keys come from their rows (`listKey(_:rowKeys:)`) and are passed in.
    func keys(listKeys: [Listing: UInt64]) -> [UInt64] {
        let contexts = PageContexts(model: model)
        return ParallelMap.map(count: pages.count, chunk: 64) { i in
            if let list = Self.listing(of: pages[i]) { return listKeys[list]! }
            return key(of: pages[i], contexts)
        }
    }

    /// Where a page goes.
    func path(of page: Page) -> String { Self.pagePath(of: page, model).string }

    /// Where the page at `i` (a position in `pages`) goes.
    func path(at i: Int) -> String { path(of: pages[i]) }

    /// The list a page is, if it is one.
    static func listing(of page: Page) -> Listing? {
        switch page {
        case .index: .articles
        case .passages: .passages
        case .speakers: .speakers
        default: nil
        }
    }

    private func key(of page: Page, _ contexts: PageContexts) -> UInt64 {
        var key = placeKey(of: page)
        switch page {
        case .article(let i): contexts.articleKey(at: i, into: &key)
        case .passage(let p): contexts.passageKey(at: p, into: &key)
        case .speaker(let s): contexts.speakerKey(at: s, into: &key)
        case .index, .passages, .speakers: preconditionFailure("a list page's key comes from its rows (listKey)")
        default: key.add(any: context(of: page, contexts))
        }
        return key.value
    }

    /// One page's HTML.
    func html(of page: Page) throws(BuildFailure) -> String {
        let place = place(of: page)
        return try templates.page(place.template, context(of: page, PageContexts(model: model)), title: place.title,
                                  root: place.root, siteTitle: siteTitle)
    }

    /// The files of the articles the pages at `chosen` read (an article page its own, a
    /// passage page its copies'), each once, in page order: what `ReadAhead` asks for.
    func sourcePaths(of chosen: [Int]) -> [String] {
        var seen = [Bool](repeating: false, count: model.articles.count)
        var paths: [String] = []
        func add(_ k: Int32) {
            guard k >= 0, !seen[Int(k)] else { return }
            seen[Int(k)] = true; paths.append(model.articles[Int(k)].path)
        }
        for i in chosen {
            switch pages[i] {
            case .article(let k): add(Int32(k))
            case .passage(let p): for n in model.annotations.passages[p].witnesses.indices { add(model.witnessArticle(p, n)) }
            default: break
            }
        }
        return paths
    }

    /// Renders the pages at `chosen` (positions in `pages`) and hands each to
    /// `write(position, html)`; returns the number rendered.
    func render(_ chosen: [Int], write: (Int, String) -> Void) throws(BuildFailure) -> Int {
        let contexts = PageContexts(model: model)
        let failures = Locked<[BuildFailure]>([])
        // A few pages (an incremental build): one at a time, so a long one does not hold a chunk of short ones back.
        _ = ParallelMap.map(chosen, chunk: chosen.count < 512 ? 1 : 4) { i in
            let page = pages[i], frame = frame(of: page)
            do throws(BuildFailure) {
                write(i, try templates.page(frame.template, context(of: page, contexts), title: frame.title,
                                            root: frame.root, siteTitle: siteTitle))
            } catch {
                failures.withLock { $0.append(error) }
            }
        }
        if let error = failures.withLock({ $0.first }) { throw error }
        return chosen.count
    }

    /// Renders every page and copies the assets; returns the number of HTML pages written.
    public func render(into writer: StagingWriter) throws(BuildFailure) -> Int {
        let n = try render(Array(pages.indices), write: { writer.write(path(at: $0), $1) })
        for asset in templates.assets { writer.write(asset, try templates.assetBytes(asset)) }
        return n
    }
}
