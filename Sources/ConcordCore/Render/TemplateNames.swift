/// Finds names in templates that no page gives a value for.
///
/// Mustache renders a name it cannot find as nothing, so a misspelt `{{titel}}` left every
/// article's heading empty, in silence. Each name a template uses (in a value, a section or an
/// inverted section) is looked up in the names Concord's pages give (`PageContexts.names`);
/// one that is not there is a warning with its file and line, and the name it most likely
/// meant.
enum TemplateNames {
    /// A name used in a template that no page gives, where it is, and a likely meaning.
    struct Unknown: Equatable { var name: String; var line: Int; var meant: String? }

    /// The names in `text` (delimiters set in it followed) that `known` lacks, in order.
    static func unknown(in text: String, known: Set<String>) -> [Unknown] {
        MustacheTags.of(text).compactMap { tag, line in
            guard let name = name(of: tag), !known.contains(name) else { return nil }
            return Unknown(name: name, line: line, meant: Spelling.closest(to: name, among: known.sorted()))
        }
    }

    /// The name a tag looks up (of a dotted name, its first part); nil for tags that look up
    /// none: comments, partials, blocks, delimiters, pragmas, closing tags, `{{.}}`, transforms.
    static func name(of tag: Substring) -> String? {
        var t = MustacheTags.trimmed(tag)
        guard let kind = t.first else { return nil }
        switch kind {
        case "!", ">", "<", "$", "=", "%", "/": return nil
        case "#", "^", "&": t = t.dropFirst()
        case "{": t = t.dropFirst(); if t.last == "}" { t = t.dropLast() }
        default: break
        }
        let name = MustacheTags.trimmed(t)
        guard !name.isEmpty, name != ".", !name.containsASCII("("), !name.containsASCII("*") else { return nil }
        return String(name.split(separator: ".", omittingEmptySubsequences: false)[0])
    }
}
