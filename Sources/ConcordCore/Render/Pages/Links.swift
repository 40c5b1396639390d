/// Relative links between pages. Every page lives at `<section>/<name>/index.html`
/// (or the root), so links name `index.html` explicitly and work from `file://` too.
enum Links {
    /// Where a page is written, relative to the output folder (ids as they are).
    enum File {
        static func article(_ id: String) -> String { PagePath.article(id).string }
        static func passage(_ id: String) -> String { PagePath.passage(id).string }
        static func speaker(_ slug: String) -> String { PagePath.speaker(slug).string }

        /// `<section><name>/index.html`, its bytes copied into a string made at its size: made
        /// for 112,000 pages at every build of 100,000 articles, where an interpolation took
        /// about twice as long.
        static func path(_ section: StaticString, _ name: String) -> String {
            let tail: StaticString = "/index.html"
            var name = name
            return name.withUTF8 { name in
                String(unsafeUninitializedCapacity: section.utf8CodeUnitCount + name.count + tail.utf8CodeUnitCount) { out in
                    var k = 0
                    func copy(_ part: UnsafeBufferPointer<UInt8>) {
                        _ = UnsafeMutableBufferPointer(rebasing: out[k...]).initialize(from: part); k += part.count
                    }
                    copy(UnsafeBufferPointer(start: section.utf8Start, count: section.utf8CodeUnitCount))
                    copy(name)
                    copy(UnsafeBufferPointer(start: tail.utf8Start, count: tail.utf8CodeUnitCount))
                    return k
                }
            }
        }
    }

    static func article(_ id: String) -> String { "articles/\(HTML.pathSegment(id))/index.html" }
    static func passage(_ id: String) -> String { "passages/\(HTML.pathSegment(id))/index.html" }
    static func speaker(_ slug: String) -> String { "speakers/\(HTML.pathSegment(slug))/index.html" }
    static let speakers = "speakers/index.html"
    static let passages = "passages/index.html"
    /// Prefix from a page at depth 2 (`articles/x/`) back to the root.
    static let up2 = "../../"
    static let up1 = "../"
}
