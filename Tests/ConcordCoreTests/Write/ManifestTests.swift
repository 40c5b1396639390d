import Foundation
import Testing
@testable import ConcordCore

@Suite("Output manifest")
struct ManifestTests {
    /// `OutputFolder.listed` gives exactly the manifest's lines whose path hash passes, in
    /// order: the first and last lines, with and without a final newline, and skips empty lines.
    @Test func listedFindsTheLinesWhoseHashPasses() {
        let paths = ["index.html", "articles/a-1/index.html", "speakers/ö-ü/index.html", "passages/p/index.html", "style.css"]
        let wanted: Set<UInt64> = [PathHash.of(paths[0]), PathHash.of(paths[2]), PathHash.of(paths[4])]
        for ending in ["", "\n", "\n\n"] {
            let manifest = Array((paths.joined(separator: "\n") + ending).utf8)
            #expect(OutputFolder.listed(manifest, where: wanted.contains) == [paths[0], paths[2], paths[4]])
            #expect(OutputFolder.listed(manifest, where: { _ in true }) == paths)
        }
        #expect(OutputFolder.listed(Array("a\n\nb".utf8), where: { _ in true }) == ["a", "b"])
        #expect(OutputFolder.listed(nil, where: { _ in true }).isEmpty)
        #expect(OutputFolder.listed([], where: { _ in true }).isEmpty)
    }

    /// Pruning writes the manifest from the renderer's lines for the pages and the other files'
    /// paths: the files kept, in order, one per line; a file the build did not record is left
    /// out, and a staging file no longer made goes. The renderer's page hashes and lines are
    /// each page's path's, across its chunks of lines (2,100 articles, ids of every length).
    @Test func pruneListsTheKeptFilesFromTheRenderersLines() async throws {
        let articles = try (0..<2100).map { n in
            try ArticleParser().parse(Array("date 2020-01-01 Words of article \(n).".utf8),
                                      path: "a\(n)-" + String(repeating: "é", count: n % 40) + ".txt")
        }.sorted { $0.id < $1.id }
        let renderer = SiteRenderer(templates: try await TemplateSet(folder: Repo.templates), model: SiteModel(articles: articles, annotations: Annotations()))
        #expect(renderer.pathLines.count == (renderer.pages.count + SiteRenderer.lineChunk - 1) / SiteRenderer.lineChunk)
        let pagePaths = renderer.pages.indices.map(renderer.path(at:))
        #expect(renderer.pathHashes == pagePaths.map(PathHash.of))
        #expect(renderer.pathLines.flatMap { $0 } == Array(pagePaths.map { $0 + "\n" }.joined().utf8))
        let others = ["annotations.json", "style.css"]
        let order = SiteFileList(pageHashes: renderer.pathHashes, pageLines: renderer.pathLines, pagePath: renderer.path(at:), others: others)
        let paths = pagePaths + others
        #expect(order.count == paths.count && order.paths == paths)
        #expect((0..<order.count).map(order.hash(at:)) == paths.map(PathHash.of))

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("concord-manifest-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let gone = "articles/gone/index.html", dropped = pagePaths[5]
        for path in [pagePaths[0], dropped, gone, "style.css"] {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(path.utf8).write(to: url)
        }
        func manifest() throws -> String { try String(contentsOf: folder.appendingPathComponent(OutputFolder.manifest), encoding: .utf8) }
        func table(_ paths: [String]) -> FileTable { FileTable(hashes: paths.map(PathHash.of), entries: paths.map { _ in .init(key: 1, checksum: 2) }) }
        // Every file kept.
        OutputFolder.prune(folder, keeping: table(paths), order: order, holding: nil)
        #expect(try manifest() == paths.joined(separator: "\n"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("articles/gone").path))
        // All but one page, which the build did not record.
        let written = paths.filter { $0 != dropped }
        OutputFolder.prune(folder, keeping: table(written), order: order, holding: nil)
        #expect(try manifest() == written.joined(separator: "\n"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(dropped).path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(pagePaths[0]).path))
        // Files given by path alone.
        #expect(SiteFileList(others).manifest(of: nil) == Array("annotations.json\nstyle.css".utf8))
        #expect(SiteFileList([]).manifest(of: nil).isEmpty)
        // In pieces, the same bytes: pages and other files, pages alone (the last line's newline
        // left out), other files alone, nothing.
        let pagesOnly = SiteFileList(pageHashes: renderer.pathHashes, pageLines: renderer.pathLines, pagePath: renderer.path(at:), others: [])
        for list in [order, pagesOnly, SiteFileList(others), SiteFileList([])] {
            let joined = list.withManifestPieces { $0.flatMap { Array($0) } }
            #expect(joined == list.manifest(of: nil))
        }
        #expect(pagesOnly.withManifestPieces { $0.flatMap { Array($0) } }.last == UInt8(ascii: "l"))
        // A manifest that differs from the pieces by one byte, or is a link (when it is compared
        // with them where it lies), is written anew.
        let manifestPath = folder.appendingPathComponent(OutputFolder.manifest).path
        var changed = try Array(Data(contentsOf: URL(fileURLWithPath: manifestPath)))
        changed[changed.count / 2] ^= 1
        try Data(changed).write(to: URL(fileURLWithPath: manifestPath))
        OutputFolder.prune(folder, keeping: table(paths), order: order, holding: nil)
        #expect(try manifest() == paths.joined(separator: "\n"))
        let elsewhere = folder.appendingPathComponent("elsewhere").path
        try FileManager.default.moveItem(atPath: manifestPath, toPath: elsewhere)
        #expect(symlink(elsewhere, manifestPath) == 0)
        // (The folder known to hold nothing to remove: the manifest is not read to find what to.)
        OutputFolder.prune(folder, keeping: table(paths), order: order, holding: FileTable())
        let type = try FileManager.default.attributesOfItem(atPath: manifestPath)[.type] as? FileAttributeType
        #expect(type == .typeRegular)
        #expect(try manifest() == paths.joined(separator: "\n"))
    }
}
