import Foundation
import Testing
@testable import ConcordCore

@Suite("Output manifest")
struct ManifestTests {
    /// `OutputFolder.listed` gives exactly the manifest's lines whose path hash passes, in
    /// order: the first and last lines, with and without a final newline, and skips empty lines.
    @Test func listedFindsTheLinesWhoseHashPasses() {
        let paths = ["index.html", "articles/a-1/index.html", "speakers/ö-ü/index.html", "passages/p/index.html", "style.css"]
        let wanted: Set<UInt64> = [PathHash.of(paths[0]), PathHash.of(paths[2]), PathHash.of(paths[4])]
        for ending in ["", "\n", "\n\n"] {
            let manifest = Array((paths.joined(separator: "\n") + ending).utf8)
            #expect(OutputFolder.listed(manifest, where: wanted.contains) == [paths[0], paths[2], paths[4]])
            #expect(OutputFolder.listed(manifest, where: { _ in true }) == paths)
        }
        #expect(OutputFolder.listed(Array("a\n\nb".utf8), where: { _ in true }) == ["a", "b"])
        #expect(OutputFolder.listed(nil, where: { _ in true }).isEmpty)
        #expect(OutputFolder.listed([], where: { _ in true }).isEmpty)
    }
}
