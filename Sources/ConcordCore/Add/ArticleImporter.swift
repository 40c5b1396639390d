import Foundation

/// Copies new article files into the source folder under safe, unique names.
///
/// Each file is parsed first (the same checks and messages as a build); a bad
/// one is reported and not copied. A name is made safe (letters, digits,
/// `.`, `_`, `-`), and made unique by a `-2`, `-3`, … suffix unless
/// `replace` is set, in which case the article with that id is replaced
/// (other files with the same id are removed so the id stays unique). Files
/// are written beside their final name and renamed into place.
public struct ArticleImporter: Sendable {
    public let sourceFolder: URL
    public let replace: Bool

    public init(sourceFolder: URL, replace: Bool = false) {
        self.sourceFolder = sourceFolder; self.replace = replace
    }

    public struct Outcome: Sendable {
        /// (file given, path written relative to the source folder)
        public var added: [(String, String)] = []
        public var diagnostics: [Diagnostic] = []
        /// The source folder's article files after the import, as `ArchiveLoader.articlePaths()`
        /// lists them (sorted): the build that follows takes them instead of listing the folder again.
        public var articlePaths: [String] = []
    }

    public func importFiles(_ files: [URL]) throws(BuildFailure) -> Outcome {
        var outcome = Outcome()
        var paths = try ArchiveLoader(sourceFolder: sourceFolder).articlePaths()
        var existing = Dictionary(grouping: paths, by: { ArticleParser.id(forPath: $0) })
        /// Puts `path` in `paths` in order, or takes it out.
        func note(_ path: String, present: Bool) {
            let lo = paths.sortedPosition(of: path)
            let there = lo < paths.count && paths[lo] == path
            if present && !there { paths.insert(path, at: lo) } else if !present && there { paths.remove(at: lo) }
        }
        let parser = ArticleParser()
        for file in files {
            let shown = file.path
            let ext = file.pathExtension.lowercased()
            guard ArticleParser.extensions.contains(ext) else {
                outcome.diagnostics.append(Diagnostic(path: shown, line: 1,
                    message: "not an article file: use .txt (dated plain text) or .md (front matter)"))
                continue
            }
            let bytes: [UInt8]
            do throws(Diagnostic) { bytes = try parser.read(file.path, path: shown).source } catch {
                outcome.diagnostics.append(error)
                continue
            }
            let base = Self.safeName(file.deletingPathExtension().lastPathComponent)
            var id = base
            if replace {
                for path in existing[id] ?? [] {
                    if (try? FileManager.default.removeItem(at: sourceFolder.appendingPathComponent(path))) != nil { note(path, present: false) }
                }
            } else {
                var n = 2
                while existing[id] != nil { id = "\(base)-\(n)"; n += 1 }
            }
            let name = id + "." + ext
            let target = sourceFolder.appendingPathComponent(name)
            let temp = sourceFolder.appendingPathComponent(".\(name).adding-\(ProcessInfo.processInfo.processIdentifier)")
            do {
                try Data(bytes).write(to: temp)
                if FileManager.default.fileExists(atPath: target.path) { try FileManager.default.removeItem(at: target) }
                try FileManager.default.moveItem(at: temp, to: target)
            } catch {
                try? FileManager.default.removeItem(at: temp)
                throw BuildFailure("cannot write '\(target.path)': \(error.localizedDescription)")
            }
            existing[id] = [name]
            note(name, present: true)
            outcome.added.append((shown, name))
        }
        outcome.articlePaths = paths
        return outcome
    }

    /// Letters, digits, `.`, `_` and `-` (see `ASCIIName`); never hidden or empty.
    public static func safeName(_ name: String) -> String {
        ASCIIName.make(name, keeping: [".", "_", "-"], fallback: "article")
    }
}
