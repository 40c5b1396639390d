import Foundation
import Mustache

/// The Mustache templates and static assets of a `templates/` folder.
///
/// Loaded and checked before anything else runs, so a broken or missing
/// template stops the build (exit 2) with the last good site left in place.
public struct TemplateSet: Sendable {
    public static let required = ["layout", "index", "article", "passage", "passages", "speaker", "speakers", "404"]

    let library: MustacheLibrary
    /// Files other than templates (stylesheets, scripts, images), relative paths, copied as they are.
    public let assets: [String]
    public let folder: URL

    public init(folder: URL) async throws(BuildFailure) {
        self.folder = folder
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir), isDir.boolValue else {
            throw BuildFailure("templates folder '\(folder.path)' does not exist")
        }
        do {
            library = try await MustacheLibrary(directory: folder.path)
        } catch let error as MustacheLibrary.ParserError {
            throw BuildFailure("\(folder.appendingPathComponent(error.filename).path):\(error.context.lineNumber): error: broken template (\(error.error)) near '\(error.context.line.trimmingCharacters(in: .whitespaces))'")
        } catch {
            throw BuildFailure("cannot load templates from '\(folder.path)': \(error)")
        }
        for name in Self.required where library.getTemplate(named: name) == nil {
            throw BuildFailure("\(folder.appendingPathComponent(name + ".mustache").path):1: error: template '\(name)' is missing")
        }
        let walker = FileManager.default.enumerator(atPath: folder.path)
        var assets: [String] = []
        while let path = walker?.nextObject() as? String {
            var isDir: ObjCBool = false
            let full = folder.appendingPathComponent(path).path
            guard !path.hasSuffix(".mustache"), !(path as NSString).lastPathComponent.hasPrefix("."),
                  FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue else { continue }
            assets.append(path)
        }
        self.assets = assets.sorted()
    }

    /// Renders a page body with `template`, then wraps it in `layout`.
    func page(_ template: String, _ context: [String: Any], layout: [String: Any]) throws(BuildFailure) -> String {
        guard let content = library.render(context, withTemplate: template) else {
            throw BuildFailure("template '\(template)' is missing")
        }
        var outer = layout
        outer["content"] = content
        guard let html = library.render(outer, withTemplate: "layout") else {
            throw BuildFailure("template 'layout' is missing")
        }
        return html
    }
}
