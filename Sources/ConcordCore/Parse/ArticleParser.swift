/// Turns one file's bytes into an `Article`, or a `Diagnostic` naming the line at fault.
///
/// The format is chosen by content, not extension: a file whose first line is
/// `---` has YAML front matter; any other file must start with `date YYYY-MM-DD`.
public struct ArticleParser: Sendable {
    /// The largest file read as an article: offsets into an article are kept in 32 bits
    /// (`Token.start`), so a larger one would stop the build rather than be left out.
    public static let maxBytes = Int(Int32.max)
    let maxBytes: Int

    public init() { maxBytes = Self.maxBytes }

    /// A parser with another size limit (for tests).
    init(maxBytes: Int) { self.maxBytes = maxBytes }

    /// - Parameters:
    ///   - bytes: the file as read.
    ///   - path: the path relative to the source folder, for ids and messages.
    public func parse(_ bytes: [UInt8], path: String) throws(Diagnostic) -> Article {
        guard bytes.count <= maxBytes else { throw tooLarge(bytes.count, path: path) }
        try SourceText.validate(bytes, path: path)
        let id = ArticleParser.id(forPath: path)
        if FrontMatterParser.startsWithFrontMatter(bytes) {
            return try FrontMatterParser(path: path, id: id).parse(bytes)
        }
        return try DatedTextParser(path: path, id: id).parse(bytes)
    }

    /// What a file of `count` bytes, over `maxBytes`, gets.
    func tooLarge(_ count: Int, path: String) -> Diagnostic {
        Diagnostic(path: path, line: 1, message: "file of \(count) bytes: articles of more than \(maxBytes) bytes are not read")
    }

    /// Reads the file at `file` and parses it; `path` names it in the article and in messages.
    /// A file over `maxBytes` is left out from its size alone, never read.
    public func read(_ file: String, path: String) throws(Diagnostic) -> Article {
        switch FastFiles.read(file, limit: maxBytes) {
        case .success(let bytes): return try parse(bytes, path: path)
        case .failure(.tooLarge(let count)): throw tooLarge(count, path: path)
        case .failure(.unreadable(let errno)):
            // A link that leads nowhere, or round in a loop, is listed so that it is reported here.
            throw Diagnostic(path: path, line: 1, message: "cannot read file: " + FastFiles.whyUnreadable(file, errno: errno))
        }
    }

    /// The article id: the file name without its extension.
    public static func id(forPath path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// File extensions read as articles.
    public static let extensions: Set<String> = ["txt", "md", "markdown"]
    private static let extensionBytes = extensions.map { Array($0.utf8) }

    /// Whether `path` names an article file: what follows its last dot (not past a `/`), in
    /// any case, is one of `extensions`. An ASCII extension is compared byte by byte: making
    /// a lowercased string of each of 100,000 paths took 16–21 ms of every build.
    public static func isArticlePath(_ path: String) -> Bool {
        let utf8 = path.utf8
        if let yes = utf8.withContiguousStorageIfAvailable({ isArticlePath(UnsafeRawBufferPointer($0)) }) { return yes }
        return Array(utf8).withUnsafeBytes { isArticlePath($0) }
    }

    /// The same for a path's UTF-8 bytes where they lie (`PathList`).
    static func isArticlePath(_ path: UnsafeRawBufferPointer) -> Bool {
        guard let dot = path.lastIndex(of: UInt8(ascii: ".")) else { return false }
        let ext = path[(dot + 1)...]
        guard !ext.contains(UInt8(ascii: "/")) else { return false }
        guard ext.allSatisfy({ $0 < 0x80 }) else { return extensions.contains(String(decoding: ext, as: UTF8.self).lowercased()) }
        return extensionBytes.contains { $0.elementsEqual(ext.lazy.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }) }
    }
}
