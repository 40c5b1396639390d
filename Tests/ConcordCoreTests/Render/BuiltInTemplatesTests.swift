import Foundation
import Testing
@testable import ConcordCore

@Suite("Built-in templates")
struct BuiltInTemplatesTests {
    /// A temporary archive of the seeds, and a templates folder beside it that does not exist yet.
    private func seedsWithoutTemplates() throws -> (TempArchive, URL) {
        let archive = try TempArchive()
        try archive.copySeeds()
        return (archive, archive.root.appendingPathComponent("templates"))
    }

    /// The templates compiled in are the repository's `templates/`, file for file and byte for
    /// byte: a file added to `templates/` but not listed in `BuiltInTemplates.files`, or listed
    /// under another's resource, fails here.
    @Test func theyAreTheRepositorysTemplatesFolder() throws {
        let onDisk = (FastFiles.listFiles(under: Repo.templates.path) ?? []).filter { !$0.split(separator: "/").contains { $0.hasPrefix(".") } }
        let builtIn = BuiltInTemplates.files
        #expect(builtIn.map(\.path) == onDisk.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) },
                "templates/ and BuiltInTemplates.files list other files")
        for (path, bytes) in builtIn {
            let same = FastFiles.read(Repo.templates.path + "/" + path) == bytes   // (compared here: a failure would print every byte)
            #expect(same, "templates/\(path) differs from its built-in copy: BuiltInTemplates.files gives it another file's resource")
        }
        let set = try TemplateSet.builtIn()
        #expect(set.isBuiltIn && set.warnings.isEmpty && set.assets == ["style.css"])
    }

    /// With no templates folder, a build asked to fall back takes the built-in templates and
    /// gives the site the repository's templates give, byte for byte; not asked, it fails as
    /// before, naming the folder.
    @Test func aBuildWithoutATemplatesFolderUsesThem() async throws {
        let (archive, missing) = try seedsWithoutTemplates()
        defer { archive.cleanup() }
        var options = archive.options(templates: missing)
        let error = await #expect(throws: BuildFailure.self) { try await SiteBuilder(options: options).build() }
        #expect(error?.message == "templates folder '\(missing.path)' does not exist")
        options.builtInTemplatesWhenMissing = true
        #expect(options.usesBuiltInTemplates)
        let report = try await SiteBuilder(options: options).build()
        #expect(report.diagnostics.isEmpty)
        let builtIn = try snapshot(archive.output)
        let reference = try await archive.freshBuild()
        #expect(builtIn == reference)
        #expect(builtIn["style.css"] == FastFiles.read(Repo.templates.path + "/style.css").map { Data($0) })
    }

    /// Switching between the built-in templates and a folder of edited ones, incrementally, gives
    /// what a full build with the same templates gives.
    @Test func switchingToAFolderAndBackRebuildsAsAFullBuild() async throws {
        let (archive, folder) = try seedsWithoutTemplates()
        defer { archive.cleanup() }
        var options = archive.options(templates: folder)
        options.builtInTemplatesWhenMissing = true
        _ = try await SiteBuilder(options: options).build()
        let builtIn = try snapshot(archive.output)

        _ = try BuiltInTemplates.write(to: folder, replace: false)
        let layout = folder.appendingPathComponent("layout.mustache")
        try Data(String(decoding: try Data(contentsOf: layout), as: UTF8.self).replacingOccurrences(of: "</body>", with: "<footer>Our archive</footer></body>").utf8)
            .write(to: layout)
        try Data("body { color: navy }\n".utf8).write(to: folder.appendingPathComponent("style.css"))
        #expect(!options.usesBuiltInTemplates)
        _ = try await SiteBuilder(options: options).build()
        let edited = try snapshot(archive.output)
        var fresh = archive.options(templates: folder)
        fresh.output = archive.root.appendingPathComponent("fresh-edited")
        _ = try await SiteBuilder(options: fresh).build()
        #expect(try edited == snapshot(fresh.output))
        #expect(String(decoding: edited["index.html"] ?? Data(), as: UTF8.self).contains("<footer>Our archive</footer>"))
        #expect(edited["style.css"] == Data("body { color: navy }\n".utf8))

        try FileManager.default.removeItem(at: folder)
        _ = try await SiteBuilder(options: options).build()
        #expect(try snapshot(archive.output) == builtIn)
    }

    /// `concord init` writes every built-in file, then finds them unchanged; an edited file is
    /// kept unless `replace`; a file of its own in the folder is never touched; a folder where a
    /// template goes is an error naming it.
    @Test func writingThemOutKeepsEditedFiles() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("concord-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("site/templates")
        let all = BuiltInTemplates.files.map(\.path)

        #expect(try BuiltInTemplates.write(to: folder, replace: false) == .init(written: all))
        for (path, bytes) in BuiltInTemplates.files { #expect(FastFiles.read(folder.path + "/" + path) == bytes) }
        #expect(try BuiltInTemplates.write(to: folder, replace: false) == .init(unchanged: all))

        let css = folder.appendingPathComponent("style.css"), own = folder.appendingPathComponent("extra.mustache")
        try Data("mine".utf8).write(to: css)
        try Data("{{title}}".utf8).write(to: own)
        #expect(try BuiltInTemplates.write(to: folder, replace: false) == .init(unchanged: all.filter { $0 != "style.css" }, kept: ["style.css"]))
        #expect(try Data(contentsOf: css) == Data("mine".utf8))
        #expect(try BuiltInTemplates.write(to: folder, replace: true) == .init(written: ["style.css"], unchanged: all.filter { $0 != "style.css" }))
        #expect(FastFiles.read(css.path) == BuiltInTemplates.files.first { $0.path == "style.css" }?.bytes)
        #expect(try Data(contentsOf: own) == Data("{{title}}".utf8))

        let partial = folder.appendingPathComponent("partials/meta.mustache")
        try FileManager.default.removeItem(at: partial)
        try FileManager.default.createDirectory(at: partial, withIntermediateDirectories: true)
        let error = #expect(throws: BuildFailure.self) { try BuiltInTemplates.write(to: folder, replace: true) }
        #expect(error?.message.contains(partial.path) == true)
    }
}
