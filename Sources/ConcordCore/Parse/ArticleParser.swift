/// Turns one file's bytes into an `Article`, or a `Diagnostic` naming the line at fault.
///
/// The format is chosen by content, not extension: a file whose first line is
/// `---` has YAML front matter; any other file must start with `date YYYY-MM-DD`.
public struct ArticleParser: Sendable {
    public init() {}

    /// - Parameters:
    ///   - bytes: the file as read.
    ///   - path: the path relative to the source folder, for ids and messages.
    public func parse(_ bytes: [UInt8], path: String) throws(Diagnostic) -> Article {
        try SourceText.validate(bytes, path: path)
        let id = ArticleParser.id(forPath: path)
        if FrontMatterParser.startsWithFrontMatter(bytes) {
            return try FrontMatterParser(path: path, id: id).parse(bytes)
        }
        return try DatedTextParser(path: path, id: id).parse(bytes)
    }

    /// The article id: the file name without its extension.
    public static func id(forPath path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// File extensions read as articles.
    public static let extensions: Set<String> = ["txt", "md", "markdown"]
}
