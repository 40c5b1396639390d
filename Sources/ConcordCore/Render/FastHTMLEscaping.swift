import Mustache

/// The escaper Concord registers as Mustache's `HTML` content type: the same
/// five characters as swift-mustache's own, escaped by scanning bytes (its
/// built-in one looks each Character up in a dictionary, which dominated
/// rendering time on large archives). Templates opt in with the first line
/// `{{% CONTENT_TYPE: HTML }}`; without it they still escape, only slower.
struct FastHTMLContentType: MustacheContentType {
    func escapeText(_ text: String) -> String { HTML.escape(text) }

    /// Registers the escaper before templates are parsed (the pragma is resolved at parse time).
    static let registered: Void = { MustacheContentTypes.register(FastHTMLContentType(), named: "HTML") }()
}
