import Foundation

/// Renders every page of the site and hands it to the staging writer.
///
/// Pages are independent, so each kind is rendered on all cores.
public struct SiteRenderer: Sendable {
    public let templates: TemplateSet
    public let model: SiteModel
    public let siteTitle: String

    public init(templates: TemplateSet, model: SiteModel, siteTitle: String = "Concord archive") {
        self.templates = templates; self.model = model; self.siteTitle = siteTitle
    }

    /// Renders all pages; returns the number of HTML pages written.
    public func render(into writer: StagingWriter) throws(BuildFailure) -> Int {
        let pages = PageContexts(model: model)
        let failures = Locked<[BuildFailure]>([])
        func emit(_ path: String, _ template: String, _ ctx: [String: Any], title: String, root: String) {
            do {
                let html = try templates.page(template, ctx, title: title, root: root, siteTitle: siteTitle)
                writer.write(path, html)
            } catch {
                failures.withLock { $0.append(error) }
            }
        }
        // Every page is one job; the long ones (the indexes) run beside the many short ones.
        enum Job { case index, notFound, speakers, passages, article(Int), passage(Int), speaker(Int) }
        var jobs: [Job] = [.index, .speakers, .passages, .notFound]
        jobs += model.articles.indices.map(Job.article)
        jobs += model.annotations.passages.indices.map(Job.passage)
        jobs += model.speakers.indices.map(Job.speaker)
        _ = ParallelMap.map(jobs, chunk: 4) { job in
            switch job {
            case .index: emit("index.html", "index", pages.index(), title: siteTitle, root: "")
            case .notFound: emit("404.html", "404", [:], title: "Not found", root: "/")
            case .speakers: emit(Links.speakers, "speakers", pages.speakersIndex(), title: "Speakers", root: Links.up1)
            case .passages: emit(Links.passages, "passages", pages.passagesIndex(), title: "Shared passages", root: Links.up1)
            case .article(let i):
                let a = model.articles[i]
                emit(Links.File.article(a.id), "article", pages.article(at: i), title: a.title, root: Links.up2)
            case .passage(let p):
                emit(Links.File.passage(model.annotations.passages[p].id), "passage", pages.passage(at: p),
                     title: "Shared passage", root: Links.up2)
            case .speaker(let s):
                emit(Links.File.speaker(model.speakers[s].slug), "speaker", pages.speaker(at: s),
                     title: model.speakers[s].name, root: Links.up2)
            }
        }
        for asset in templates.assets {
            writer.copy(from: templates.folder.appendingPathComponent(asset), to: asset)
        }
        if let error = failures.withLock({ $0.first }) { throw error }
        return 4 + model.articles.count + model.annotations.passages.count + model.speakers.count
    }

}

