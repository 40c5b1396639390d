import ArgumentParser
import ConcordCore
import Foundation

/// `concord init`: writes the built-in templates out, to be edited.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write Concord's built-in templates into a folder, to edit them.",
        discussion: """
        Builds use the templates folder when it exists and the built-in templates when it does not. \
        A file that already holds other bytes (a template you edited) is kept unless --replace; \
        other files of the folder are never touched.
        """)

    @Option(name: .long, help: "Folder to write the templates to.")
    var templates: String = SiteOptions.defaultTemplates

    @Flag(name: .long, help: "Replace files that differ from the built-in ones.")
    var replace = false

    func run() throws {
        let folder = URL(fileURLWithPath: templates, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let report: BuiltInTemplates.WriteReport
        do { report = try BuiltInTemplates.write(to: folder.standardizedFileURL, replace: replace) } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(2)
        }
        func files(_ n: Int) -> String { n == 1 ? "1 file" : "\(n) files" }
        func list(_ paths: [String]) -> String { paths.map { templates + "/" + $0 }.joined(separator: ", ") }
        if !report.written.isEmpty { print("Wrote \(files(report.written.count)): \(list(report.written))") }
        if !report.unchanged.isEmpty { print("\(files(report.unchanged.count)) already held the built-in bytes") }
        if !report.kept.isEmpty {
            print("Kept \(files(report.kept.count)) you changed (--replace overwrites them with the built-in ones): \(list(report.kept))")
        }
    }
}
