import Foundation
import Testing
@testable import ConcordCore

/// Paths of the repository (templates, seeds) and temporary archives for tests.
enum Repo {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let templates = root.appendingPathComponent("templates")
    static let seeds = root.appendingPathComponent("seeds")

    static func seedArticles() throws -> [Article] {
        let result = try ArchiveLoader(sourceFolder: seeds).load()
        precondition(result.diagnostics.isEmpty, "\(result.diagnostics)")
        return result.articles
    }
}

/// A temporary folder with a source archive in it, removed by `cleanup()`.
struct TempArchive {
    let root: URL
    var source: URL { root.appendingPathComponent("articles") }
    var output: URL { root.appendingPathComponent("site") }

    init(files: [String: String] = [:]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("concord-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("articles"), withIntermediateDirectories: true)
        for (name, text) in files { try write(name, text) }
    }

    /// Writes a file of the source folder (`photos/a.png`), its folder made if needed.
    func write(_ name: String, _ text: String) throws { try write(name, bytes: Array(text.utf8)) }

    func write(_ name: String, bytes: [UInt8]) throws {
        let url = source.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func copySeeds() throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: Repo.seeds.path) where name.hasSuffix(".txt") {
            try FileManager.default.copyItem(at: Repo.seeds.appendingPathComponent(name), to: source.appendingPathComponent(name))
        }
    }

    /// Writes a generated archive into the source folder (`ArchiveGenerator`, its defaults but these).
    func writeGenerated(_ count: Int, seed: UInt64, boilerplateShare: Double? = nil) throws {
        var options = ArchiveGenerator.Options()
        options.articles = count
        options.seed = seed
        if let boilerplateShare { options.boilerplateShare = boilerplateShare }
        try ArchiveGenerator.write(ArchiveGenerator(options: options).generate(), to: source)
    }

    /// Builds judge stamps as if 3 s after the files were written, so that they are settled
    /// (`FileStamp.isSettled`) and the next build trusts them, as it would a user's files: a
    /// test's builds follow its writes by milliseconds. Tests of unsettled stamps set their own time.
    func options(templates: URL = Repo.templates) -> BuildOptions {
        var o = BuildOptions(source: source, output: output, templates: templates, workingDirectory: root)
        o.stampTime = { FileStamp.now() + 3_000_000_000 }
        return o
    }

    func build(templates: URL = Repo.templates) async throws -> BuildReport {
        try await SiteBuilder(options: options(templates: templates)).build()
    }

    /// Builds the same sources into a new folder `name` and returns its files:
    /// the reference any other build of this archive must equal byte for byte.
    func freshBuild(into name: String = "fresh") async throws -> [String: Data] {
        var options = options()
        options.output = root.appendingPathComponent(name)
        _ = try await SiteBuilder(options: options).build()
        return try snapshot(options.output)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    func cleanup() { try? FileManager.default.removeItem(at: root) }
}

/// Collects what a build logs: diagnostics, one-line notices, progress lines.
final class RecordingLog: BuildLog, @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Diagnostic] = []
    private var noticeLines: [String] = [], progressItems: [String] = [], stageItems: [StageTiming] = []
    func diagnostic(_ d: Diagnostic) { lock.lock(); items.append(d); lock.unlock() }
    func stage(_ s: StageTiming) { lock.lock(); stageItems.append(s); lock.unlock() }
    func notice(_ message: String) { lock.lock(); noticeLines.append(message); lock.unlock() }
    func progress(_ message: String) { lock.lock(); progressItems.append(message); lock.unlock() }
    var diagnostics: [Diagnostic] { lock.lock(); defer { lock.unlock() }; return items }
    var notices: [String] { lock.lock(); defer { lock.unlock() }; return noticeLines }
    var progressLines: [String] { lock.lock(); defer { lock.unlock() }; return progressItems }
    var stages: [StageTiming] { lock.lock(); defer { lock.unlock() }; return stageItems }
}

/// Runs `hook` with the name of each stage a build finishes, the first time it finishes it
/// (a build that starts again runs its stages twice), and collects the notices.
final class StageHookLog: BuildLog, @unchecked Sendable {
    private let lock = NSLock()
    private let hook: (String) -> Void
    private var seen: Set<String> = [], noticeLines: [String] = []
    init(_ hook: @escaping (String) -> Void) { self.hook = hook }
    func diagnostic(_ d: Diagnostic) {}
    func stage(_ s: StageTiming) {
        lock.lock(); let first = seen.insert(s.name).inserted; lock.unlock()
        if first { hook(s.name) }
    }
    func notice(_ message: String) { lock.lock(); noticeLines.append(message); lock.unlock() }
    var notices: [String] { lock.lock(); defer { lock.unlock() }; return noticeLines }
}

extension SplitMix64 {
    /// A number in `0..<n`, for tests that generate their own cases (the same cases every run).
    mutating func next(_ n: Int) -> Int { Int.random(in: 0..<n, using: &self) }
}

/// Generated articles, parsed (for tests that need a realistic archive in memory).
func generatedArticles(_ count: Int, seed: UInt64, quoteParagraphs: Int = 2) throws -> [Article] {
    var options = ArchiveGenerator.Options()
    options.articles = count
    options.seed = seed
    options.quoteParagraphs = quoteParagraphs
    let parser = ArticleParser()
    return try ArchiveGenerator(options: options).generate().map { try parser.parse(Array($0.contents.utf8), path: $0.fileName) }
}

/// Builds the seeds, then again with a copy of the templates that `breaking` changes (it is
/// given the copy's folder): that build must fail, leaving the last site as it was and no
/// staging folder beside it. Returns the failure.
func failureWithBrokenTemplates(_ breaking: (URL) throws -> Void) async throws -> BuildFailure? {
    let archive = try TempArchive()
    defer { archive.cleanup() }
    try archive.copySeeds()
    _ = try await archive.build()
    let before = try snapshot(archive.output)
    let templates = archive.root.appendingPathComponent("templates")
    try FileManager.default.copyItem(at: Repo.templates, to: templates)
    try breaking(templates)
    let error = await #expect(throws: BuildFailure.self) { try await archive.build(templates: templates) }
    #expect(try snapshot(archive.output) == before)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: archive.root.path).filter { $0.contains("staging") }
    #expect(leftovers.isEmpty)
    return error
}
