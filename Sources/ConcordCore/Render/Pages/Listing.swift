/// The pages that list one row per item: the archive index (a row per article),
/// the shared passages and the speakers. Each is cut into rows (`ListTemplate`)
/// so that an incremental build renders only the rows that changed.
enum Listing: CaseIterable, Sendable {
    case articles, passages, speakers

    var page: SiteRenderer.Page {
        switch self {
        case .articles: .index
        case .passages: .passages
        case .speakers: .speakers
        }
    }

    /// The template that renders the page.
    var template: String {
        switch self {
        case .articles: "index"
        case .passages: "passages"
        case .speakers: "speakers"
        }
    }

    /// The template's section that repeats for each row.
    var section: String {
        switch self {
        case .articles: "articles"
        case .passages: "passages"
        case .speakers: "speakers"
        }
    }
}
