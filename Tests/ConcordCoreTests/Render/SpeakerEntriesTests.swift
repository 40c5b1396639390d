import Foundation
import Testing
@testable import ConcordCore

/// A speaker page put together entry by entry (`SiteRenderer.speakerHTML`), its entries
/// rendered here or copied from the last build's page, must be byte for byte the page
/// rendered whole.
@Suite("Speaker pages by entry")
struct SpeakerEntriesTests {
    /// The seeds and a quote-dense generated archive: many speakers, entries with several copies.
    static func articles() throws -> [Article] {
        try Repo.seedArticles() + generatedArticles(90, seed: 7, quoteParagraphs: 12)
    }

    static func renderer(_ articles: [Article], stencils: Bool = true) async throws -> SiteRenderer {
        let model = SiteModel(articles: articles, annotations: Annotator().annotateAll(articles).annotations)
        return SiteRenderer(templates: try await TemplateSet(folder: Repo.templates, stencils: stencils), model: model)
    }

    @Test(arguments: [true, false])
    func pagesByEntryAreThePagesRenderedWhole(stencils: Bool) async throws {
        let renderer = try await Self.renderer(try Self.articles(), stencils: stencils)
        #expect(renderer.model.speakers.count > 10)
        var several = 0
        for s in renderer.model.speakers.indices {
            let made = try #require(try renderer.speakerHTML(s, previous: nil))
            let whole = Array(try renderer.html(of: .speaker(s)).utf8)
            #expect(made.html.joined == whole, "\(renderer.path(of: .speaker(s)))")
            #expect(made.reused == 0)
            #expect(made.rows.pageChecksum == Checksum.of(whole))
            // Every entry is where its row says.
            let text = String(decoding: whole, as: UTF8.self)
            #expect(made.rows.rows.count == text.components(separatedBy: "<li>\n<blockquote>").count - 1)
            for r in made.rows.rows {
                let entry = String(decoding: whole[r.start..<(r.start + r.count)], as: UTF8.self)
                #expect(entry.hasPrefix("<li>") && entry.hasSuffix("</li>\n"), "\(entry)")
                if entry.contains("In 2 articles") || entry.contains("In 3 articles") { several += 1 }
            }
        }
        #expect(several > 0, "some entries group copies from several articles")
    }

    /// The last build's page and rows, then a page of a changed archive: the entries of
    /// clusters no change reached are copied, and the page is the one rendered whole.
    @Test func keptEntriesMakeThePageOfTheChangedArchive() async throws {
        let all = try Self.articles()
        let before = try await Self.renderer(Array(all.dropLast(6)))
        let after = try await Self.renderer(all)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("concord-speaker-entries-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var kept = 0, made = 0, pages = 0
        for s in after.model.speakers.indices {
            let name = after.model.speakers[s].name
            guard let old = before.model.speakers.firstIndex(where: { $0.name == name }) else { continue }
            let last = try #require(try before.speakerHTML(old, previous: nil))
            let url = folder.appendingPathComponent("\(s).html")
            try Data(last.html.joined).write(to: url)
            let file = try #require(FastFiles.Mapped(url.path))
            let page = try #require(try after.speakerHTML(s, previous: (file, last.rows)))
            #expect(page.html.joined == Array(try after.html(of: .speaker(s)).utf8), "\(name)")
            kept += page.reused; made += page.rows.rows.count - page.reused; pages += 1
        }
        #expect(pages > 10)
        #expect(kept > 0 && made > 0, "kept \(kept), made \(made)")
        #expect(kept > 5 * made, "most entries are kept: kept \(kept), made \(made)")
    }

    @Test func rowsFileRoundTripsAndRefusesDamage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("concord-rows-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows = SpeakerRows(pageChecksum: 42, rows: [.init(cluster: 7, lead: 0, start: 10, count: 20), .init(cluster: 9, lead: 2, start: 30, count: 5)])
        let hash: UInt64 = 0x00ab_cdef_0123_4567
        #expect(rows.write(to: folder, pathHash: hash))
        let name = SpeakerRows.fileName(pathHash: hash)
        #expect(name == "rows-00abcdef01234567.bin")
        #expect(SpeakerRows.pathHash(ofFileName: name) == hash)
        #expect(SpeakerRows.pathHash(ofFileName: "rows-xyz.bin") == nil && SpeakerRows.pathHash(ofFileName: "articles-000-1.bin") == nil)
        #expect(BuildCache.isCacheFile(name))
        #expect(SpeakerRows.read(from: folder, pathHash: hash) == rows)
        // One byte changed: the file's checksum refuses it.
        let url = folder.appendingPathComponent(name)
        var bytes = try [UInt8](Data(contentsOf: url))
        bytes[bytes.count / 2] ^= 1
        try Data(bytes).write(to: url)
        #expect(SpeakerRows.read(from: folder, pathHash: hash) == nil)
        #expect(SpeakerRows.read(from: folder, pathHash: hash + 1) == nil)
    }

    /// A speaker template whose entries read one of the page's own values is not cut: its pages render whole.
    @Test func entriesReadingThePagesValuesAreNotCut() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("concord-speaker-templates-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: Repo.templates, to: folder)
        #expect(try await TemplateSet(folder: folder).speakerEntries != nil)
        let url = folder.appendingPathComponent("speaker.mustache")
        let text = try String(contentsOf: url, encoding: .utf8)
        try text.replacingOccurrences(of: "<blockquote>{{text}}</blockquote>", with: "<blockquote>{{text}} ({{name}})</blockquote>")
            .write(to: url, atomically: true, encoding: .utf8)
        let templates = try await TemplateSet(folder: folder)
        #expect(templates.speakerEntries == nil)
        let articles = try Repo.seedArticles()
        let renderer = SiteRenderer(templates: templates, model: SiteModel(articles: articles, annotations: Annotator().annotateAll(articles).annotations))
        #expect(try renderer.speakerHTML(0, previous: nil) == nil)
        #expect(try renderer.html(of: .speaker(0)).contains("(\(HTML.escape(renderer.model.speakers[0].name)))"))
    }
}
