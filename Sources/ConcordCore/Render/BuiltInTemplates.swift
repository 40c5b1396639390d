import Foundation

/// The templates compiled into Concord: the repository's `templates/` folder, embedded by
/// SwiftPM (`.embedInCode` in Package.swift, as `PackageResources`). A build uses them where no templates folder exists (so the
/// binary builds a site from any folder of articles), and `concord init` writes them out to
/// be edited.
public enum BuiltInTemplates {
    /// What `write(to:replace:)` did with each file (paths relative to the folder).
    public struct WriteReport: Sendable, Equatable {
        /// Files created, or replaced (`replace`).
        public var written: [String] = []
        /// Files that already held the built-in bytes.
        public var unchanged: [String] = []
        /// Files that hold other bytes (edited templates), left as they are.
        public var kept: [String] = []
    }

    /// Every file of `templates/`, by relative path (sorted), with its bytes. SwiftPM names each
    /// resource by its file name alone, so the paths are listed here: a file added to
    /// `templates/` and not here fails `BuiltInTemplatesTests`.
    static let files: [(path: String, bytes: [UInt8])] = [
        ("404.mustache", PackageResources._04_mustache),
        ("article.mustache", PackageResources.article_mustache),
        ("index.mustache", PackageResources.index_mustache),
        ("layout.mustache", PackageResources.layout_mustache),
        ("partials/meta.mustache", PackageResources.meta_mustache),
        ("passage.mustache", PackageResources.passage_mustache),
        ("passages.mustache", PackageResources.passages_mustache),
        ("speaker.mustache", PackageResources.speaker_mustache),
        ("speakers.mustache", PackageResources.speakers_mustache),
        ("style.css", PackageResources.style_css),
    ]

    /// Writes the built-in templates into `folder` (created with the folders above it when
    /// missing). A file that already holds other bytes is kept unless `replace`; files of the
    /// folder that are not built-in ones are never touched.
    public static func write(to folder: URL, replace: Bool) throws(BuildFailure) -> WriteReport {
        var report = WriteReport()
        for (path, bytes) in files {
            let file = folder.appendingPathComponent(path)
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: file.path, isDirectory: &isDir) {
                if isDir.boolValue { throw BuildFailure("'\(file.path)' is a folder: the template '\(path)' cannot be written there") }
                if FastFiles.read(file.path) == bytes { report.unchanged.append(path); continue }
                if !replace { report.kept.append(path); continue }
            }
            do {
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: file, options: .atomic)
            } catch {
                throw BuildFailure("cannot write '\(file.path)': \(error.localizedDescription)")
            }
            report.written.append(path)
        }
        return report
    }
}
