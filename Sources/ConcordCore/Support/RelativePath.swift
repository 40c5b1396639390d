/// Paths relative to a folder (`sub/deeper/c.txt`), as listings and the output's file tables give them.
enum RelativePath {
    /// The folder `path` is in ("" for the top).
    static func folder(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
    }
}
