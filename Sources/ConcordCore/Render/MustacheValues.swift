import Mustache

// Strings and numbers are most of what Concord's pages print. swift-mustache
// prints any other value through `String(describing:)` after two more dynamic
// casts (lambda, optional); as `MustacheCustomRenderable` they take its first
// branch instead. The output is the same: `renderText` is what
// `String(describing:)` gives, and `isNull` is false, as for any value.

extension String: @retroactive MustacheCustomRenderable {
    public var renderText: String { self }
    public var isNull: Bool { false }
}

extension Int: @retroactive MustacheCustomRenderable {
    public var renderText: String { String(self) }
    public var isNull: Bool { false }
}
