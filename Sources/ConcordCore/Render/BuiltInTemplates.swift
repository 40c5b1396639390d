import Foundation

/// The templates compiled into Concord: the repository's `templates/` folder, embedded by
/// `scripts/embed-templates`. A build uses them where no templates folder exists (so the
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

    /// The built-in files' bytes by relative path.
    static var bytes: [(path: String, bytes: [UInt8])] { files.map { ($0.path, Array($0.text.utf8)) } }

    /// Writes the built-in templates into `folder` (created with the folders above it when
    /// missing). A file that already holds other bytes is kept unless `replace`; files of the
    /// folder that are not built-in ones are never touched.
    public static func write(to folder: URL, replace: Bool) throws(BuildFailure) -> WriteReport {
        var report = WriteReport()
        for (path, bytes) in self.bytes {
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
