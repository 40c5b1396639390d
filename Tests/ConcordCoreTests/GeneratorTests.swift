import Foundation
import Testing
@testable import ConcordCore

@Suite("Archive generator")
struct GeneratorTests {
    /// Dated names: the same files under names that give each article's date and title's first
    /// words (benchmarks with names as long as news sites' ones), all distinct; the date in a
    /// name is the one its front matter gives.
    @Test func datedNamesKeepTheFilesAndGiveTheirDates() throws {
        var o = ArchiveGenerator.Options()
        o.articles = 300; o.seed = 4
        let numbered = ArchiveGenerator(options: o).generate()
        o.datedNames = true
        let dated = ArchiveGenerator(options: o).generate()
        #expect(dated.map(\.contents) == numbered.map(\.contents))
        #expect(Set(dated.map(\.fileName)).count == dated.count)
        for (d, n) in zip(dated, numbered) {
            let number = n.fileName.dropFirst().dropLast(3)          // "a000123.md" → "000123"
            #expect(d.fileName.hasSuffix("-\(number).md"), "\(d.fileName)")
            #expect(d.fileName.range(of: #"^\d{4}-\d{2}-\d{2}-[a-z]+(-[a-z]+){0,2}-\d{6}\.md$"#, options: .regularExpression) != nil, "\(d.fileName)")
            let article = try ArticleParser().parse(Array(d.contents.utf8), path: d.fileName)
            #expect(d.fileName.hasPrefix(article.date.description + "-"), "\(d.fileName) \(article.date)")
        }
        let mean = dated.reduce(0) { $0 + $1.fileName.utf8.count } / dated.count
        #expect((30...50).contains(mean), "mean name length \(mean)")
    }

    /// Quote paragraphs: each article gets 0 to `quoteParagraphs` of them (the truth's quotes),
    /// about half as many on average; the annotator finds about as many. None at 0.
    @Test func quoteParagraphsSetHowManyQuotesAnArticleHas() throws {
        var o = ArchiveGenerator.Options()
        o.articles = 60; o.seed = 9
        func mean(_ articles: [ArchiveGenerator.GeneratedArticle]) -> Double {
            Double(articles.reduce(0) { $0 + $1.quotes.count }) / Double(articles.count)
        }
        let usual = ArchiveGenerator(options: o).generate()
        #expect(usual.allSatisfy { $0.quotes.count <= 2 } && (0.6...1.4).contains(mean(usual)), "\(mean(usual))")
        o.quoteParagraphs = 0
        #expect(ArchiveGenerator(options: o).generate().allSatisfy { $0.quotes.isEmpty })
        o.quoteParagraphs = 20
        let many = ArchiveGenerator(options: o).generate()
        #expect(many.allSatisfy { $0.quotes.count <= 20 } && (8...12).contains(mean(many)), "\(mean(many))")
        let articles = try many.map { try ArticleParser().parse(Array($0.contents.utf8), path: $0.fileName) }
        let found = Annotator().annotate(articles).0.quotes.count
        #expect(Double(found) / Double(articles.count) >= 0.8 * mean(many), "\(found) quotes found")
    }
}
