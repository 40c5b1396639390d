import Mustache

/// One row of a long Mustache list (the archive index has one per article).
///
/// The same lookups as a `[String: Any]`, but a plain class conforming to
/// `MustacheParent`: swift-mustache checks every variable's object with
/// `as? MustacheParent`, which for a dictionary is a conditional conformance
/// the runtime resolves far more slowly than a class's own.
final class ContextRow: MustacheParent, @unchecked Sendable {
    let values: [String: Any]
    init(_ values: [String: Any]) { self.values = values }
    func child(named name: String) -> Any? { values[name] }
}
